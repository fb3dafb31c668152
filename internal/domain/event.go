package domain

import (
	"encoding/json"
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
	Message     string // what the actor wrote; the scheduler writes none
	Reason      string // a code: archive reason, due kind of a notice
	Params      Params // what the event's text is made of, rendered when shown
	Rating      int
	Internal    bool // staff-only note
	CreatedAt   time.Time
	PrevHash    string // hash of the previous event of the report
	Hash        string // hash of this event's content and PrevHash
	Chain       int    // how Hash was made: ChainPlain or ChainKeyed (chain.go)
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

// Params are the values an event's text is rendered from when it is shown,
// in the reader's language: the timeline stores codes and values, never a
// sentence. They never hold the reporter's identity.
type Params map[string]string

// The keys of Params.
const (
	ParamOldTitle = "old_title" // title_edited: the title before the edit
	ParamNewTitle = "new_title" // title_edited: the title after it
	// category_set: the codes of the categories before and after ("" when
	// there was none before), and their names at the time.
	ParamOldCategory     = "old_category"
	ParamNewCategory     = "new_category"
	ParamOldCategoryName = "old_category_name"
	ParamNewCategoryName = "new_category_name"
	ParamDueAt           = "due_at"       // a notice: the deadline it is about (RFC 3339, UTC)
	ParamUnit            = "unit"         // a notice: the name of the unit it concerns, at the time
	ParamOffice          = "office"       // an escalation: the supervising office it went to
	ParamDuplicateOf     = "duplicate_of" // an archive as a duplicate: the original's tracking ID
	ParamDuplicate       = "duplicate"    // the original's link event: the duplicate's tracking ID
)

// Encode is the stored form of p: a JSON object with its keys in order,
// the same bytes for the same values (EventHash depends on it), "" when p
// is empty.
func (p Params) Encode() string {
	if len(p) == 0 {
		return ""
	}
	b, err := json.Marshal(map[string]string(p))
	if err != nil {
		panic(err) // a map of strings always encodes
	}
	return string(b)
}

// DecodeParams reads what Encode wrote; "" is no params.
func DecodeParams(s string) (Params, error) {
	if s == "" {
		return nil, nil
	}
	var p Params
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return nil, err
	}
	if len(p) == 0 {
		return nil, nil
	}
	return p, nil
}
