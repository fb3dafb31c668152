package api

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

type refJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func unitRef(u *domain.Unit) *refJSON {
	if u == nil {
		return nil
	}
	return &refJSON{Code: u.Code, Name: u.Name}
}

type attachmentJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	URL         string `json:"url"`
}

type actorJSON struct {
	Role domain.Role `json:"role"`
	Unit *refJSON    `json:"unit,omitempty"`
}

type eventJSON struct {
	Seq         int              `json:"seq"`
	Type        domain.EventType `json:"type"`
	At          time.Time        `json:"at"`
	Actor       actorJSON        `json:"actor"`
	FromStatus  domain.Status    `json:"from_status,omitempty"`
	ToStatus    domain.Status    `json:"to_status,omitempty"`
	Unit        *refJSON         `json:"unit,omitempty"`
	Message     string           `json:"message,omitempty"`
	Reason      string           `json:"reason,omitempty"`
	Params      domain.Params    `json:"params,omitempty"`
	Rating      int              `json:"rating,omitempty"`
	Internal    bool             `json:"internal,omitempty"`
	Attachments []attachmentJSON `json:"attachments,omitempty"`
}

type reportJSON struct {
	TrackingID    string              `json:"tracking_id"`
	Kind          domain.Kind         `json:"kind"`
	Status        domain.Status       `json:"status"`
	Title         string              `json:"title"`
	Body          string              `json:"body"`
	Category      *refJSON            `json:"category"`
	Unit          *refJSON            `json:"unit"`
	RequestedUnit *refJSON            `json:"requested_unit,omitempty"`
	IncidentDate  string              `json:"incident_date,omitempty"`
	Location      locationJSON        `json:"location"`
	Anonymous     bool                `json:"anonymous"`
	Confidential  bool                `json:"confidential"`
	ShowName      bool                `json:"show_name"`
	Channel       domain.Channel      `json:"channel"`
	Reporter      *identityJSON       `json:"reporter"`
	Source        *sourceJSON         `json:"source,omitempty"` // the post it came from; only with the reporter
	Rating        int                 `json:"rating,omitempty"`
	CreatedAt     time.Time           `json:"created_at"`
	UpdatedAt     time.Time           `json:"updated_at"`
	Timeline      []eventJSON         `json:"timeline"`
	Attachments   []attachmentJSON    `json:"attachments"`
	Actions       []domain.Action     `json:"actions"`
	Supports      int                 `json:"supports"`
	Information   *domain.Information `json:"information,omitempty"` // information requests
	Suggestions   *suggestionsJSON    `json:"suggestions,omitempty"` // admins only (triage.go in the service)
	dueJSON                           // due_at, due_kind, overdue (deadlines.go)
}

type suggestionJSON struct {
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	Confidence float64 `json:"confidence"`
}

type suggestionsJSON struct {
	Units      []suggestionJSON `json:"units"`
	Categories []suggestionJSON `json:"categories"`
}

func presentSuggestions(s *service.Suggestions) *suggestionsJSON {
	if s == nil {
		return nil
	}
	out := &suggestionsJSON{Units: []suggestionJSON{}, Categories: []suggestionJSON{}}
	round := func(f float64) float64 { return math.Round(f*1000) / 1000 }
	for _, u := range s.Units {
		out.Units = append(out.Units, suggestionJSON{Code: u.Unit.Code, Name: u.Unit.Name, Confidence: round(u.Confidence)})
	}
	for _, c := range s.Categories {
		out.Categories = append(out.Categories, suggestionJSON{Code: c.Category.Code, Name: c.Category.Name, Confidence: round(c.Confidence)})
	}
	return out
}

func presentAttachments(trackingID string, files []domain.Attachment) []attachmentJSON {
	out := []attachmentJSON{}
	for _, f := range files {
		out = append(out, attachmentJSON{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size,
			SHA256: f.SHA256, URL: fmt.Sprintf("/api/v1/reports/%s/attachments/%d", trackingID, f.ID)})
	}
	return out
}

// noticeText writes the sentence of a scheduler notice in the language the
// request asks for (Accept-Language), its times in the instance's zone.
func (a *API) noticeText(r *http.Request) func(service.EventView) string {
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	loc := a.svc.Location()
	tr := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	f := i18n.Formatter(lang, loc)
	return func(e service.EventView) string { return service.NoticeText(e, tr, f) }
}

