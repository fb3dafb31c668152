package domain

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Webhook is an address an admin registered to be told of report events.
// Its secret signs every delivery; it is stored sealed and never shown
// again once registered.
type Webhook struct {
	ID        int64
	URL       string
	Events    []string // report.submitted, report.routed, ...
	CreatedAt time.Time
	DeletedAt *time.Time
}

// The events a webhook can ask for, in the order the API documents them.
const (
	HookSubmitted  = "report.submitted"
	HookRouted     = "report.routed"
	HookFollowedUp = "report.followed_up"
	HookCompleted  = "report.completed"
	HookEscalated  = "report.escalated"
)

var hookEvents = []string{HookSubmitted, HookRouted, HookFollowedUp, HookCompleted, HookEscalated}

// HookEvents lists every event a webhook can ask for.
func HookEvents() []string { return slices.Clone(hookEvents) }

// hookOf maps a timeline event to the webhook event it raises: routing
// covers a first disposition, a reroute and a forward; completion covers
// the reporter's and the automatic one.
var hookOf = map[EventType]string{
	EventSubmitted: HookSubmitted, EventVerified: HookRouted, EventRerouted: HookRouted, EventForwarded: HookRouted,
	EventFollowedUp: HookFollowedUp, EventCompleted: HookCompleted, EventAutoCompleted: HookCompleted,
	EventEscalated: HookEscalated,
}

// HookEvent returns the webhook event a timeline event raises, if any.
func HookEvent(t EventType) (string, bool) {
	h, ok := hookOf[t]
	return h, ok
}

// Wants reports whether the webhook asked for event.
func (w Webhook) Wants(event string) bool { return slices.Contains(w.Events, event) }

// Limits of a webhook registration.
const (
	MaxHookURL       = 2000
	MinHookSecret    = 16
	MaxHookSecret    = 200
	MaxWebhooksCount = 50
)

// NormalizeHookEvents trims, deduplicates and orders events.
func NormalizeHookEvents(events []string) []string {
	var out []string
	for _, e := range hookEvents {
		for _, g := range events {
			if strings.TrimSpace(g) == e {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// ValidateWebhook checks a registration: an absolute http or https URL
// with a host and no credentials, at least one known event, and a secret
// long enough to sign with.
func ValidateWebhook(rawURL string, events []string, secret string) error {
	f := FieldErrors{}
	if rawURL == "" {
		f.Add("url", "field.required")
	} else if !validHookURL(rawURL) {
		f.Add("url", "webhook.field.url")
	}
	if len(events) == 0 {
		f.Add("events", "field.required")
	}
	for _, e := range events {
		if !slices.Contains(hookEvents, strings.TrimSpace(e)) {
			f.Add("events", "webhook.field.event_unknown")
		}
	}
	switch {
	case secret == "":
		f.Add("secret", "field.required")
	case !utf8.ValidString(secret) || strings.TrimSpace(secret) != secret:
		f.Add("secret", "webhook.field.secret")
	case len(secret) < MinHookSecret:
		f.Add("secret", "webhook.field.secret_short")
	case len(secret) > MaxHookSecret:
		f.Add("secret", "field.too_long")
	}
	return f.Err()
}

func validHookURL(raw string) bool {
	u, err := url.Parse(raw)
	return ValidWebURL(raw, MaxHookURL) && err == nil && u.Fragment == ""
}

// ValidWebURL reports whether raw is an absolute http or https URL with a
// host and no credentials, at most max bytes.
func ValidWebURL(raw string, max int) bool {
	if len(raw) > max || !utf8.ValidString(raw) || strings.ContainsAny(raw, " \t\r\n\x00") {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil || u.Opaque != "" {
		return false
	}
	host := u.Hostname()
	if host == "" || strings.HasPrefix(host, ".") || strings.HasSuffix(host, "..") {
		return false
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return false
		}
	}
	return true
}
