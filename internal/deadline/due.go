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
	case domain.EventFollowedUp:
		return domain.DueAutoComplete, true
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
	var (
		status    domain.Status
		stage     domain.DueKind
		start     time.Time           // when the current stage's clock started
		verStart  time.Time           // start of the latest verification clock
		holds     []workdays.Interval // holds since verStart: the verification clock's pauses
		notices   domain.Notices      // notices since the current stage began
		flagged   bool                // flagged for the Ombudsman, once per report
		runs      []span              // spans during which the completion clock ran
		submitted = events[0].CreatedAt
	)
	for _, e := range events {
		before := status
		if e.ToStatus != "" {
			status = e.ToStatus
		}
		if k, ok := stageStart(e.Type); ok {
			if k != domain.DueHoldExpiry {
				notices = 0 // a hold pauses the verification stage; it does not end it
			}
			stage, start = k, e.CreatedAt
			switch e.Type {
			case domain.EventSubmitted, domain.EventReturned:
				verStart, holds = e.CreatedAt, nil
			case domain.EventHeld:
				holds = append(holds, workdays.Interval{Start: e.CreatedAt})
			}
		}
		switch e.Type {
		case domain.EventInfoCompleted:
			if n := len(holds); n > 0 && holds[n-1].Open() {
				holds[n-1].End = e.CreatedAt
			}
			stage, start = domain.DueVerification, verStart
		case domain.EventReminded:
			notices |= domain.NoticeReminded
		case domain.EventEscalated:
			notices |= domain.NoticeEscalated
		case domain.EventOmbudsmanFlagged:
			flagged = true
		}
		if run, ran := owesAction(status), owesAction(before); run && !ran {
			runs = append(runs, span{start: e.CreatedAt})
		} else if !run && ran && len(runs) > 0 {
			runs[len(runs)-1].end = e.CreatedAt
			runs[len(runs)-1].closed = true
		}
	}
	if !status.Open() {
		if flagged {
			sc.Notices = domain.NoticeOmbudsman
		}
		return sc
	}
	var due time.Time
	switch stage {
	case domain.DueVerification:
		t, ok := cal.DeadlineWithPauses(start, d.Verify, holds)
		if !ok {
			stage = ""
			break
		}
		due = t
	case domain.DueFollowUp:
		due = cal.Deadline(start, d.FollowUp)
	case domain.DueAutoComplete:
		due = cal.Deadline(start, d.AutoComplete)
	case domain.DueHoldExpiry:
		due = cal.EndOfDay(cal.DateOf(start).AddDays(d.Hold))
	}
	if stage != "" {
		sc.DueAt, sc.DueKind = &due, stage
	}
	sc.Notices = notices
	if flagged {
		sc.Notices |= domain.NoticeOmbudsman
	}
	if t, ok := completionDeadline(cal, submitted, d.Completion, runs); ok {
		sc.OmbudsmanDueAt = &t
	}
	// The scheduler wakes at the earliest notice still to write.
	wake := func(t time.Time) {
		if sc.WakeAt == nil || t.Before(*sc.WakeAt) {
			sc.WakeAt = &t
		}
	}
	if sc.DueAt != nil {
		switch sc.DueKind {
		case domain.DueFollowUp:
			if !notices.Has(domain.NoticeEscalated) {
				if !notices.Has(domain.NoticeReminded) {
					wake(RemindAt(cal, *sc.DueAt))
				}
				wake(*sc.DueAt)
			}
		case domain.DueVerification:
			if !notices.Has(domain.NoticeEscalated) {
				wake(*sc.DueAt)
			}
		default:
			wake(*sc.DueAt)
		}
	}
	if sc.OmbudsmanDueAt != nil && !flagged {
		wake(*sc.OmbudsmanDueAt)
	}
	return sc
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
	case domain.DueVerification, domain.DueFollowUp:
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