// presentReport is the JSON of a report view; notice writes the sentence
// of a scheduler notice, which is its message.
func presentReport(rv *service.ReportView, notice func(service.EventView) string) reportJSON {
	r := rv.Report
	out := reportJSON{
		TrackingID: r.TrackingID, Kind: r.Kind, Status: r.Status, Title: r.Title, Body: r.Body,
		Unit: unitRef(rv.Unit), IncidentDate: r.IncidentDate,
		Location: locationJSON{Address: r.Location.Address, Kelurahan: r.Location.Kelurahan,
			Kecamatan: r.Location.Kecamatan, AreaID: r.Location.AreaID, Lat: r.Location.Lat, Lon: r.Location.Lon},
		Anonymous: r.Anonymous, Confidential: r.Confidential, ShowName: r.ShowName, Channel: r.Channel,
		Rating: r.Rating, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Attachments: presentAttachments(r.TrackingID, rv.Attachments), Timeline: []eventJSON{},
		Actions: rv.Actions, Supports: rv.Supports, dueJSON: presentDue(r, rv.Overdue), Information: rv.Information,
		Suggestions: presentSuggestions(rv.Suggestions),
	}
	if out.Actions == nil {
		out.Actions = []domain.Action{}
	}
	if rv.Access != service.AccessPublic {
		out.RequestedUnit = unitRef(rv.RequestedUnit)
	}
	if rv.Category != nil {
		out.Category = &refJSON{Code: rv.Category.Code, Name: rv.Category.Name}
	}
	if rv.Reporter != nil {
		out.Reporter = &identityJSON{Name: rv.Reporter.Name, Email: rv.Reporter.Email, Phone: rv.Reporter.Phone}
	}
	if rv.Source != nil && rv.Reporter != nil {
		out.Source = &sourceJSON{Network: rv.Source.Network, PostURL: rv.Source.PostURL, AuthorHandle: rv.Source.AuthorHandle,
			MediaURLs: rv.Source.MediaURLs, PostedAt: rv.Source.PostedAt}
	}
	for _, e := range rv.Timeline {
		ej := eventJSON{Seq: e.Seq, Type: e.Type, At: e.CreatedAt, Actor: actorJSON{Role: e.ActorRole, Unit: unitRef(e.ActorUnit)},
			FromStatus: e.FromStatus, ToStatus: e.ToStatus, Unit: unitRef(e.Unit), Message: e.Message,
			Reason: e.Reason, Params: e.Params, Rating: e.Rating, Internal: e.Internal}
		if text := notice(e); text != "" {
			ej.Message = text
		}
		if len(e.Attachments) > 0 {
			ej.Attachments = presentAttachments(r.TrackingID, e.Attachments)
		}
		out.Timeline = append(out.Timeline, ej)
	}
	return out
}

type reportSummaryJSON struct {
	TrackingID   string         `json:"tracking_id"`
	Kind         domain.Kind    `json:"kind"`
	Status       domain.Status  `json:"status"`
	Title        string         `json:"title"`
	Unit         *refJSON       `json:"unit"`
	Category     *refJSON       `json:"category"`
	Anonymous    bool           `json:"anonymous"`
	Confidential bool           `json:"confidential"`
	Channel      domain.Channel `json:"channel"`
	CreatedAt    time.Time      `json:"created_at"`
	UpdatedAt    time.Time      `json:"updated_at"`
	dueJSON                     // due_at, due_kind, overdue (deadlines.go)
}

type inboxJSON struct {
	Total   int                 `json:"total"`
	Exact   bool                `json:"total_exact"`    // false: more than total match
	Next    string              `json:"next,omitempty"` // cursor of the next page: ?after=
	Page    int                 `json:"page"`
	PerPage int                 `json:"per_page"`
	Reports []reportSummaryJSON `json:"reports"`
}

func presentSummary(it service.InboxItem) reportSummaryJSON {
	r := it.Report
	s := reportSummaryJSON{TrackingID: r.TrackingID, Kind: r.Kind, Status: r.Status, Title: r.Title,
		Unit: unitRef(it.Unit), Anonymous: r.Anonymous, Confidential: r.Confidential, Channel: r.Channel,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, dueJSON: presentDue(r, it.Overdue)}
	if it.Category != nil {
		s.Category = &refJSON{Code: it.Category.Code, Name: it.Category.Name}
	}
	return s
}

// sourceJSON is the social media post a report came from.
type sourceJSON struct {
	Network      string     `json:"network"`
	PostURL      string     `json:"post_url"`
	AuthorHandle string     `json:"author_handle"`
	MediaURLs    []string   `json:"media_urls,omitempty"`
	PostedAt     *time.Time `json:"posted_at,omitempty"`
}
