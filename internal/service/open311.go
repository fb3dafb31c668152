package service

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// Open311 GeoReport v2 (internal/open311 serves it): what a civic app may
// read of public reports and how it files one. Only public reports are
// listed; one waiting for verification answers by its ID with no more
// than that it was received.

// Open311 limits, from the spec: a window of 90 days and 1,000 requests
// unless asked otherwise.
const (
	Open311Window      = 90 * 24 * time.Hour
	Open311MaxPageSize = 1000
)

// Open311Query filters GET requests; every field is optional.
type Open311Query struct {
	ServiceCode string // comma-separated codes; "" for every service
	Status      string // comma-separated "open" and "closed"; "" for both
	Start, End  *time.Time
	Page        int // from 1
	PageSize    int // 1..Open311MaxPageSize; 0: Open311MaxPageSize
}

// Open311Request is one service request as the public may see it.
type Open311Request struct {
	TrackingID        string
	Status            string // "open" or "closed"
	StatusNotes       string // the unit's latest public answer, masked
	ServiceCode       string
	ServiceName       string
	Description       string // masked
	AgencyResponsible string // the unit's name
	Requested         time.Time
	Updated           time.Time
	Expected          time.Time // the current stage's deadline; zero when none
	Address           string
	Lat, Lon          *float64
	MediaAttachment   int64 // the first public photo's ID; 0 when none
	Received          bool  // waiting for verification: only ID, status and dates are told
}

// Open311Submission is a request a civic app files (POST requests).
type Open311Submission struct {
	ServiceCode  string
	Lat, Lon     *float64
	Address      string
	Description  string
	Kind         string // attribute[kind]; complaint when empty
	Anonymous    bool   // attribute[anonymous]
	Confidential bool   // attribute[confidential]
	Reporter     domain.Identity
}

// Open311Requests lists public requests matching q, newest first.
func (s *Service) Open311Requests(ctx context.Context, v Viewer, q Open311Query) (_ []Open311Request, err error) {
	defer domain.Wrap(&err, "service.Open311Requests")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return nil, err
	}
	f := domain.FieldErrors{}
	filter := store.Filter{Public: true}
	for _, st := range splitList(q.Status) {
		switch st {
		case "open":
			filter.Status = append(filter.Status, domain.StatusDispositioned, domain.StatusFollowedUp, domain.StatusReporterReplied)
		case "closed":
			filter.Status = append(filter.Status, domain.StatusCompleted)
		default:
			f.Add("status", "field.status.unknown")
		}
	}
	if codes := splitList(q.ServiceCode); len(codes) > 0 {
		cats, err := s.store.ListCategories(ctx)
		if err != nil {
			return nil, err
		}
		filter.CategoryIDs = []int64{}
		for _, code := range codes {
			ids := categoryAndBelow(cats, domain.NormalizeCode(code))
			if len(ids) == 0 {
				return nil, domain.ErrNotFound // the spec's 404 for an unknown service
			}
			filter.CategoryIDs = append(filter.CategoryIDs, ids...)
		}
	}
	end := s.now()
	if q.End != nil {
		end = *q.End
	}
	start := end.Add(-Open311Window)
	if q.Start != nil {
		start = *q.Start
	}
	if q.Start != nil && q.End != nil && start.After(end) {
		f.Add("start_date", "field.date.invalid")
	}
	next := end.Add(time.Second)
	filter.FiledFrom, filter.FiledBefore = &start, &next
	if q.Page < 0 || q.Page > 100000 {
		f.Add("page", "field.page.invalid")
	}
	if q.PageSize < 0 || q.PageSize > Open311MaxPageSize {
		f.Add("page_size", "field.per_page.too_large")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	page, size := max(q.Page, 1), q.PageSize
	if size == 0 {
		size = Open311MaxPageSize
	}
	filter.Limit, filter.Offset = size, (page-1)*size
	reports, _, err := s.store.ListReports(ctx, filter)
	if err != nil {
		return nil, err
	}
	units, err := s.publicUnits(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Open311Request, 0, len(reports))
	for _, r := range reports {
		if s.access(r, Public, units) != AccessPublic {
			continue // the filter already keeps only these; a second fence
		}
		rv, err := s.view(ctx, r, Public, AccessPublic, units)
		if err != nil {
			return nil, err
		}
		out = append(out, open311Of(rv))
	}
	return out, nil
}

