package service

import (
	"context"
	"slices"
	"strings"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
	"github.com/lapor-id/lapor/internal/workdays"
)

// MaxEvaluationDays bounds the length of an evaluated period.
const MaxEvaluationDays = 5*366 + 1

// EvaluationQuery selects what to evaluate.
type EvaluationQuery struct {
	From, To string // YYYY-MM-DD, inclusive; default: from 1 January to today
	Unit     string // a unit code: that unit and its sub-units; "" for all
	// Kecamatan keeps the reports about one of this kecamatan's kelurahan
	// (from the admins' list); 0 for all.
	Kecamatan int64
	Trend     bool // also compute each month of the period
}

// EvaluationRow is one unit's figures.
type EvaluationRow struct {
	Unit domain.Unit
	evaluation.Figures
}

// MonthFigures are the figures of the selected units over one month.
type MonthFigures struct {
	Month    string // YYYY-MM
	From, To workdays.Date
	evaluation.Figures
}

// Evaluation is the evaluation of units over a period.
type Evaluation struct {
	From, To workdays.Date
	Rows     []EvaluationRow    // one per selected unit, by name
	Total    evaluation.Figures // over the selected units
	Trend    []MonthFigures     // when asked for
	Grades   deadline.Grades    // the thresholds used
}

// evaluationScope checks who asks and which units they may see: admins and
// supervisors every unit, officers their own unit and its sub-units.
func (s *Service) evaluationScope(ctx context.Context, v Viewer, unitCode string) ([]domain.Unit, []domain.Unit, error) {
	if err := authorize(v, domain.PermEvaluate); err != nil {
		return nil, nil, err
	}
	units, err := s.store.ListUnits(ctx)
	if err != nil {
		return nil, nil, err
	}
	var allowed []int64
	switch v.Role() {
	case domain.RoleAdmin, domain.RoleSupervisor, domain.RoleSystem:
	case domain.RoleOfficer:
		if v.User.UnitID == nil {
			return nil, nil, domain.ErrForbidden
		}
		allowed = domain.Descendants(units, *v.User.UnitID)
	default:
		return nil, nil, domain.ErrForbidden
	}
	var want []int64
	if code := domain.NormalizeCode(unitCode); code != "" {
		for _, u := range units {
			if u.Code == code {
				want = domain.Descendants(units, u.ID)
			}
		}
		if want == nil {
			return nil, nil, domain.InvalidField("unit", "field.unit.unknown")
		}
		if allowed != nil {
			for _, id := range want {
				if !slices.Contains(allowed, id) {
					return nil, nil, domain.ErrForbidden
				}
			}
		}
	} else {
		want = allowed
	}
	var sel []domain.Unit
	for _, u := range units {
		if want == nil || slices.Contains(want, u.ID) {
			sel = append(sel, u)
		}
	}
	return units, sel, nil
}

// period parses an evaluation period.
func (s *Service) period(from, to string) (evaluation.Period, error) {
	cal := s.Calendar()
	today := cal.DateOf(s.now())
	f := domain.FieldErrors{}
	p := evaluation.Period{To: today, From: workdays.Date{Year: today.Year, Month: 1, Day: 1}}
	if strings.TrimSpace(to) != "" {
		d, err := workdays.ParseDate(strings.TrimSpace(to))
		if err != nil {
			f.Add("to", "field.period.to")
		}
		p.To = d
		if strings.TrimSpace(from) == "" && err == nil {
			p.From = workdays.Date{Year: d.Year, Month: 1, Day: 1}
		}
	}
	if strings.TrimSpace(from) != "" {
		d, err := workdays.ParseDate(strings.TrimSpace(from))
		if err != nil {
			f.Add("from", "field.period.from")
		}
		p.From = d
	}
	if err := f.Err(); err != nil {
		return p, err
	}
	switch {
	case p.To.Before(p.From):
		f.Add("to", "field.period.order")
	case p.From.DaysUntil(p.To) > MaxEvaluationDays:
		f.Add("to", "field.period.too_long")
	case p.From.Year < MinCalendarYear || p.To.Year > MaxCalendarYear:
		f.Add("from", "field.calendar.year_range")
	}
	return p, f.Err()
}

// months splits p into calendar months, the first and last clipped to p.
func months(p evaluation.Period) []evaluation.Period {
	var out []evaluation.Period
	for d := p.From; !d.After(p.To); {
		first := workdays.Date{Year: d.Year, Month: d.Month, Day: 1}
		next := first.AddDays(32)
		next = workdays.Date{Year: next.Year, Month: next.Month, Day: 1}
		end := next.AddDays(-1)
		if end.After(p.To) {
			end = p.To
		}
		out = append(out, evaluation.Period{From: d, To: end})
		d = next
	}
	return out
}

