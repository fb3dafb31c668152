// Package evaluation computes the figures leaders evaluate units by
// (domain.md section 7) from reports' timelines alone, so that anyone can
// recompute them from the events and get the same answer every time.
//
// For a unit u and a period P (whole days in the instance's time zone,
// from its first to its last day inclusive), looking only at events before
// the end of P:
//
//   - An assignment to u begins with an event that routes a report to u
//     (verified, rerouted, forwarded) and ends with the next event that
//     routes it elsewhere or returns it (rerouted, forwarded, returned).
//   - received: reports with an assignment to u beginning in P. The figures
//     below concern the first such assignment of each (the cohort).
//   - The follow-up obligation of that assignment is due Settings.For(...)
//     .FollowUp working days after it began. Its outcome is on time (the
//     first follow-up of the assignment at or before the deadline), late
//     (after it), missed (none, and the deadline passed before the end of
//     P or before the report left u), transferred (the report left u before
//     the deadline without a follow-up) or pending (none, deadline not yet
//     passed at the end of P).
//   - followed_up = on time + late; followed_up_on_time = on time.
//   - on_time_rate = on time / (on time + late + missed), in percent;
//     transferred and pending reports are left out of it.
//   - median_days_to_follow_up: the median, over the followed-up cohort,
//     of the working days from the assignment's start to its first
//     follow-up (workdays.Calendar.WorkingDaysBetween).
//   - completed / reopened: cohort reports completed (by the reporter or
//     automatically) / reopened while routed to u, after the assignment
//     began. average_rating: the mean of the last rating each completed
//     cohort report received from its reporter (unrated ones left out).
//   - overdue_backlog: reports routed to u at the end of P (or now, if
//     sooner) whose current follow-up deadline had passed; every follow-up
//     stage counts, including those a reporter's reply or a reopening
//     started. oldest_overdue_days: the working days the most overdue of
//     them had been overdue.
//   - grade: good when on_time_rate >= Grades.Good, fair when >=
//     Grades.Fair, else poor; none when no obligation fell due. Pages and
//     exports show them as Kemendagri's Baik, Sedang and Kurang (the
//     catalogues' grade.* keys).
//
// The sanction list names, for P, every unit that left a report overdue
// during P: a follow-up stage of u whose deadline passed while the report
// still waited for u's follow-up, at some moment within P.
package evaluation

import (
	"math"
	"slices"
	"time"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/workdays"
)

// Grades, as codes.
const (
	GradeGood = "good"
	GradeFair = "fair"
	GradePoor = "poor"
)

// Event is an event as the evaluation reads it.
type Event struct {
	Type   domain.EventType
	Unit   int64 // unit routed to (verified, rerouted, forwarded); 0 if none
	At     time.Time
	Rating int
	// Outcome and Ground of an information request's answer or objection
	// answer (information.go).
	Outcome, Ground string
}

// Report is a report's timeline, oldest first.
type Report struct {
	ID         int64
	TrackingID string
	Kind       domain.Kind
	Category   string // category code, "" for none
	AreaID     int64  // the kelurahan chosen from the admins' list; 0 for none
	// Public: verified and not confidential now, as the public
	// statistics count only those; the leaders' figures count all.
	Public bool
	Events []Event
}

// Period is a span of whole days in the instance's time zone, inclusive.
type Period struct {
	From, To workdays.Date
}

// Figures are one unit's figures for one period.
type Figures struct {
	Received          int      `json:"received"`
	FollowedUp        int      `json:"followed_up"`
	FollowedUpOnTime  int      `json:"followed_up_on_time"`
	Late              int      `json:"followed_up_late"`
	Missed            int      `json:"missed"`
	Transferred       int      `json:"transferred"`
	Pending           int      `json:"pending"`
	OnTimeRate        *float64 `json:"on_time_rate"` // percent
	MedianDays        *float64 `json:"median_days_to_follow_up"`
	Completed         int      `json:"completed"`
	Reopened          int      `json:"reopened"`
	Rated             int      `json:"rated"`
	AverageRating     *float64 `json:"average_rating"`
	OverdueBacklog    int      `json:"overdue_backlog"`
	OldestOverdueDays int      `json:"oldest_overdue_days"`
	Grade             string   `json:"grade"`
	// Information are the unit's information request figures (information.go).
	Information InfoFigures `json:"information"`

	ratingSum  int
	followDays []int
}

