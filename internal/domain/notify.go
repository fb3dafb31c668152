package domain

// Staff notifications (issue 11): what the officers of a unit, its head
// and the supervising office are told, and how each staff user takes it.

// NotifyKind is a kind of notice a staff user hears of.
type NotifyKind string

const (
	NotifyRouted     NotifyKind = "routed"     // a report was routed (or forwarded) to the officer's unit
	NotifyReplied    NotifyKind = "replied"    // the reporter replied or reopened
	NotifyReminder   NotifyKind = "reminder"   // a working day before the unit's deadline
	NotifyBreach     NotifyKind = "breach"     // the unit missed its deadline
	NotifyEscalation NotifyKind = "escalation" // to a unit's head: the unit's breach was escalated
)

// NotifyKinds lists the kinds a staff user chooses a mode for, in the order shown.
var NotifyKinds = []NotifyKind{NotifyRouted, NotifyReplied, NotifyReminder, NotifyBreach, NotifyEscalation}

// Modes of a notice kind for one user.
const (
	NotifyNow    = "now"    // one e-mail per notice (the default)
	NotifyDigest = "digest" // one e-mail a day at 07:00, holding the day's notices
	NotifyOff    = "off"
)

// ValidNotifyMode reports whether m is a mode.
func ValidNotifyMode(m string) bool { return m == NotifyNow || m == NotifyDigest || m == NotifyOff }

// ValidNotifyKind reports whether k is a kind a user chooses for.
func ValidNotifyKind(k NotifyKind) bool {
	for _, x := range NotifyKinds {
		if x == k {
			return true
		}
	}
	return false
}

// OfficerNotice says what the officers of the report's unit are told of
// ev, if anything: a routing to them, a reporter's reply, a reminder, a
// breach. An internal note is never a notice.
func OfficerNotice(ev Event) (NotifyKind, bool) {
	if ev.Internal {
		return "", false
	}
	switch ev.Type {
	case EventVerified, EventRerouted, EventForwarded:
		return NotifyRouted, true
	case EventReplied, EventReopened:
		return NotifyReplied, true
	case EventReminded:
		return NotifyReminder, true
	case EventEscalated:
		return NotifyBreach, true
	}
	return "", false
}
