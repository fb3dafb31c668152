package service

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/workdays"
)

// The public statistics (/statistik): what anyone may know of the public
// reports as aggregates. Counts are of verified, non-confidential reports
// only, and so are the units' figures (the evaluation of section 7 over
// those reports); no identity, title or text is part of them.

// StatMonths is how many calendar months the statistics show, the
// current one last.
const StatMonths = 12

// statCacheFrom is how many public reports make the statistics worth
// keeping for statCacheTTL instead of counting them at every request.
const (
	statCacheFrom = 10000
	statCacheTTL  = 5 * time.Minute
)

// StatItem is one bar: a code (status, kind, category or unit code,
// YYYY-MM for a month; "" for none), the name the page shows when it is
// not a code it translates, and the count.
type StatItem struct {
	Key, Name string
	N         int
}

// PublicUnitFigures are one unit's figures for the period.
type PublicUnitFigures struct {
	Unit       domain.Unit
	Received   int
	Due        int      // follow-ups that fell due: on time + late + missed
	OnTimeRate *float64 // percent of Due
	MedianDays *float64 // working days to the first follow-up
	Grade      string
}

// PublicStats are the public statistics.
type PublicStats struct {
	Total      int
	ByStatus   []StatItem // in the order of domain.Statuses
	ByKind     []StatItem // in the order of domain.Kinds
	ByCategory []StatItem // top-level categories, most first; "" (none) last
	ByUnit     []StatItem // most first; "" (not routed) last
	ByMonth    []StatItem // the StatMonths months, oldest first
	From, To   workdays.Date
	Units      []PublicUnitFigures // units that received reports or had follow-ups due in the period, by name
	Grades     deadline.Grades
	At         time.Time // when they were counted
}

// PublicStatistics counts the public reports by status, kind, category,
// unit and month, and evaluates each unit over the last StatMonths months.
func (s *Service) PublicStatistics(ctx context.Context, v Viewer) (_ *PublicStats, err error) {
	defer domain.Wrap(&err, "service.PublicStatistics")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return nil, err
	}
	return s.public.stats.get(ctx, s.now, statCacheTTL, func(ctx context.Context) (*PublicStats, bool, error) {
		st, err := s.publicStatistics(ctx, s.now())
		if err != nil {
			return nil, false, err
		}
		return st, st.Total >= statCacheFrom, nil
	})
}

func (s *Service) publicStatistics(ctx context.Context, now time.Time) (*PublicStats, error) {
	units, cats, err := s.publicDirectory(ctx)
	if err != nil {
		return nil, err
	}
	cal := s.Calendar()
	today := cal.DateOf(now)
	first := workdays.Date{Year: today.Year, Month: today.Month, Day: 1}
	for range StatMonths - 1 {
		prev := first.AddDays(-1)
		first = workdays.Date{Year: prev.Year, Month: prev.Month, Day: 1}
	}
	period := evaluation.Period{From: first, To: today}
	ms := months(period)
	bounds := make([]time.Time, 0, len(ms)+1)
	for _, m := range ms {
		bounds = append(bounds, time.Date(m.From.Year, time.Month(m.From.Month), 1, 0, 0, 0, 0, s.cfg.Location))
	}
	end := ms[len(ms)-1].To.AddDays(1)
	bounds = append(bounds, time.Date(end.Year, time.Month(end.Month), end.Day, 0, 0, 0, 0, s.cfg.Location))
	counts, err := s.store.PublicStatistics(ctx, bounds)
	if err != nil {
		return nil, err
	}
	out := &PublicStats{From: period.From, To: period.To, At: now, Grades: s.policy().settings.Grades}
	s.countStats(out, counts, units, cats, ms)

	ev, err := s.runEvaluation(ctx, 0, true, []evaluation.Period{period})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	for i, row := range ev.Rows(0, ids) {
		due := row.FollowedUpOnTime + row.Late + row.Missed
		if row.Received == 0 && due == 0 {
			continue
		}
		out.Units = append(out.Units, PublicUnitFigures{Unit: units[i], Received: row.Received, Due: due,
			OnTimeRate: row.OnTimeRate, MedianDays: row.MedianDays, Grade: row.Grade})
	}
	slices.SortStableFunc(out.Units, func(a, b PublicUnitFigures) int { return cmp.Compare(a.Unit.Name, b.Unit.Name) })
	return out, nil
}

// countStats sums the store's groups into the bars.
func (s *Service) countStats(out *PublicStats, counts []store.PublicStatCount, units []domain.Unit, cats []domain.Category, ms []evaluation.Period) {
	byStatus, byKind := map[domain.Status]int{}, map[domain.Kind]int{}
	byCat, byUnit, byMonth := map[int64]int{}, map[int64]int{}, map[int]int{}
	catByID := map[int64]*domain.Category{}
	for i := range cats {
		catByID[cats[i].ID] = &cats[i]
	}
	// top is the top-level category a report's category counts under: a
	// merged one as the one it was merged into, a sub-category as its
	// parent.
	top := func(id int64) int64 {
		for range 64 { // a tree is never this deep; it bounds a broken one
			c := catByID[id]
			if c == nil {
				return id
			}
			switch {
			case c.MergedInto != nil:
				id = *c.MergedInto
			case c.ParentID != nil:
				id = *c.ParentID
			default:
				return id
			}
		}
		return id
	}
	for _, c := range counts {
		out.Total += c.N
		byStatus[c.Status] += c.N
		byKind[c.Kind] += c.N
		if c.CategoryID != 0 {
			byCat[top(c.CategoryID)] += c.N
		} else {
			byCat[0] += c.N
		}
		byUnit[c.UnitID] += c.N
		if c.Month >= 0 {
			byMonth[c.Month] += c.N
		}
	}
	for _, st := range domain.Statuses {
		if st.Public() {
			out.ByStatus = append(out.ByStatus, StatItem{Key: string(st), N: byStatus[st]})
		}
	}
	for _, k := range domain.Kinds {
		out.ByKind = append(out.ByKind, StatItem{Key: string(k), N: byKind[k]})
	}
	for id, n := range byCat {
		if c := catByID[id]; c != nil {
			out.ByCategory = append(out.ByCategory, StatItem{Key: c.Code, Name: c.Name, N: n})
		}
	}
	sortStats(out.ByCategory)
	if n := byCat[0]; n > 0 {
		out.ByCategory = append(out.ByCategory, StatItem{N: n})
	}
	for _, u := range units {
		if n := byUnit[u.ID]; n > 0 {
			out.ByUnit = append(out.ByUnit, StatItem{Key: u.Code, Name: u.Name, N: n})
		}
	}
	sortStats(out.ByUnit)
	if n := byUnit[0]; n > 0 {
		out.ByUnit = append(out.ByUnit, StatItem{N: n})
	}
	for i, m := range ms {
		out.ByMonth = append(out.ByMonth, StatItem{Key: m.From.String()[:7], N: byMonth[i]})
	}
}

// sortStats orders bars most first, then by name.
func sortStats(items []StatItem) {
	slices.SortStableFunc(items, func(a, b StatItem) int {
		if a.N != b.N {
			return b.N - a.N
		}
		return cmp.Compare(a.Name, b.Name)
	})
}