// Breach is a follow-up a unit let pass its deadline during the period:
// the most overdue stage of a report, for the sanction list.
type Breach struct {
	Unit        int64
	ReportID    int64
	TrackingID  string
	StageStart  time.Time  // when the follow-up clock started
	DueAt       time.Time  // its deadline
	ResolvedAt  *time.Time // when the unit followed up or the report left it; nil if still waiting
	OverdueDays int        // working days overdue within the period's end (or now)
	Stages      int        // overdue stages of this report with this unit in the period
}

// Evaluator accumulates figures over reports, for one or more periods.
type Evaluator struct {
	cal      *workdays.Calendar
	settings deadline.Settings
	now      time.Time
	periods  []window
	// Figures per period per unit.
	figs []map[int64]*Figures
	// Breaches of the first period, per unit and report.
	breaches map[int64]map[int64]*Breach
}

type window struct {
	start, end time.Time // [start, end)
	snap       time.Time // min(end, now): when the backlog is taken
}

// New prepares an evaluation of periods (the sanction list is of the first)
// at instant now, with the calendar and settings in force.
func New(cal *workdays.Calendar, s deadline.Settings, now time.Time, periods ...Period) *Evaluator {
	e := &Evaluator{cal: cal, settings: s, now: now, breaches: map[int64]map[int64]*Breach{}}
	for _, p := range periods {
		w := window{start: cal.StartOfDay(p.From), end: cal.StartOfDay(p.To.AddDays(1))}
		w.snap = w.end
		if now.Before(w.snap) {
			w.snap = now
		}
		e.periods = append(e.periods, w)
		e.figs = append(e.figs, map[int64]*Figures{})
	}
	return e
}

// Bounds returns the instants events must be read between: the start of
// the earliest period and the end of the latest.
func (e *Evaluator) Bounds() (from, end time.Time) {
	for i, w := range e.periods {
		if i == 0 || w.start.Before(from) {
			from = w.start
		}
		if i == 0 || w.end.After(end) {
			end = w.end
		}
	}
	return from, end
}

func (e *Evaluator) fig(p int, unit int64) *Figures {
	f := e.figs[p][unit]
	if f == nil {
		f = &Figures{}
		e.figs[p][unit] = f
	}
	return f
}

// stage is a follow-up stage: a unit owes a follow-up from start.
type stage struct {
	unit       int64
	start, due time.Time
	end        time.Time // when it ended; zero while open
	followed   bool      // ended by the unit's follow-up
}

// Add takes one report's timeline into account. Reports may come in any
// order; each must come once.
func (e *Evaluator) Add(r *Report) {
	days := e.settings.For(r.Kind, r.Category).FollowUp
	stages := e.stages(r, days)
	for p, w := range e.periods {
		e.cohort(p, w, r, days)
		e.backlog(p, w, stages)
		if p == 0 {
			e.sanctions(w, r, stages)
		}
	}
}

// stages lists every follow-up stage of the timeline.
func (e *Evaluator) stages(r *Report, days int) []stage {
	var out []stage
	var unit int64
	open := -1
	closeAt := func(t time.Time, followed bool) {
		if open >= 0 {
			out[open].end, out[open].followed = t, followed
			open = -1
		}
	}
	begin := func(t time.Time) {
		out = append(out, stage{unit: unit, start: t, due: e.cal.Deadline(t, days)})
		open = len(out) - 1
	}
	for _, ev := range r.Events {
		switch ev.Type {
		case domain.EventVerified, domain.EventRerouted, domain.EventForwarded:
			closeAt(ev.At, false)
			unit = ev.Unit
			begin(ev.At)
		case domain.EventReplied, domain.EventReopened:
			closeAt(ev.At, false)
			begin(ev.At)
		case domain.EventFollowedUp, domain.EventAnswered:
			closeAt(ev.At, true)
		case domain.EventExtended:
			// The PPID's one extension moves the open stage's deadline.
			if open >= 0 {
				out[open].due = e.cal.Deadline(out[open].start, days+domain.InfoExtensionDays)
			}
		case domain.EventObjectionAnswered:
			// Overturned: the PPID owes an answer again.
			if ev.Outcome == domain.OutcomeOverturned {
				begin(ev.At)
			}
		case domain.EventReturned:
			closeAt(ev.At, false)
			unit = 0
		case domain.EventCompleted, domain.EventAutoCompleted, domain.EventArchived:
			closeAt(ev.At, false)
		}
	}
	return out
}

