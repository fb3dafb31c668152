package mail

import (
	"context"
	"log/slog"
)

// LogSink stands in for SMTP when none is set: it sends nothing and logs
// one line per message, naming the delivery (tracking ID and step) and
// never the address or the text.
type LogSink struct{ Log *slog.Logger }

// Name says plainly that nothing is sent.
func (LogSink) Name() string { return "log sink (no SMTP set: nothing is sent)" }

// Send logs that m would have been sent.
func (l LogSink) Send(_ context.Context, m Message) error {
	log := l.Log
	if log == nil {
		log = slog.Default()
	}
	log.Info("mail log sink: not sent, no SMTP set", "delivery", m.Key, "subject_chars", len(m.Subject))
	return nil
}
