package domain

import "time"

// Delivery states in the outbox.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliverySkipped   = "skipped"  // nothing to send on: the reporter gave no e-mail
	DeliveryDead      = "dead"     // failed for a day; kept for an admin to retry
	DeliveryQueued    = "queued"   // a notice waiting for its user's daily digest
	DeliveryDigested  = "digested" // a notice sent inside a digest (DigestID)
)

// Audiences of a delivery besides the reporter and a webhook.
const (
	AudienceReporter = "reporter"
	AudienceStaff    = "staff"   // a staff user (UserID): officers, a unit's head
	AudienceOffice   = "office"  // the supervising office's address (a setting, read when sent)
	AudienceCitizen  = "citizen" // a citizen account's sealed address (SealedTo)
)

// DeliveryWebhook is the channel (and audience) of a webhook delivery.
const DeliveryWebhook = "webhook"

// Delivery is one message owed to someone, as the outbox holds it. It
// never holds an address or a name: those are opened when it is sent.
type Delivery struct {
	ID         int64
	Key        string // idempotency key, the same on every attempt
	Channel    string // email or webhook
	Audience   string // reporter or webhook
	WebhookID  *int64 // the webhook a webhook delivery is for
	UserID     *int64 // the staff user a staff delivery is for
	UnitID     *int64 // the unit whose head or office is told (escalations)
	SealedTo   []byte // a citizen delivery's sealed address; never shown
	Kind       string // what the message is: a NotifyKind, digest, verify, reset, or the event type for the reporter
	DigestID   *int64 // the digest a digested notice went out in
	ReportID   int64  // 0 for mail about no report
	TrackingID string
	EventSeq   int
	EventType  EventType
	Status     string
	Attempts   int
	NextAt     time.Time
	Claim      string // the token of the claim being worked on
	LastError  string
	CreatedAt  time.Time
	TriesFrom  time.Time // start of the current day of attempts: dead a day after it
	DoneAt     *time.Time
}

// reporterSteps are the public steps a reporter hears about.
var reporterSteps = map[EventType]bool{
	EventSubmitted: true, EventVerified: true, EventRerouted: true, EventForwarded: true, EventHeld: true,
	EventFollowedUp: true, EventCompleted: true, EventAutoCompleted: true, EventReopened: true, EventArchived: true,
	// Information requests: the PPID's extension and answer, the superior's answer.
	EventExtended: true, EventAnswered: true, EventObjectionAnswered: true,
}

// ReporterHears reports whether the reporter is told of an event: public
// steps only, never a staff-only note.
func ReporterHears(ev Event) bool { return !ev.Internal && reporterSteps[ev.Type] }
