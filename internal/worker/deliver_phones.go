package worker

import (
	"context"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/gateway"
	"github.com/lapor-id/lapor/internal/service"
)

// phoneChannel reports whether deliveries on channel go to a phone.
func phoneChannel(channel string) bool {
	return channel == domain.DeliveryWhatsApp || channel == domain.DeliverySMS
}

// phone is the sender of channel: the one configured, or a log sink.
func (d *Deliverer) phone(channel string) gateway.Sender {
	if s, ok := d.opt.Phones[channel]; ok && s != nil {
		return s
	}
	return gateway.LogSink{Channel: channel, Log: d.log}
}

// sendText sends a WhatsApp or SMS delivery; skip when the reporter left
// no number. A gateway's error never carries the number (it is replaced).
func (d *Deliverer) sendText(ctx context.Context, dl domain.Delivery) (skip bool, err error) {
	m, err := d.svc.ReporterText(ctx, service.Operator, dl, d.opt.BaseURL)
	if err != nil {
		return false, err
	}
	if m == nil {
		return true, nil
	}
	if err := d.phone(dl.Channel).Send(ctx, *m); err != nil {
		return false, scrubbed{err, m.To}
	}
	return false, nil
}

// scrubbed is an error whose text hides a phone number.
type scrubbed struct {
	err   error
	phone string
}

func (s scrubbed) Error() string {
	msg := s.err.Error()
	for _, p := range []string{s.phone, strings.TrimPrefix(s.phone, "+")} {
		if p != "" {
			msg = strings.ReplaceAll(msg, p, "[recipient]")
		}
	}
	return msg
}

func (s scrubbed) Unwrap() error { return s.err }
