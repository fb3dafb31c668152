package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/download"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

type locationJSON struct {
	Address   string   `json:"address"`
	Kelurahan string   `json:"kelurahan,omitempty"`
	Kecamatan string   `json:"kecamatan,omitempty"`
	AreaID    *int64   `json:"area_id,omitempty"` // a kelurahan of GET /api/v1/areas
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
}

type identityJSON struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

type submitRequest struct {
	Kind         string        `json:"kind"`
	Title        string        `json:"title"`
	Body         string        `json:"body"`
	Category     string        `json:"category"`
	Unit         string        `json:"unit"`
	IncidentDate string        `json:"incident_date"`
	Location     *locationJSON `json:"location"`
	Anonymous    bool          `json:"anonymous"`
	Confidential bool          `json:"confidential"`
	ShowName     bool          `json:"show_name"`
	Reporter     *identityJSON `json:"reporter"`
	// Information is what an information request asks for (issue 13).
	Information *domain.Information `json:"information"`
}

func (q submitRequest) submission() domain.Submission {
	s := domain.Submission{
		Kind: domain.Kind(q.Kind), Title: q.Title, Body: q.Body, Category: q.Category, Unit: q.Unit,
		IncidentDate: q.IncidentDate, Anonymous: q.Anonymous, Confidential: q.Confidential,
		ShowName: q.ShowName, Channel: domain.ChannelAPI, Information: q.Information,
	}
	if q.Location != nil {
		s.Location = domain.Location{Address: q.Location.Address, Kelurahan: q.Location.Kelurahan,
			Kecamatan: q.Location.Kecamatan, AreaID: q.Location.AreaID, Lat: q.Location.Lat, Lon: q.Location.Lon}
	}
	if q.Reporter != nil {
		s.Reporter = domain.Identity{Name: q.Reporter.Name, Email: q.Reporter.Email, Phone: q.Reporter.Phone}
	}
	return s
}

type submitResponse struct {
	TrackingID string        `json:"tracking_id"`
	Receipt    string        `json:"receipt"`
	Status     domain.Status `json:"status"`
}

func (a *API) submit(w http.ResponseWriter, r *http.Request) error {
	var req submitRequest
	form, err := a.readPayload(w, r, "report", &req)
	if err != nil {
		return err
	}
	defer form.Done()
	sub := req.submission()
	if sub.Reporter.Email != "" {
		sub.Reporter.Lang = string(i18n.Negotiate(r.Header.Get("Accept-Language"))) // the language of their e-mails
	}
	rc, err := a.svc.Submit(r.Context(), service.Public, sub, form.Files)
	form.Done() // the slot bounds the work on the files, not the answer
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/reports/"+rc.TrackingID)
	writeJSON(w, http.StatusCreated, submitResponse{TrackingID: rc.TrackingID, Receipt: rc.Receipt, Status: rc.Status})
	return nil
}

func (a *API) report(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	rv, err := a.svc.Report(r.Context(), r.PathValue("tracking_id"), v)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, presentReport(rv, a.noticeText(r)))
	return nil
}

type actionRequest struct {
	Action        string `json:"action"`
	Unit          string `json:"unit"`
	Message       string `json:"message"`
	Note          string `json:"note"`           // verify, reroute: for the unit, staff only
	PublicMessage string `json:"public_message"` // verify, reroute: for the reporter and the public
	Reason        string `json:"reason"`
	Rating        int    `json:"rating"`
	Title         string `json:"title"`
	Category      string `json:"category"` // set_category
	// The information actions: answer, object, objection_answer.
	Outcome string `json:"outcome"`
	Ground  string `json:"ground"`
	Holder  string `json:"holder"`
	Link    string `json:"link"`
	// mark_duplicate: the tracking ID of the report this one repeats.
	Original string `json:"original"`
}

// input is the action the request asks for. On verify and reroute the
// message to the unit is internal: "note" says so explicitly, and a bare
// "message" (what clients sent before the two were separated) keeps the
// meaning it was labelled with, a message to the unit, now staff only;
// only "public_message" reaches the reporter and the public.
func (req actionRequest) input() (domain.ActionInput, error) {
	in := domain.ActionInput{Action: domain.Action(req.Action), Unit: req.Unit, Message: req.Message,
		Note: req.Note, Reason: req.Reason, Rating: req.Rating, Title: req.Title, Category: req.Category,
		Outcome: req.Outcome, Ground: req.Ground, Holder: req.Holder, Link: req.Link, Original: req.Original}
	switch domain.Action(strings.TrimSpace(req.Action)) {
	case domain.ActionVerify, domain.ActionReroute:
		if strings.TrimSpace(req.Message) != "" && strings.TrimSpace(req.Note) != "" {
			return in, domain.InvalidField("message", "field.message.or_note")
		}
		if in.Note == "" {
			in.Note = req.Message
		}
		in.Message = req.PublicMessage
	default:
		if strings.TrimSpace(req.PublicMessage) != "" {
			return in, domain.InvalidField("public_message", "field.public_message.not_allowed")
		}
	}
	return in, nil
}