// cohort counts the report for each unit it was received by in the period.
func (e *Evaluator) cohort(p int, w window, r *Report, days int) {
	var seen []int64 // units whose first assignment in the period was found
	for i, ev := range r.Events {
		if !ev.At.Before(w.end) {
			break
		}
		if ev.At.Before(w.start) || ev.Unit == 0 ||
			(ev.Type != domain.EventVerified && ev.Type != domain.EventRerouted && ev.Type != domain.EventForwarded) {
			continue
		}
		if slices.Contains(seen, ev.Unit) {
			continue
		}
		seen = append(seen, ev.Unit)
		e.assignment(p, w, r, i, days)
		if r.Kind == domain.KindInformationRequest {
			e.information(&e.fig(p, ev.Unit).Information, w, r, i, days)
		}
	}
}

// assignment follows the cohort assignment starting at event i.
func (e *Evaluator) assignment(p int, w window, r *Report, i int, days int) {
	u := r.Events[i].Unit
	f := e.fig(p, u)
	f.Received++
	start := r.Events[i].At
	due := e.cal.Deadline(start, days)
	var followedAt, leftAt time.Time
	unit := u
	completed, reopened, rating := false, false, 0
	for _, ev := range r.Events[i+1:] {
		if !ev.At.Before(w.end) {
			break
		}
		switch ev.Type {
		case domain.EventFollowedUp, domain.EventAnswered:
			if unit == u && followedAt.IsZero() && leftAt.IsZero() {
				followedAt = ev.At
			}
		case domain.EventExtended:
			if unit == u && followedAt.IsZero() && leftAt.IsZero() {
				due = e.cal.Deadline(start, days+domain.InfoExtensionDays)
			}
		case domain.EventRerouted, domain.EventForwarded:
			if unit == u && ev.Unit != u && leftAt.IsZero() && followedAt.IsZero() {
				leftAt = ev.At
			}
			unit = ev.Unit
		case domain.EventVerified:
			unit = ev.Unit
		case domain.EventReturned:
			if unit == u && leftAt.IsZero() && followedAt.IsZero() {
				leftAt = ev.At
			}
			unit = 0
		case domain.EventCompleted, domain.EventAutoCompleted:
			if unit == u {
				completed = true
				if ev.Type == domain.EventCompleted && ev.Rating > 0 {
					rating = ev.Rating
				}
			}
		case domain.EventReopened:
			if unit == u {
				reopened = true
			}
		}
	}
	switch {
	case !followedAt.IsZero():
		f.FollowedUp++
		if followedAt.After(due) {
			f.Late++
		} else {
			f.FollowedUpOnTime++
		}
		f.followDays = append(f.followDays, e.cal.WorkingDaysBetween(start, followedAt))
	case !leftAt.IsZero():
		if leftAt.After(due) {
			f.Missed++
		} else {
			f.Transferred++
		}
	case w.snap.After(due):
		f.Missed++
	default:
		f.Pending++
	}
	if completed {
		f.Completed++
	}
	if reopened {
		f.Reopened++
	}
	if rating > 0 {
		f.Rated++
		f.ratingSum += rating
	}
}

// backlog counts the report if, at the period's snapshot, it waited past
// its deadline for a unit's follow-up.
func (e *Evaluator) backlog(p int, w window, stages []stage) {
	for _, s := range stages {
		if s.unit == 0 || !s.start.Before(w.snap) || !w.snap.After(s.due) {
			continue
		}
		if !s.end.IsZero() && !s.end.After(w.snap) {
			continue // ended by the snapshot
		}
		f := e.fig(p, s.unit)
		f.OverdueBacklog++
		if d := e.cal.WorkingDaysBetween(s.due, w.snap); d > f.OldestOverdueDays {
			f.OldestOverdueDays = d
		}
		return // a report is in one stage at a time
	}
}

