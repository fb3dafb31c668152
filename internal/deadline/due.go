package deadline

import (
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/workdays"
)

// stageStart reports whether an event of type t starts the clock of a new
// stage, and which.
func stageStart(t domain.EventType) (domain.DueKind, bool) {
	switch t {
	case domain.EventSubmitted, domain.EventReturned:
		return domain.DueVerification, true
	case domain.EventVerified, domain.EventRerouted, domain.EventForwarded, domain.EventReplied, domain.EventReopened:
		return domain.DueFollowUp, true
	case domain.EventFollowedUp, domain.EventAnswered:
		// After an information request's answer, the same clock is its
		// objection window (stageDue gives its length).
		return domain.DueAutoComplete, true
	case domain.EventObjected:
		return domain.DueObjection, true
	case domain.EventObjectionAnswered:
		// Overturned: the PPID must provide, with a new answer clock;
		// upheld closes the request (no stage).
		return domain.DueFollowUp, true
	case domain.EventHeld:
		return domain.DueHoldExpiry, true
	}
	return "", false
}

// owesAction reports whether the completion clock runs in status s: the
// government owes the next step.
func owesAction(s domain.Status) bool {
	return s == domain.StatusSubmitted || s == domain.StatusDispositioned || s == domain.StatusReporterReplied
}

// Compute derives a report's schedule from its timeline (oldest first),
// with the days that apply to it (Settings.For) and the calendar. It
// depends on nothing else, so a schedule can always be recomputed.
func Compute(cal *workdays.Calendar, d Days, events []domain.Event) domain.Schedule {
	var sc domain.Schedule
	if len(events) == 0 {
		return sc
	}
	c := replayClocks(events)
	if !c.status.Open() {
		if c.flagged {
			sc.Notices = domain.NoticeOmbudsman
		}
		return sc
	}
	if due, ok := c.stageDue(cal, d); ok {
		sc.DueAt, sc.DueKind = &due, c.stage
	}
	sc.Notices = c.notices
	if c.flagged {
		sc.Notices |= domain.NoticeOmbudsman
	}
	if t, ok := completionDeadline(cal, c.submitted, d.Completion, c.runs); ok {
		sc.OmbudsmanDueAt = &t
	}
	sc.WakeAt = wakeAt(cal, sc)
	return sc
}

// clocks is the state of a report's clocks after some of its timeline.
type clocks struct {
	status    domain.Status
	stage     domain.DueKind
	start     time.Time           // when the current stage's clock started
	window    bool                // the current auto-completion stage is an information request's objection window
	verStart  time.Time           // start of the latest verification clock
	holds     []workdays.Interval // holds since verStart: the verification clock's pauses
	notices   domain.Notices      // notices since the current stage began
	flagged   bool                // flagged for the Ombudsman, once per report
	runs      []span              // spans during which the completion clock ran
	submitted time.Time
}

// replayClocks plays a timeline (oldest first, not empty) through the
// clocks.
func replayClocks(events []domain.Event) *clocks {
	c := &clocks{submitted: events[0].CreatedAt}
	for _, e := range events {
		before := c.status
		if e.ToStatus != "" {
			c.status = e.ToStatus
		}
		c.startStage(e)
		c.note(e)
		c.runCompletion(before, e.CreatedAt)
	}
	return c
}

// startStage starts the clock of a new stage if e begins one.
func (c *clocks) startStage(e domain.Event) {
	k, ok := stageStart(e.Type)
	if !ok {
		return
	}
	if k != domain.DueHoldExpiry {
		c.notices = 0 // a hold pauses the verification stage; it does not end it
	}
	c.stage, c.start = k, e.CreatedAt
	c.window = e.Type == domain.EventAnswered
	switch e.Type {
	case domain.EventSubmitted, domain.EventReturned:
		c.verStart, c.holds = e.CreatedAt, nil
	case domain.EventHeld:
		c.holds = append(c.holds, workdays.Interval{Start: e.CreatedAt})
	}
}

// note records what e does to the clocks besides starting a stage: the
// end of a hold, and the scheduler's notices.
func (c *clocks) note(e domain.Event) {
	switch e.Type {
	case domain.EventInfoCompleted:
		if n := len(c.holds); n > 0 && c.holds[n-1].Open() {
			c.holds[n-1].End = e.CreatedAt
		}
		c.stage, c.start = domain.DueVerification, c.verStart
	case domain.EventReminded:
		c.notices |= domain.NoticeReminded
	case domain.EventEscalated:
		c.notices |= domain.NoticeEscalated
	case domain.EventExtended:
		c.notices |= domain.NoticeExtended
	case domain.EventOmbudsmanFlagged:
		c.flagged = true
	}
}

// runCompletion starts or stops the completion clock at t, when the
// status changed from before to one where the government does (or no
// longer does) owe an action.
func (c *clocks) runCompletion(before domain.Status, t time.Time) {
	if run, ran := owesAction(c.status), owesAction(before); run && !ran {
		c.runs = append(c.runs, span{start: t})
	} else if !run && ran && len(c.runs) > 0 {
		c.runs[len(c.runs)-1].end = t
		c.runs[len(c.runs)-1].closed = true
	}
}

