// Package mail sends e-mail: over SMTP (smtp.go) or, when no server is
// set, to a log sink (logsink.go) that says it sent nothing.
package mail

import "context"

// Message is one e-mail, composed and addressed.
type Message struct {
	To        string
	Subject   string
	Text      string
	HTML      string
	MessageID string // without angle brackets: the same on every attempt
	Key       string // the outbox's idempotency key, sent as a header
	// Headers are further headers, e.g. List-Unsubscribe on citizens' mail.
	Headers map[string]string
}

// Sender delivers messages. An error means the message may not have
// arrived and is to be tried again.
type Sender interface {
	Send(ctx context.Context, m Message) error
	Name() string // what the admin page says deliveries go to
}