func (a *API) act(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	var req actionRequest
	form, err := a.readPayload(w, r, "action", &req)
	if err != nil {
		return err
	}
	defer form.Done()
	in, err := req.input()
	if err != nil {
		return err
	}
	rv, err := a.svc.Act(r.Context(), r.PathValue("tracking_id"), v, in, form.Files)
	form.Done()
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, presentReport(rv, a.noticeText(r)))
	return nil
}

func (a *API) attachment(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.ErrNotFound
	}
	f, err := a.svc.Attachment(r.Context(), r.PathValue("tracking_id"), id, v)
	if err != nil {
		return err
	}
	download.Serve(w, f.Name, f.ContentType, f.Data)
	return nil
}

func (a *API) inbox(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	if v.User == nil {
		return domain.ErrUnauthorized
	}
	q := r.URL.Query()
	page := 1
	if p := q.Get("page"); p != "" {
		page, err = strconv.Atoi(p)
		if err != nil || page < 1 {
			return domain.InvalidField("page", "field.page.invalid")
		}
	}
	per := 0
	if p := q.Get("per_page"); p != "" {
		per, err = strconv.Atoi(p)
		if err != nil || per < 1 || per > 100 {
			return domain.InvalidField("per_page", "field.page.invalid")
		}
	}
	res, err := a.svc.Inbox(r.Context(), v, service.InboxQuery{Status: q.Get("status"), Kind: q.Get("kind"),
		Unit: q.Get("unit"), Kecamatan: service.KecamatanParam(q.Get("kecamatan")), Category: q.Get("category"), Channel: q.Get("channel"), From: q.Get("from"), To: q.Get("to"),
		Q: q.Get("q"), Page: page, PerPage: per, Oldest: q.Get("sort") == "oldest",
		DueFirst: q.Get("sort") == "due", Overdue: q.Get("overdue") == "true" || q.Get("overdue") == "1", After: q.Get("after")})
	if err != nil {
		return err
	}
	out := inboxJSON{Total: res.Total, Exact: !res.MoreThan, Next: res.Next, Page: res.Page, PerPage: res.PerPage, Reports: []reportSummaryJSON{}}
	for _, it := range res.Items {
		out.Reports = append(out.Reports, presentSummary(it))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	TOTP     string `json:"totp"` // authenticator code, for accounts with a second factor
}

func (a *API) login(w http.ResponseWriter, r *http.Request) error {
	data, err := readBody(w, r, 16<<10)
	if err != nil {
		return err
	}
	var req loginRequest
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	token, u, extra, err := a.loginChecked(w, r, req) // security.go: limits, lock-out, TOTP
	if err != nil {
		return err
	}
	unit := ""
	if u.UnitID != nil {
		if units, err := a.svc.Units(r.Context(), service.Staff(u)); err == nil {
			for _, x := range units {
				if x.ID == *u.UnitID {
					unit = x.Code
				}
			}
		}
	}
	out := map[string]any{"token": token, "role": u.Role, "unit": unit, "email": u.Email}
	for k, v := range extra {
		out[k] = v
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

func (a *API) logout(w http.ResponseWriter, r *http.Request) error {
	h := r.Header.Get("Authorization")
	scheme, token, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "bearer") || token == "" {
		return domain.ErrUnauthorized
	}
	if r.URL.Query().Get("all") == "true" {
		return a.logoutEverywhere(w, r, strings.TrimSpace(token)) // security.go
	}
	if err := a.svc.Logout(r.Context(), strings.TrimSpace(token)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) units(w http.ResponseWriter, r *http.Request) error {
	units, err := a.svc.Units(r.Context(), service.Public)
	if err != nil {
		return err
	}
	byID := map[int64]string{}
	for _, u := range units {
		byID[u.ID] = u.Code
	}
	out := []map[string]string{}
	for _, u := range units {
		m := map[string]string{"code": u.Code, "name": u.Name}
		if u.ParentID != nil {
			m["parent"] = byID[*u.ParentID]
		}
		out = append(out, m)
	}
	writeJSON(w, http.StatusOK, map[string]any{"units": out})
	return nil
}

// areas lists the kecamatan with their kelurahan, hidden ones marked:
// old reports name them, new ones may not.
func (a *API) areas(w http.ResponseWriter, r *http.Request) error {
	areas, err := a.svc.Areas(r.Context(), service.Public)
	if err != nil {
		return err
	}
	type kelurahanJSON struct {
		ID     int64  `json:"id"`
		Name   string `json:"name"`
		Hidden bool   `json:"hidden"`
	}
	type kecamatanJSON struct {
		kelurahanJSON
		Kelurahan []kelurahanJSON `json:"kelurahan"`
	}
	out := []*kecamatanJSON{}
	byID := map[int64]*kecamatanJSON{}
	for _, x := range areas {
		if x.IsKecamatan() {
			k := &kecamatanJSON{kelurahanJSON{x.ID, x.Name, x.Hidden}, []kelurahanJSON{}}
			byID[x.ID] = k
			out = append(out, k)
		}
	}
	for _, x := range areas {
		if k := byID[ptrValue(x.ParentID)]; !x.IsKecamatan() && k != nil {
			k.Kelurahan = append(k.Kelurahan, kelurahanJSON{x.ID, x.Name, x.Hidden})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"kecamatan": out})
	return nil
}

func ptrValue(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
