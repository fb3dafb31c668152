package service

import (
	"context"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// The public list (/laporan, GET /api/v1/public/reports): verified,
// non-confidential reports, with what the public may see of each.

// MaxPublicPerPage is the largest page of the public list; a larger
// per_page is refused (field.per_page.too_large), not quietly clamped.
const MaxPublicPerPage = 100

// MaxPublicQuery is the longest search of the public list, in characters.
const MaxPublicQuery = 200

// Public list orders (PublicQuery.Sort).
const (
	SortNewest     = "newest"
	SortSupported  = "supported"
	SortOldestOpen = "oldest_open"
)

// PublicQuery filters the public list; every field is optional.
type PublicQuery struct {
	Q        string
	Kind     string
	Category string // category code; includes its sub-categories
	Unit     string // unit code; includes its sub-units
	Status   string // one public status
	// Kecamatan keeps reports about one of its kelurahan (the admins'
	// list); 0: any. KecamatanParam reads it from a query.
	Kecamatan int64
	From, To  string // period of submission, YYYY-MM-DD, both days included
	Sort      string // SortNewest (default), SortSupported, SortOldestOpen
	Page      int    // from 1
	PerPage   int    // 1..MaxPublicPerPage; 0: 20
}

// PublicItem is one report of the public list: only what anyone may see,
// its title masked (domain.MaskPersonal).
type PublicItem struct {
	TrackingID  string
	Title       string
	Kind        domain.Kind
	Status      domain.Status
	Unit        *domain.Unit
	Category    *domain.Category
	SubmittedAt time.Time
	Supports    int
}

// PublicPage is one page of the public list.
type PublicPage struct {
	Items    []PublicItem
	Total    int // up to store.CapFor
	MoreThan bool
	Page     int
	PerPage  int
	HasNext  bool
}

// PublicReports lists public reports: newest first, or in q's order.
func (s *Service) PublicReports(ctx context.Context, v Viewer, q PublicQuery) (_ *PublicPage, err error) {
	defer domain.Wrap(&err, "service.PublicReports")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return nil, err
	}
	units, cats, err := s.publicDirectory(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.checkKecamatan(ctx, q.Kecamatan); err != nil {
		return nil, err
	}
	filter, err := s.publicFilter(q, units, cats)
	if err != nil {
		return nil, err
	}
	filter.KecamatanID = q.Kecamatan
	page, per := max(q.Page, 1), q.PerPage
	if per == 0 {
		per = 20
	}
	filter.Limit, filter.Offset = per+1, (page-1)*per
	reports, total, err := s.store.ListReports(ctx, filter)
	if err != nil {
		return nil, err
	}
	limit := store.CapFor(filter)
	out := &PublicPage{Total: min(total, limit), MoreThan: total > limit, Page: page, PerPage: per,
		HasNext: len(reports) > per}
	reports = reports[:min(len(reports), per)]
	ids := make([]int64, len(reports))
	for i, r := range reports {
		ids[i] = r.ID
	}
	supports, err := s.store.SupportCounts(ctx, ids)
	if err != nil {
		return nil, err
	}
	unitByID, catByID := map[int64]*domain.Unit{}, map[int64]*domain.Category{}
	for i := range units {
		unitByID[units[i].ID] = &units[i]
	}
	for i := range cats {
		catByID[cats[i].ID] = &cats[i]
	}
	for _, r := range reports {
		it := PublicItem{TrackingID: r.TrackingID, Title: domain.MaskPersonal(r.Title), Kind: r.Kind, Status: r.Status,
			SubmittedAt: r.CreatedAt, Supports: supports[r.ID]}
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

// publicFilter turns a public query into a store filter, refusing (all at
// once, field by field) what it cannot mean.
func (s *Service) publicFilter(q PublicQuery, units []domain.Unit, cats []domain.Category) (store.Filter, error) {
	f := domain.FieldErrors{}
	filter := store.Filter{Public: true, Kind: domain.Kind(q.Kind), Query: strings.TrimSpace(q.Q)}
	if len([]rune(q.Q)) > MaxPublicQuery {
		f.Add("q", "field.too_long")
	}
	if q.Kind != "" && !domain.Kind(q.Kind).Valid() {
		f.Add("kind", "field.kind.unknown")
	}
	if q.Status != "" {
		if st := domain.Status(q.Status); st.Public() {
			filter.Status = []domain.Status{st}
		} else {
			f.Add("status", "field.status.unknown")
		}
	}
	switch q.Sort {
	case "", SortNewest:
	case SortSupported:
		filter.MostSupported = true
	case SortOldestOpen:
		filter.Oldest = true
		var open []domain.Status
		for _, st := range domain.Statuses {
			if st.Public() && st.Open() && (filter.Status == nil || filter.Status[0] == st) {
				open = append(open, st)
			}
		}
		if len(open) == 0 {
			open = []domain.Status{domain.StatusArchived} // a closed status asked for: no public report matches
		}
		filter.Status = open
	default:
		f.Add("sort", "field.sort.unknown")
	}
	if q.Page < 0 || q.Page > 100000 {
		f.Add("page", "field.page.invalid")
	}
	if q.PerPage < 0 || q.PerPage > MaxPublicPerPage {
		f.Add("per_page", "field.per_page.too_large")
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
			filter.UnitIDs = domain.Descendants(units, unit.ID)
		}
	}
	if q.Category != "" {
		filter.CategoryIDs = categoryAndBelow(cats, domain.NormalizeCode(q.Category))
		if len(filter.CategoryIDs) == 0 {
			f.Add("category", "field.category.unknown")
		}
	}
	day := func(field, v string) *time.Time {
		if v == "" {
			return nil
		}
		t, err := time.ParseInLocation("2006-01-02", v, s.cfg.Location)
		if err != nil {
			f.Add(field, "field.date.invalid")
			return nil
		}
		return &t
	}
	filter.FiledFrom = day("from", q.From)
	if to := day("to", q.To); to != nil {
		next := to.AddDate(0, 0, 1)
		filter.FiledBefore = &next
	}
	return filter, f.Err()
}

// categoryAndBelow is the ID of the category with code and of every
// category under it; empty when no category has that code.
func categoryAndBelow(cats []domain.Category, code string) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, c := range cats {
		if c.Code == code {
			out, seen[c.ID] = append(out, c.ID), true
		}
	}
	for i := 0; i < len(out); i++ { // breadth first: out grows as children are found
		for _, c := range cats {
			if c.ParentID != nil && *c.ParentID == out[i] && !seen[c.ID] {
				out, seen[c.ID] = append(out, c.ID), true
			}
		}
	}
	if out == nil {
		return []int64{}
	}
	return out
}