// Open311Request answers one request by its ID: the public view of a
// public report, the bare fact of reception for one waiting for
// verification, not found for anything else.
func (s *Service) Open311Request(ctx context.Context, trackingID string) (_ *Open311Request, err error) {
	defer domain.Wrap(&err, "service.Open311Request(%q)", trackingID)
	rv, err := s.Report(ctx, trackingID, Public)
	if err == nil {
		req := open311Of(rv)
		return &req, nil
	}
	if !errors.Is(err, domain.ErrNotFound) {
		return nil, err
	}
	rec, err := s.Received(ctx, trackingID)
	if err != nil {
		return nil, err
	}
	return &Open311Request{TrackingID: rec.TrackingID, Status: "open", Requested: rec.ReceivedAt,
		Updated: rec.ReceivedAt, Expected: rec.VerifyBy, Received: true}, nil
}

// open311Of maps a public view to a request: completed and archived are
// closed, every other state open.
func open311Of(rv *ReportView) Open311Request {
	r := rv.Report
	req := Open311Request{TrackingID: r.TrackingID, Status: "open", Description: r.Body, Requested: r.CreatedAt,
		Updated: r.UpdatedAt, Address: r.Location.Address, Lat: r.Location.Lat, Lon: r.Location.Lon,
		Expected: rv.Expected.StageDue}
	if !r.Status.Open() {
		req.Status = "closed"
	}
	if rv.Category != nil {
		req.ServiceCode, req.ServiceName = rv.Category.Code, rv.Category.Name
	}
	if rv.Unit != nil {
		req.AgencyResponsible = rv.Unit.Name
	}
	for _, ev := range rv.Timeline {
		if (ev.ActorRole == domain.RoleOfficer || ev.ActorRole == domain.RolePPID) && !ev.Internal && strings.TrimSpace(ev.Message) != "" {
			req.StatusNotes = ev.Message // the timeline is in order: the last one wins
		}
	}
	for _, a := range rv.Attachments {
		if strings.HasPrefix(a.ContentType, "image/") {
			req.MediaAttachment = a.ID
			break
		}
	}
	return req
}

// Open311Submit files the request of a civic app holding key (an API key
// for the open311 channel). It goes through verification like any report.
func (s *Service) Open311Submit(ctx context.Context, key string, in Open311Submission) (_ Receipt, err error) {
	defer domain.Wrap(&err, "service.Open311Submit")
	if _, err := s.AuthenticateAPIKey(ctx, key, string(domain.ChannelOpen311)); err != nil {
		return Receipt{}, err
	}
	f := domain.FieldErrors{}
	if (in.Lat == nil) != (in.Lon == nil) {
		f.Add("long", "field.required")
	}
	if in.Lat == nil && strings.TrimSpace(in.Address) == "" {
		f.Add("lat", "field.required")
	}
	kind := domain.Kind(in.Kind)
	if in.Kind == "" {
		kind = domain.KindComplaint
	}
	if err := f.Err(); err != nil {
		return Receipt{}, err
	}
	code := domain.NormalizeCode(in.ServiceCode)
	if code == "" {
		return Receipt{}, domain.FieldErrors{"service_code": "field.required"}.Err()
	}
	if _, err := s.store.CategoryByCode(ctx, code); err != nil {
		return Receipt{}, err // an unknown service is not found (the spec's 404)
	}
	// The title is the start of the text, on one line; the admin tidies it.
	sub := domain.Submission{Kind: kind, Title: smsTitle(strings.Join(strings.Fields(in.Description), " ")),
		Body: in.Description, Category: code, Location: domain.Location{Address: in.Address, Lat: in.Lat, Lon: in.Lon},
		Anonymous: in.Anonymous, Confidential: in.Confidential, Reporter: in.Reporter, Channel: domain.ChannelOpen311}
	rec, err := s.submit(ctx, sub, nil)
	return rec, open311Fields(err)
}

// open311Names are the spec's names of the fields a submission checks.
var open311Names = map[string]string{"title": "description", "body": "description", "category": "service_code",
	"location": "address_string", "location.lat": "lat", "location.lon": "long", "reporter.email": "email",
	"reporter.phone": "phone", "reporter.name": "first_name", "kind": "attribute[kind]"}

// open311Fields renames the fields of a validation error to the names the
// client sent.
func open311Fields(err error) error {
	var e *domain.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	c := *e
	c.Fields = map[string]string{}
	for name, key := range e.Fields {
		if spec, ok := open311Names[name]; ok {
			name = spec
		}
		if _, dup := c.Fields[name]; !dup {
			c.Fields[name] = key
		}
	}
	return &c
}

// splitList cuts a comma-separated argument, dropping empty items.
func splitList(v string) []string {
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