// sanctions records each stage overdue at some moment within the period.
func (e *Evaluator) sanctions(w window, r *Report, stages []stage) {
	for _, s := range stages {
		if s.unit == 0 || !s.start.Before(w.end) {
			continue
		}
		stop := w.snap
		var resolved *time.Time
		if !s.end.IsZero() && s.end.Before(stop) {
			stop = s.end
			t := s.end
			resolved = &t
		}
		if !stop.After(s.due) || !stop.After(w.start) {
			continue
		}
		days := e.cal.WorkingDaysBetween(s.due, stop)
		byReport := e.breaches[s.unit]
		if byReport == nil {
			byReport = map[int64]*Breach{}
			e.breaches[s.unit] = byReport
		}
		b := byReport[r.ID]
		if b == nil {
			b = &Breach{Unit: s.unit, ReportID: r.ID, TrackingID: r.TrackingID}
			byReport[r.ID] = b
		}
		b.Stages++
		if b.Stages == 1 || days > b.OverdueDays {
			b.StageStart, b.DueAt, b.ResolvedAt, b.OverdueDays = s.start, s.due, resolved, days
		}
	}
}

// Row is one unit's figures.
type Row struct {
	Unit int64
	Figures
}

// Rows returns the figures of period p for each of units (in that order;
// units without reports get zeros), with rates, medians and grades.
func (e *Evaluator) Rows(p int, units []int64) []Row {
	out := make([]Row, 0, len(units))
	for _, u := range units {
		f := Figures{}
		if got := e.figs[p][u]; got != nil {
			f = *got
		}
		e.finish(&f)
		out = append(out, Row{Unit: u, Figures: f})
	}
	return out
}

// Total sums the figures of period p over units (the median and the oldest
// item over all of them).
func (e *Evaluator) Total(p int, units []int64) Figures {
	var t Figures
	for _, u := range units {
		f := e.figs[p][u]
		if f == nil {
			continue
		}
		t.Received += f.Received
		t.FollowedUp += f.FollowedUp
		t.FollowedUpOnTime += f.FollowedUpOnTime
		t.Late += f.Late
		t.Missed += f.Missed
		t.Transferred += f.Transferred
		t.Pending += f.Pending
		t.Completed += f.Completed
		t.Reopened += f.Reopened
		t.Rated += f.Rated
		t.ratingSum += f.ratingSum
		t.OverdueBacklog += f.OverdueBacklog
		t.OldestOverdueDays = max(t.OldestOverdueDays, f.OldestOverdueDays)
		t.followDays = append(t.followDays, f.followDays...)
		t.Information.add(f.Information)
	}
	e.finish(&t)
	return t
}

func (e *Evaluator) finish(f *Figures) {
	if n := f.FollowedUpOnTime + f.Late + f.Missed; n > 0 {
		rate := round2(100 * float64(f.FollowedUpOnTime) / float64(n))
		f.OnTimeRate = &rate
		switch {
		case rate >= e.settings.Grades.Good:
			f.Grade = GradeGood
		case rate >= e.settings.Grades.Fair:
			f.Grade = GradeFair
		default:
			f.Grade = GradePoor
		}
	}
	if n := len(f.followDays); n > 0 {
		d := slices.Clone(f.followDays)
		slices.Sort(d)
		m := float64(d[n/2])
		if n%2 == 0 {
			m = float64(d[n/2-1]+d[n/2]) / 2
		}
		f.MedianDays = &m
	}
	if f.Rated > 0 {
		avg := round2(float64(f.ratingSum) / float64(f.Rated))
		f.AverageRating = &avg
	}
	f.followDays = nil
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Breaches returns the sanction list of the first period: per unit, its
// overdue reports, most overdue first; units in no particular order.
func (e *Evaluator) Breaches() map[int64][]Breach {
	out := map[int64][]Breach{}
	for u, byReport := range e.breaches {
		list := make([]Breach, 0, len(byReport))
		for _, b := range byReport {
			list = append(list, *b)
		}
		slices.SortFunc(list, func(a, b Breach) int {
			if a.OverdueDays != b.OverdueDays {
				return b.OverdueDays - a.OverdueDays
			}
			return a.DueAt.Compare(b.DueAt)
		})
		out[u] = list
	}
	return out
}
