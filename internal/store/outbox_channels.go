package store

import (
	"context"
	"fmt"

	"github.com/lapor-id/lapor/internal/domain"
)

// enqueueChannel writes, in the caller's transaction, the message a public
// step owes the reporter on the channel the report came from (WhatsApp or
// SMS), beside the e-mail enqueueReporter writes. Like it, it holds no
// number: the worker opens the sealed contact when it sends.
func (tx *Tx) enqueueChannel(ctx context.Context, r *domain.Report, ev *domain.Event) error {
	ch := domain.ReplyChannel(r.Channel)
	if len(r.SealedIdentity) == 0 || !domain.ChannelHears(r.Channel, *ev) {
		return nil
	}
	key := fmt.Sprintf("%s.%d.reporter.%s", r.TrackingID, ev.Seq, ch)
	_, err := tx.exec(ctx, `INSERT INTO outbox (idem_key, channel, audience, report_id, tracking_id, event_seq, event_type,
		status, next_at, created_at, tries_from) VALUES (?, ?, 'reporter', ?, ?, ?, ?, ?, ?, ?, ?)`,
		key, ch, r.ID, r.TrackingID, ev.Seq, string(ev.Type), domain.DeliveryPending, micro(ev.CreatedAt), micro(ev.CreatedAt), micro(ev.CreatedAt))
	return err
}
