package service

import (
	"context"
	"errors"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/triage"
)

// Duplicates (issue 15). The open public reports are indexed with the
// routing model (triage.go), in the same background rebuild, so a search
// for likely duplicates reads memory only; a report verified in the last
// few minutes is found after the next rebuild.

const (
	duplicatesTop = 5
	maxRadius     = 5000 // metres; wider is no longer "the same place"
)

// DuplicateQuery is a report as written: its text, category code and map
// point; Exclude is the tracking ID of the report itself, when it exists.
type DuplicateQuery struct {
	Title, Body string
	Category    string
	Lat, Lon    *float64
	Exclude     string
}

// Duplicate is an open public report that looks like the same problem.
type Duplicate struct {
	TrackingID string
	Title      string
	Supports   int
	Similarity float64  // 0 to 1
	DistanceM  *float64 // metres apart; nil when either has no map point
}

// LikelyDuplicates returns the open public reports that look like the
// same problem as q, most alike first: similar text, the same or a
// related category, and within the category's radius (200 m unless an
// admin set another) where both have a map point. Only public reports are
// searched, so anyone may ask; nil before the first index is built.
func (s *Service) LikelyDuplicates(ctx context.Context, v Viewer, q DuplicateQuery) (_ []Duplicate, err error) {
	defer domain.Wrap(&err, "service.LikelyDuplicates")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return nil, err
	}
	st := s.triageModel()
	if st == nil {
		return nil, nil
	}
	tq := triage.Query{Title: q.Title, Body: q.Body, Lat: q.Lat, Lon: q.Lon}
	if q.Category != "" {
		if c, ok := st.catByCode[domain.NormalizeCode(q.Category)]; ok {
			tq.Category = c
			tq.RadiusM = float64(st.radii[c])
		}
	}
	if id := domain.NormalizeTrackingID(q.Exclude); id != "" {
		tq.Exclude = st.dupIDs[id]
	}
	var out []Duplicate
	for _, m := range st.dups.Find(tq, duplicatesTop) {
		// Public text: the title is masked as on every public page (mask.go).
		out = append(out, Duplicate{TrackingID: m.TrackingID, Title: domain.MaskPersonal(m.Title), Supports: m.Supports,
			Similarity: m.Similarity, DistanceM: m.DistanceM})
	}
	return out, nil
}

// duplicatesOf is the likely duplicates of a report, for an admin's view.
func (s *Service) duplicatesOf(ctx context.Context, r *domain.Report) []Duplicate {
	q := DuplicateQuery{Title: r.Title, Body: r.Body, Lat: r.Location.Lat, Lon: r.Location.Lon, Exclude: r.TrackingID}
	if r.CategoryID != nil {
		if st := s.triage.cur.Load(); st != nil {
			q.Category = st.catCode[*r.CategoryID]
		}
	}
	d, err := s.LikelyDuplicates(ctx, Operator, q)
	if err != nil {
		s.log.Error("likely duplicates", "tracking_id", r.TrackingID, "err", err)
		return nil
	}
	return d
}

// SetDuplicateRadius sets how near two reports of the category code with
// a map point must be to count as the same problem, in metres (0: the
// default of 200 m).
func (s *Service) SetDuplicateRadius(ctx context.Context, v Viewer, code string, meters int) (err error) {
	defer domain.Wrap(&err, "service.SetDuplicateRadius(%q)", code)
	if err := authorize(v, domain.PermManageCategories); err != nil {
		return err
	}
	if meters < 0 || meters > maxRadius {
		return domain.InvalidField("radius", "field.radius.range")
	}
	return s.store.SetDuplicateRadius(ctx, domain.NormalizeCode(code), meters, s.now())
}

// DuplicateRadii returns the categories' own radii in metres by code.
func (s *Service) DuplicateRadii(ctx context.Context, v Viewer) (_ map[string]int, err error) {
	defer domain.Wrap(&err, "service.DuplicateRadii")
	if err := authorize(v, domain.PermManageCategories); err != nil {
		return nil, err
	}
	radii, err := s.store.DuplicateRadii(ctx)
	if err != nil {
		return nil, err
	}
	cats, err := s.store.ListCategories(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, c := range cats {
		if m, ok := radii[c.ID]; ok {
			out[c.Code] = m
		}
	}
	return out, nil
}

// duplicateLink is what marking a report as a duplicate does to its
// original, prepared before the transaction.
type duplicateLink struct {
	original, duplicate string // tracking IDs
	supporter           string // the duplicate's reporter, as a supporter's digest
}

// duplicateLink checks the original of a mark_duplicate and prepares its
// side of the change: the original must be another report the public can
// see and still open (the duplicate's reporter follows it there).
func (s *Service) duplicateLink(ctx context.Context, dup *domain.Report, original string) (*duplicateLink, error) {
	id := domain.NormalizeTrackingID(original)
	orig, err := s.store.ReportByTrackingID(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, domain.InvalidField("original", "field.original.unknown")
	} else if err != nil {
		return nil, err
	}
	if orig.ID == dup.ID {
		return nil, domain.InvalidField("original", "field.original.self")
	}
	if err := checkOriginal(orig); err != nil {
		return nil, err
	}
	// The duplicate's reporter backs the original: as their account when
	// they filed with one (so supporting again counts once), else as the
	// report.
	who := "report:" + dup.TrackingID
	if dup.AccountID != nil {
		who = "account:" + strconv.FormatInt(*dup.AccountID, 10)
	}
	key, err := s.lookupDigest(ctx, "support", who)
	if err != nil {
		return nil, err
	}
	return &duplicateLink{original: orig.TrackingID, duplicate: dup.TrackingID, supporter: key}, nil
}

func checkOriginal(orig *domain.Report) error {
	if domain.ReportAccess(orig, domain.Reader{Role: domain.RolePublic}) != AccessPublic || !orig.Status.Open() {
		return domain.InvalidField("original", "field.original.not_open")
	}
	return nil
}

// apply adds the original's side to the duplicate's change: a staff-only
// step on the original's timeline naming the duplicate, and the supports.
func (l *duplicateLink) apply(ch *store.Change) {
	ev := ch.Event
	link := domain.Event{Type: domain.EventNoted, ActorRole: ev.ActorRole, ActorUserID: ev.ActorUserID, Internal: true,
		Params: domain.Params{domain.ParamDuplicate: l.duplicate}, CreatedAt: ev.CreatedAt}
	ch.Link = &store.Link{TrackingID: l.original, Check: checkOriginal, Event: link, MoveSupports: true, Supporter: l.supporter,
		Follow: true}
	ch.Event.Params = domain.Params{domain.ParamDuplicateOf: l.original}
}
