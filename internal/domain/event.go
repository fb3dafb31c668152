package domain

import (
	"strings"
	"time"
)

// Privacy choices recorded in the Reason of the submission event, so that
// they are covered by the hash chain and rebuilt by Replay.
const (
	FlagAnonymous    = "anonymous"
	FlagConfidential = "confidential"
)

// SubmissionFlags is the Reason of a submission event.
func SubmissionFlags(anonymous, confidential bool) string {
	var f []string
	if anonymous {
		f = append(f, FlagAnonymous)
	}
	if confidential {
		f = append(f, FlagConfidential)
	}
	return strings.Join(f, " ")
}

// Event is one step in a report's life. Events are only ever appended.
type Event struct {
	ID          int64
	ReportID    int64
	Seq         int // 1 for submission, then +1 per event
	Type        EventType
	ActorRole   Role
	ActorUserID *int64 // staff member; never set for a reporter
	ActorUnitID *int64 // the actor's unit, for officers
	UnitID      *int64 // unit the report was routed to by this event
	FromStatus  Status
	ToStatus    Status
	Message     string
	Reason      string
	Rating      int
	Internal    bool // staff-only note
	CreatedAt   time.Time
	PrevHash    string // hash of the previous event of the report
	Hash        string // hash of this event's content and PrevHash
}

// Replay rebuilds the state a report reached from its events, proving the
// stored state is only a cache of the timeline.
func Replay(events []Event) (status Status, unitID *int64, confidential bool) {
	for _, e := range events {
		if e.Type == EventConfidentialSet || (e.Type == EventSubmitted && strings.Contains(e.Reason, FlagConfidential)) {
			confidential = true
		}
		if e.ToStatus != "" {
			status = e.ToStatus
		}
		switch e.Type {
		case EventVerified, EventRerouted, EventForwarded:
			unitID = e.UnitID
		case EventReturned:
			unitID = nil
		}
	}
	return status, unitID, confidential
}