// run evaluates periods (the sanction list is of the first) from the
// events; publicOnly leaves out the reports the public may not see.
func (s *Service) runEvaluation(ctx context.Context, kecamatan int64, publicOnly bool, periods []evaluation.Period) (*evaluation.Evaluator, error) {
	if err := s.refreshPolicyNow(ctx, false); err != nil {
		return nil, err
	}
	var within map[int64]bool // the kecamatan's kelurahan, when one is asked for
	if kecamatan != 0 {
		if err := s.checkKecamatan(ctx, kecamatan); err != nil {
			return nil, err
		}
		areas, err := s.store.ListAreas(ctx)
		if err != nil {
			return nil, err
		}
		within = map[int64]bool{}
		for _, a := range areas {
			if a.ParentID != nil && *a.ParentID == kecamatan {
				within[a.ID] = true
			}
		}
	}
	p := s.policy()
	ev := evaluation.New(p.cal, p.settings, s.now(), periods...)
	from, end := ev.Bounds()
	err := s.store.EvaluationTimelines(ctx, from, end, func(r *evaluation.Report) error {
		if within != nil && !within[r.AreaID] || publicOnly && !r.Public {
			return nil
		}
		ev.Add(r)
		return nil
	})
	return ev, err
}

// Evaluate computes the figures of the selected units over a period.
func (s *Service) Evaluate(ctx context.Context, v Viewer, q EvaluationQuery) (_ *Evaluation, err error) {
	defer domain.Wrap(&err, "service.Evaluate")
	_, sel, err := s.evaluationScope(ctx, v, q.Unit)
	if err != nil {
		return nil, err
	}
	p, err := s.period(q.From, q.To)
	if err != nil {
		return nil, err
	}
	periods := []evaluation.Period{p}
	var ms []evaluation.Period
	if q.Trend {
		ms = months(p)
		periods = append(periods, ms...)
	}
	ev, err := s.runEvaluation(ctx, q.Kecamatan, false, periods)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(sel))
	for i, u := range sel {
		ids[i] = u.ID
	}
	out := &Evaluation{From: p.From, To: p.To, Total: ev.Total(0, ids), Grades: s.policy().settings.Grades}
	for i, row := range ev.Rows(0, ids) {
		out.Rows = append(out.Rows, EvaluationRow{Unit: sel[i], Figures: row.Figures})
	}
	for i, m := range ms {
		out.Trend = append(out.Trend, MonthFigures{Month: m.From.String()[:7], From: m.From, To: m.To,
			Figures: ev.Total(i+1, ids)})
	}
	return out, nil
}

// SanctionUnit is a unit that left reports overdue, with the evidence.
type SanctionUnit struct {
	Unit    domain.Unit
	Reports []SanctionReport
}

// SanctionReport is one overdue report of a unit.
type SanctionReport struct {
	evaluation.Breach
	Title string
}

// SanctionList is the sanction list of a period.
type SanctionList struct {
	From, To workdays.Date
	Units    []SanctionUnit // by number of overdue reports, most first
}

// Sanctions lists, for a period, each unit that left reports overdue and
// each such report; admins and supervisors only.
func (s *Service) Sanctions(ctx context.Context, v Viewer, q EvaluationQuery) (_ *SanctionList, err error) {
	defer domain.Wrap(&err, "service.Sanctions")
	if err := authorize(v, domain.PermReadSanctions); err != nil {
		return nil, err
	}
	_, sel, err := s.evaluationScope(ctx, v, q.Unit)
	if err != nil {
		return nil, err
	}
	p, err := s.period(q.From, q.To)
	if err != nil {
		return nil, err
	}
	ev, err := s.runEvaluation(ctx, q.Kecamatan, false, []evaluation.Period{p})
	if err != nil {
		return nil, err
	}
	breaches := ev.Breaches()
	out := &SanctionList{From: p.From, To: p.To, Units: []SanctionUnit{}}
	var ids []int64
	for _, u := range sel {
		if len(breaches[u.ID]) > 0 {
			for _, b := range breaches[u.ID] {
				ids = append(ids, b.ReportID)
			}
		}
	}
	titles, err := s.store.ReportTitles(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, u := range sel {
		list := breaches[u.ID]
		if len(list) == 0 {
			continue
		}
		su := SanctionUnit{Unit: u}
		for _, b := range list {
			su.Reports = append(su.Reports, SanctionReport{Breach: b, Title: titles[b.ReportID]})
		}
		out.Units = append(out.Units, su)
	}
	slices.SortStableFunc(out.Units, func(a, b SanctionUnit) int { return len(b.Reports) - len(a.Reports) })
	return out, nil
}
