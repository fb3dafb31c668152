package service

import (
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// Expected are the dates a report's viewer is told to expect. They are
// derived here, from the stored schedule and the deadline rules in force,
// so that no page computes a deadline of its own.
type Expected struct {
	StageSince  time.Time // when the report entered its current state
	StageDue    time.Time // when the current stage must be done; zero when nothing is due
	VerifyBy    time.Time // verification: the stored deadline while waiting, else the one it had
	FollowUpBy  time.Time // the unit's follow-up: the stored deadline at the unit, else as expected after verification
	ReopenUntil time.Time // a completed report the reporter may reopen: the last day; else zero
}

// expected derives r's dates from its timeline.
func (s *Service) expected(r *domain.Report, events []domain.Event) Expected {
	pol := s.policy()
	days, cal := pol.days(r), pol.cal
	e := Expected{StageSince: r.CreatedAt}
	for _, ev := range events {
		if ev.ToStatus == r.Status && ev.FromStatus != ev.ToStatus {
			e.StageSince = ev.CreatedAt
		}
	}
	// The stored deadline counts holidays, pauses and the settings at the
	// time; a report written before deadlines were stored gets one from
	// the settings.
	due := func(n int) time.Time {
		if r.Schedule.DueAt != nil {
			return *r.Schedule.DueAt
		}
		return cal.Deadline(e.StageSince, n)
	}
	switch r.Status {
	case domain.StatusSubmitted:
		e.StageDue = due(days.Verify)
	case domain.StatusDispositioned, domain.StatusReporterReplied:
		e.StageDue = due(days.FollowUp)
	case domain.StatusFollowedUp:
		e.StageDue = due(days.AutoComplete)
	case domain.StatusOnHold:
		e.StageDue = e.StageSince.AddDate(0, 0, days.Hold) // calendar days
		if r.Schedule.DueAt != nil {
			e.StageDue = *r.Schedule.DueAt
		}
	case domain.StatusCompleted:
		if s.canReopen(r) {
			e.ReopenUntil = cal.Deadline(e.StageSince, s.cfg.ReopenWindow)
		}
	}
	if r.Status == domain.StatusSubmitted {
		e.VerifyBy = e.StageDue
	} else {
		e.VerifyBy = cal.Deadline(r.CreatedAt, days.Verify)
	}
	if r.Status == domain.StatusDispositioned || r.Status == domain.StatusReporterReplied {
		e.FollowUpBy = e.StageDue
	} else {
		e.FollowUpBy = cal.Deadline(e.VerifyBy, days.FollowUp)
	}
	return e
}