// stageDue returns the deadline of the current stage; ok is false when
// there is none (no stage, or verification paused by an open hold).
func (c *clocks) stageDue(cal *workdays.Calendar, d Days) (due time.Time, ok bool) {
	switch c.stage {
	case domain.DueVerification:
		return cal.DeadlineWithPauses(c.start, d.Verify, c.holds)
	case domain.DueFollowUp:
		n := d.FollowUp
		if c.notices.Has(domain.NoticeExtended) {
			n += domain.InfoExtensionDays
		}
		return cal.Deadline(c.start, n), true
	case domain.DueAutoComplete:
		if c.window {
			return cal.Deadline(c.start, domain.InfoObjectionWindowDays), true
		}
		return cal.Deadline(c.start, d.AutoComplete), true
	case domain.DueObjection:
		return cal.Deadline(c.start, domain.InfoSuperiorDays), true
	case domain.DueHoldExpiry:
		return cal.EndOfDay(cal.DateOf(c.start).AddDays(d.Hold)), true
	}
	return time.Time{}, false
}

// wakeAt returns when the scheduler should look at a report with schedule
// sc: the earliest notice still to write, or nil when none is.
func wakeAt(cal *workdays.Calendar, sc domain.Schedule) *time.Time {
	var at *time.Time
	wake := func(t time.Time) {
		if at == nil || t.Before(*at) {
			at = &t
		}
	}
	if sc.DueAt != nil {
		escalated := sc.Notices.Has(domain.NoticeEscalated)
		switch sc.DueKind {
		case domain.DueFollowUp:
			if !escalated {
				if !sc.Notices.Has(domain.NoticeReminded) {
					wake(RemindAt(cal, *sc.DueAt))
				}
				wake(*sc.DueAt)
			}
		case domain.DueVerification, domain.DueObjection:
			if !escalated {
				wake(*sc.DueAt)
			}
		default:
			wake(*sc.DueAt)
		}
	}
	if sc.OmbudsmanDueAt != nil && !sc.Notices.Has(domain.NoticeOmbudsman) {
		wake(*sc.OmbudsmanDueAt)
	}
	return at
}

// RemindAt is when the unit is reminded of a follow-up due at due: one
// working day before it, the end of the working day before due's day. A
// clock shorter than that reminds at once.
func RemindAt(cal *workdays.Calendar, due time.Time) time.Time {
	return cal.EndOfDay(cal.AddWorkingDays(cal.DateOf(due), -1))
}

// span is an interval [start, end) during which the completion clock ran;
// an open span (closed false) runs on.
type span struct {
	start, end time.Time
	closed     bool
}

// completionDeadline returns the end of the n-th calendar day on which the
// clock was running when the day began, not counting the day of submission;
// ok is false when the clock is paused before reaching it.
func completionDeadline(cal *workdays.Calendar, submitted time.Time, n int, runs []span) (time.Time, bool) {
	first := cal.DateOf(submitted).AddDays(1) // the day of submission never counts
	count := 0
	for _, r := range runs {
		// Midnights m with r.start <= m < r.end, from the first countable day.
		d := cal.DateOf(r.start)
		if cal.StartOfDay(d).Before(r.start) {
			d = d.AddDays(1)
		}
		if d.Before(first) {
			d = first
		}
		if !r.closed {
			return cal.EndOfDay(d.AddDays(n - count - 1)), true
		}
		last := cal.DateOf(r.end)
		if !cal.StartOfDay(last).Before(r.end) {
			last = last.AddDays(-1)
		}
		if k := d.DaysUntil(last) + 1; k > 0 {
			if count+k >= n {
				return cal.EndOfDay(d.AddDays(n - count - 1)), true
			}
			count += k
		}
	}
	return time.Time{}, false
}

// Notice is something the scheduler writes on a report's timeline.
type Notice string

const (
	NoticeRemind       Notice = "remind"        // event reminded
	NoticeEscalate     Notice = "escalate"      // event escalated
	NoticeAutoComplete Notice = "auto_complete" // action auto_complete
	NoticeExpireHold   Notice = "expire_hold"   // action expire_hold (archived, hold_expired)
	NoticeOmbudsman    Notice = "ombudsman"     // event ombudsman_flagged
)

// Next returns the notice the scheduler owes a report at now, judged from
// the stored schedule alone, or false when there is none. Each notice is
// owed once: writing it changes the schedule so that Next no longer
// returns it. A reminder that comes too late (the deadline has passed) is
// not owed; the escalation is.
func Next(cal *workdays.Calendar, status domain.Status, sc domain.Schedule, now time.Time) (Notice, bool) {
	if !status.Open() {
		return "", false
	}
	if sc.OmbudsmanDueAt != nil && !sc.Notices.Has(domain.NoticeOmbudsman) && now.After(*sc.OmbudsmanDueAt) {
		return NoticeOmbudsman, true
	}
	if sc.DueAt == nil {
		return "", false
	}
	due := *sc.DueAt
	switch sc.DueKind {
	case domain.DueVerification, domain.DueFollowUp, domain.DueObjection:
		if sc.Notices.Has(domain.NoticeEscalated) {
			return "", false
		}
		if now.After(due) {
			return NoticeEscalate, true
		}
		if sc.DueKind == domain.DueFollowUp && !sc.Notices.Has(domain.NoticeReminded) && now.After(RemindAt(cal, due)) {
			return NoticeRemind, true
		}
	case domain.DueAutoComplete:
		if status == domain.StatusFollowedUp && now.After(due) {
			return NoticeAutoComplete, true
		}
	case domain.DueHoldExpiry:
		if status == domain.StatusOnHold && now.After(due) {
			return NoticeExpireHold, true
		}
	}
	return "", false
}
