package domain

import "time"

// DueKind names the clock of a report's current stage (domain.md section 5).
type DueKind string

const (
	// DueVerification: the admin must verify and route (3 HK by default).
	DueVerification DueKind = "verification"
	// DueFollowUp: the unit must follow up (5 HK by default).
	DueFollowUp DueKind = "follow_up"
	// DueAutoComplete: the report closes itself when the reporter stays
	// silent after a follow-up (10 HK by default).
	DueAutoComplete DueKind = "auto_complete"
	// DueHoldExpiry: a report on hold is archived (30 days by default).
	DueHoldExpiry DueKind = "hold_expiry"
	// DueObjection: the PPID's superior must answer an objection to an
	// information request (InfoSuperiorDays).
	DueObjection DueKind = "objection"
)

// DueKinds lists every clock, in the order of a report's life.
var DueKinds = []DueKind{DueVerification, DueFollowUp, DueAutoComplete, DueHoldExpiry, DueObjection}

// Breachable reports whether missing this deadline is a failure of the
// government (an overdue report), rather than the moment the scheduler
// closes a report that waits for its reporter.
func (k DueKind) Breachable() bool {
	return k == DueVerification || k == DueFollowUp || k == DueObjection
}

// Notices is the set of scheduler notices already written, as bits.
type Notices int

const (
	NoticeReminded  Notices = 1 << iota // reminder to the unit, in this stage
	NoticeEscalated                     // breach escalated, in this stage
	NoticeOmbudsman                     // flagged for the Ombudsman (once per report)
	NoticeExtended                      // an information request's answer clock was extended, in this stage
)

// Has reports whether every bit of n2 is in n.
func (n Notices) Has(n2 Notices) bool { return n&n2 == n2 }

// Schedule is a report's deadline state. Like Status it is only a cache of
// the timeline: the deadline package derives it from the events, and the
// store writes it in the same transaction as every event.
type Schedule struct {
	DueAt          *time.Time // deadline of the current stage; nil when none
	DueKind        DueKind    // which clock DueAt belongs to
	OmbudsmanDueAt *time.Time // end of the completion limit; nil when paused or closed
	WakeAt         *time.Time // when the scheduler next has something to write
	Notices        Notices    // notices written since the current stage began
}

// Overdue reports whether the report has missed a deadline that is the
// government's to meet, at instant now: DueAt is inclusive (an action at
// DueAt is on time).
func (s Schedule) Overdue(now time.Time) bool {
	return s.DueAt != nil && s.DueKind.Breachable() && now.After(*s.DueAt)
}
