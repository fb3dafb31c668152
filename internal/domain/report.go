// Package domain holds Lapor's types and rules: kinds and states of a
// report, who may do what, and validation. It does no I/O.
package domain

import "time"

// Kind is what the citizen files.
type Kind string

const (
	KindComplaint          Kind = "complaint"
	KindAspiration         Kind = "aspiration"
	KindInformationRequest Kind = "information_request"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindComplaint, KindAspiration, KindInformationRequest}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	switch k {
	case KindComplaint, KindAspiration, KindInformationRequest:
		return true
	}
	return false
}

// Status is the state of a report (domain.md section 4).
type Status string

const (
	StatusSubmitted       Status = "submitted"
	StatusOnHold          Status = "on_hold"
	StatusDispositioned   Status = "dispositioned"
	StatusFollowedUp      Status = "followed_up"
	StatusReporterReplied Status = "reporter_replied"
	StatusCompleted       Status = "completed"
	StatusArchived        Status = "archived"
)

// Statuses lists every state in lifecycle order.
var Statuses = []Status{StatusSubmitted, StatusOnHold, StatusDispositioned, StatusFollowedUp,
	StatusReporterReplied, StatusCompleted, StatusArchived}

// Valid reports whether s is a known state.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// Public reports whether a report in this state may be shown to the public
// (it must also not be confidential): only verified reports are.
func (s Status) Public() bool {
	switch s {
	case StatusDispositioned, StatusFollowedUp, StatusReporterReplied, StatusCompleted:
		return true
	}
	return false
}

// Open reports whether someone still owes an action on the report.
func (s Status) Open() bool { return s != StatusCompleted && s != StatusArchived }

// Channel is how a report arrived.
type Channel string

const (
	ChannelWeb      Channel = "web"
	ChannelAPI      Channel = "api"
	ChannelSMS      Channel = "sms"
	ChannelWhatsApp Channel = "whatsapp"
	ChannelSocial   Channel = "social"
	ChannelPaper    Channel = "paper"
	ChannelOpen311  Channel = "open311" // a civic app through Open311 GeoReport v2
	ChannelPhone    Channel = "phone"   // typed in by staff from a call
	ChannelEmail    Channel = "email"   // an e-mail to the intake address
)

// Location is where the incident happened.
type Location struct {
	Address   string
	Kelurahan string
	Kecamatan string
	AreaID    *int64 // the kelurahan chosen from the admins' list; nil when typed or not given
	Lat, Lon  *float64
}

// Identity is the reporter's contact; always stored sealed.
type Identity struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
	Lang  string `json:"lang,omitempty"` // the language the reporter filed in, for the messages they get
}

// Empty reports whether no contact detail was given.
func (i Identity) Empty() bool { return i.Name == "" && i.Email == "" && i.Phone == "" }

// Report is a complaint, aspiration or information request.
type Report struct {
	ID             int64
	TrackingID     string
	ReceiptHash    string
	Kind           Kind
	Status         Status
	Title          string
	Body           string
	CategoryID     *int64
	UnitID         *int64 // unit it is routed to; nil until verified
	RequestedUnit  *int64 // unit the reporter suggested
	IncidentDate   string // YYYY-MM-DD, may be empty
	Location       Location
	Anonymous      bool
	Confidential   bool
	ShowName       bool
	Channel        Channel
	SealedIdentity []byte // sealed Identity; nil when none given
	AccountID      *int64 // citizen account that filed it
	Rating         int    // 0 until completed with a rating
	ReopenCount    int
	CreatedAt      time.Time
	UpdatedAt      time.Time
	VerifiedAt     *time.Time
	CompletedAt    *time.Time
	Version        int64    // number of events; guards concurrent actions
	Schedule       Schedule // deadlines derived from the events (deadline.go)
}
