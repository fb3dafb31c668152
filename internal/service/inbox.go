package service

import (
	"context"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// InboxQuery filters the staff inbox.
type InboxQuery struct {
	Status   string // one status, or "" for all
	Kind     string
	Unit     string // unit code; includes its sub-units
	Q        string
	Page     int // from 1
	PerPage  int
	Oldest   bool
	DueFirst bool // soonest deadline first
	Overdue  bool // only reports past a verification or follow-up deadline
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
	Items   []InboxItem
	Total   int
	Page    int
	PerPage int
}

// Inbox lists reports a staff member may see, newest first.
func (s *Service) Inbox(ctx context.Context, v Viewer, q InboxQuery) (_ *InboxPage, err error) {
	defer domain.Wrap(&err, "service.Inbox")
	if err := authorize(v, domain.PermReadInbox); err != nil {
		return nil, err
	}
	f := domain.FieldErrors{}
	filter := store.Filter{Kind: domain.Kind(q.Kind), Query: strings.TrimSpace(q.Q), Oldest: q.Oldest, DueFirst: q.DueFirst}
	now := s.now()
	if q.Overdue {
		filter.OverdueAt = &now
	}
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
	units, err := s.store.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	if v.Role() == domain.RoleOfficer {
		if v.User.UnitID == nil {
			filter.UnitIDs = []int64{}
		} else {
			filter.UnitIDs = domain.Descendants(units, *v.User.UnitID)
		}
	}
	if q.Unit != "" {
		var unit *domain.Unit
		for i := range units {
			if units[i].Code == domain.NormalizeCode(q.Unit) {
				unit = &units[i]
			}
		}
		if unit == nil {
			f.Add("unit", "field.unit.unknown")
		} else {
			want := domain.Descendants(units, unit.ID)
			if filter.UnitIDs == nil {
				filter.UnitIDs = want
			} else {
				filter.UnitIDs = intersect(filter.UnitIDs, want)
			}
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	page := max(q.Page, 1)
	per := q.PerPage
	if per <= 0 || per > 100 {
		per = 20
	}
	filter.Limit, filter.Offset = per, (page-1)*per
	reports, total, err := s.store.ListReports(ctx, filter)
	if err != nil {
		return nil, err
	}
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
	out := &InboxPage{Total: total, Page: page, PerPage: per}
	for _, r := range reports {
		it := InboxItem{Report: r, Overdue: r.Schedule.Overdue(now)}
		if r.UnitID != nil {
			it.Unit = unitByID[*r.UnitID]
		}
		if r.CategoryID != nil {
			it.Category = catByID[*r.CategoryID]
		}
		out.Items = append(out.Items, it)
	}
	return out, nil
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
