package service

import (
	"context"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// InboxQuery filters the staff inbox.
type InboxQuery struct {
	Status   string // one status, or "" for all
	Kind     string
	Unit     string // unit code; includes its sub-units
	Category string // category code; includes its sub-categories
	Channel  string
	// From and To are dates (YYYY-MM-DD, in the instance's time zone):
	// reports filed on or after From and on or before To.
	From, To string
	Q        string
	Page     int // from 1
	PerPage  int
	Oldest   bool
	DueFirst bool // soonest deadline first
	Updated  bool // most recently changed first
	Overdue  bool // only reports past a deadline that is the government's (domain.DueKind.Breachable)
	// Kecamatan is the id of a kecamatan (hidden ones too): only reports
	// filed under one of its kelurahan; 0 for all.
	Kecamatan int64
	// After is the Next of the page before: keyset pagination, which
	// costs the same however deep; Page then only labels the page.
	After string
}

// InboxItem is one row of the inbox.
type InboxItem struct {
	Report   *domain.Report
	Unit     *domain.Unit
	Category *domain.Category
	Overdue  bool
}

// InboxPage is one page of the inbox.
type InboxPage struct {
	Items []InboxItem
	// Total counts the matching reports up to store.CapFor; MoreThan
	// says there are more than that.
	Total    int
	MoreThan bool
	Page     int
	PerPage  int
	// Next is the cursor of the page after this one (InboxQuery.After),
	// empty on the last page.
	Next string
}

// Inbox lists reports a staff member may see: newest filed first, or in
// the order the query asks for.
func (s *Service) Inbox(ctx context.Context, v Viewer, q InboxQuery) (_ *InboxPage, err error) {
	defer domain.Wrap(&err, "service.Inbox")
	sc, err := s.openInbox(ctx, v, q)
	if err != nil {
		return nil, err
	}
	filter, err := inboxFilter(v, q, sc)
	if err != nil {
		return nil, err
	}
	page, per := max(q.Page, 1), q.PerPage
	if per <= 0 || per > 100 {
		per = 20
	}
	// One more than the page, to know whether a next page exists.
	filter.Limit, filter.Offset, filter.After = per+1, (page-1)*per, q.After
	reports, total, err := s.store.ListReports(ctx, filter)
	if err != nil {
		return nil, err
	}
	more := len(reports) > per
	reports = reports[:min(len(reports), per)]
	items, err := s.inboxItems(ctx, reports, sc.units, sc.now)
	if err != nil {
		return nil, err
	}
	limit := store.CapFor(filter)
	out := &InboxPage{Items: items, Total: min(total, limit), MoreThan: total > limit, Page: page, PerPage: per}
	if more {
		out.Next = filter.Cursor(reports[len(reports)-1])
	}
	return out, nil
}

// InboxCount is the count of one tab of the inbox, up to store.CapFor.
type InboxCount struct {
	Total    int
	MoreThan bool
}

// InboxCounts counts the inbox of q once per status (a tab; "" for all),
// listing nothing: the tab counts of the inbox page, with the unit list
// read once for all of them.
func (s *Service) InboxCounts(ctx context.Context, v Viewer, q InboxQuery, statuses []string) (_ []InboxCount, err error) {
	defer domain.Wrap(&err, "service.InboxCounts")
	sc, err := s.openInbox(ctx, v, q)
	if err != nil {
		return nil, err
	}
	out := make([]InboxCount, len(statuses))
	for i, st := range statuses {
		q.Status = st
		filter, err := inboxFilter(v, q, sc)
		if err != nil {
			return nil, err
		}
		n, err := s.store.CountReports(ctx, filter)
		if err != nil {
			return nil, err
		}
		limit := store.CapFor(filter)
		out[i] = InboxCount{Total: min(n, limit), MoreThan: n > limit}
	}
	return out, nil
}

// inboxScope is what every inbox query is scoped by: the unit list (and
// the category tree when a category is asked for), the moment deadlines
// are judged at, and the instance's time zone for dates.
type inboxScope struct {
	units []domain.Unit
	cats  []domain.Category
	ppid  []int64 // a PPID's units (ppid.go)
	now   time.Time
	loc   *time.Location
}

// openInbox checks that v may read the inbox and reads its scope.
func (s *Service) openInbox(ctx context.Context, v Viewer, q InboxQuery) (inboxScope, error) {
	if err := authorize(v, domain.PermReadInbox); err != nil {
		return inboxScope{}, err
	}
	units, err := s.store.ListUnits(ctx)
	if err != nil {
		return inboxScope{}, err
	}
	if err := s.checkKecamatan(ctx, q.Kecamatan); err != nil {
		return inboxScope{}, err
	}
	sc := inboxScope{units: units, now: s.now(), loc: s.Location()}
	if pv, err := s.scopePPID(ctx, v, units); err != nil {
		return inboxScope{}, err
	} else {
		sc.ppid = pv.ppidUnits
	}
	if strings.TrimSpace(q.Category) != "" {
		if sc.cats, err = s.store.ListCategories(ctx); err != nil {
			return inboxScope{}, err
		}
	}
	return sc, nil
}

// inboxFilter checks a query and turns it into the store's filter, kept
// to the units the viewer may see; the page is left to the caller.
func inboxFilter(v Viewer, q InboxQuery, sc inboxScope) (store.Filter, error) {
	f := domain.FieldErrors{}
	filter := store.Filter{Kind: domain.Kind(q.Kind), Query: strings.TrimSpace(q.Q), Oldest: q.Oldest, DueFirst: q.DueFirst,
		Updated: q.Updated, KecamatanID: q.Kecamatan}
	if q.Overdue {
		filter.OverdueAt = &sc.now
	}
	inboxNarrow(&filter, q, sc, f)
	if q.Status != "" {
		for _, st := range strings.Split(q.Status, ",") {
			if !domain.Status(st).Valid() {
				f.Add("status", "field.status.unknown")
				break
			}
			filter.Status = append(filter.Status, domain.Status(st))
		}
	}
	if q.Kind != "" && !domain.Kind(q.Kind).Valid() {
		f.Add("kind", "field.kind.unknown")
	}
	if len([]rune(filter.Query)) > 200 {
		f.Add("q", "field.too_long")
	}
	if q.Page < 0 || q.Page > 100000 {
		f.Add("page", "field.page.invalid")
	}
	filter.UnitIDs = inboxUnits(v, q.Unit, sc.units, f)
	switch v.Role() {
	case domain.RoleOfficer:
		filter.NotKind = domain.KindInformationRequest // they go to the PPID
	case domain.RolePPID:
		filter.Kind = domain.KindInformationRequest
		filter.UnitIDs = narrowTo(filter.UnitIDs, sc.ppid)
	case domain.RolePPIDSuperior:
		filter.Kind = domain.KindInformationRequest
	}
	return filter, f.Err()
}

// inboxUnits are the units whose reports an inbox lists (nil: all): an
// officer's unit and its sub-units, narrowed to the unit asked for and
// its sub-units.
func inboxUnits(v Viewer, code string, units []domain.Unit, f domain.FieldErrors) []int64 {
	var ids []int64
	if v.Role() == domain.RoleOfficer {
		ids = []int64{}
		if v.User.UnitID != nil {
			ids = domain.Descendants(units, *v.User.UnitID)
		}
	}
	if code == "" {
		return ids
	}
	var unit *domain.Unit
	for i := range units {
		if units[i].Code == domain.NormalizeCode(code) {
			unit = &units[i]
		}
	}
	if unit == nil {
		f.Add("unit", "field.unit.unknown")
		return ids
	}
	want := domain.Descendants(units, unit.ID)
	if ids == nil {
		return want
	}
	return intersect(ids, want)
}

// inboxItems puts each report with its unit and category.
func (s *Service) inboxItems(ctx context.Context, reports []*domain.Report, units []domain.Unit, now time.Time) ([]InboxItem, error) {
	var catIDs []int64
	for _, r := range reports {
		if r.CategoryID != nil {
			catIDs = append(catIDs, *r.CategoryID)
		}
	}
	catByID, err := s.store.CategoriesByID(ctx, catIDs)
	if err != nil {
		return nil, err
	}
	unitByID := map[int64]*domain.Unit{}
	for i := range units {
		unitByID[units[i].ID] = &units[i]
	}
	var items []InboxItem
	for _, r := range reports {
		it := InboxItem{Report: r, Overdue: r.Schedule.Overdue(now)}
		if r.UnitID != nil {
			it.Unit = unitByID[*r.UnitID]
		}
		if r.CategoryID != nil {
			it.Category = catByID[*r.CategoryID]
		}
		items = append(items, it)
	}
	return items, nil
}

// narrowTo keeps the units of ids (nil: any) that are in allowed.
func narrowTo(ids, allowed []int64) []int64 {
	if ids == nil {
		return append([]int64{}, allowed...)
	}
	return intersect(ids, allowed)
}

func intersect(a, b []int64) []int64 {
	in := map[int64]bool{}
	for _, x := range a {
		in[x] = true
	}
	out := []int64{}
	for _, x := range b {
		if in[x] {
			out = append(out, x)
		}
	}
	return out
}
