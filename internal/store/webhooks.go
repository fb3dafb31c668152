package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// AddWebhook stores a new webhook. seal seals its secret once the row's id
// is known, so the sealed secret is bound to that id.
func (s *Store) AddWebhook(ctx context.Context, w *domain.Webhook, seal func(id int64) []byte) (err error) {
	defer domain.Wrap(&err, "store.AddWebhook")
	return s.transact(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM webhooks WHERE deleted_at IS NULL`).Scan(&n); err != nil {
			return err
		}
		if n >= domain.MaxWebhooksCount {
			return domain.Errorf(domain.CodeInvalid, "webhook.error.too_many")
		}
		err := tx.queryRow(ctx, `INSERT INTO webhooks (url, events, sealed_secret, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			w.URL, strings.Join(w.Events, " "), []byte{0}, micro(w.CreatedAt)).Scan(&w.ID)
		if err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE webhooks SET sealed_secret = ? WHERE id = ?`, seal(w.ID), w.ID)
		return err
	})
}

const webhookColumns = `id, url, events, created_at, deleted_at`

func scanWebhook(row interface{ Scan(...any) error }) (domain.Webhook, error) {
	var w domain.Webhook
	var events string
	var created int64
	var deleted sql.NullInt64
	if err := row.Scan(&w.ID, &w.URL, &events, &created, &deleted); err != nil {
		return w, err
	}
	w.Events = strings.Fields(events)
	w.CreatedAt, w.DeletedAt = fromMicro(created), timePtr(deleted)
	return w, nil
}

// Webhooks lists the webhooks not deleted, oldest first.
func (s *Store) Webhooks(ctx context.Context) (_ []domain.Webhook, err error) {
	defer domain.Wrap(&err, "store.Webhooks")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT `+webhookColumns+` FROM webhooks WHERE deleted_at IS NULL ORDER BY id`))
	return collect(rows, err, scanWebhook)
}

// Webhook returns webhook id, deleted or not, with its sealed secret.
func (s *Store) Webhook(ctx context.Context, id int64) (_ domain.Webhook, sealed []byte, err error) {
	defer domain.Wrap(&err, "store.Webhook(%d)", id)
	var w domain.Webhook
	var events string
	var created int64
	var deleted sql.NullInt64
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+webhookColumns+`, sealed_secret FROM webhooks WHERE id = ?`), id).
		Scan(&w.ID, &w.URL, &events, &created, &deleted, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return w, nil, errNotFound
	}
	w.Events = strings.Fields(events)
	w.CreatedAt, w.DeletedAt = fromMicro(created), timePtr(deleted)
	return w, sealed, err
}

// DeleteWebhook stops webhook id from getting anything new; deliveries
// already owed to it are skipped by the worker. Deleting twice, or an
// unknown id, is not found.
func (s *Store) DeleteWebhook(ctx context.Context, id int64, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.DeleteWebhook(%d)", id)
	return s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`, micro(now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errNotFound
		}
		return nil
	})
}

// enqueueWebhooks writes, in the caller's transaction, one delivery per
// webhook that asked for the event ev raises. The delivery holds only the
// event's place (report and seq): the payload is made when it is sent.
func (tx *Tx) enqueueWebhooks(ctx context.Context, r *domain.Report, ev *domain.Event) error {
	hook, ok := domain.HookEvent(ev.Type)
	if !ok {
		return nil
	}
	rows, err := tx.query(ctx, `SELECT `+webhookColumns+` FROM webhooks WHERE deleted_at IS NULL ORDER BY id`)
	hooks, err := collect(rows, err, scanWebhook)
	if err != nil {
		return err
	}
	for _, w := range hooks {
		if !w.Wants(hook) {
			continue
		}
		key := fmt.Sprintf("%s.%d.webhook.%d", r.TrackingID, ev.Seq, w.ID)
		_, err := tx.exec(ctx, `INSERT INTO outbox (idem_key, channel, audience, report_id, tracking_id, event_seq, event_type,
			status, next_at, created_at, tries_from, webhook_id, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			key, domain.DeliveryWebhook, domain.DeliveryWebhook, r.ID, r.TrackingID, ev.Seq, string(ev.Type),
			domain.DeliveryPending, micro(ev.CreatedAt), micro(ev.CreatedAt), micro(ev.CreatedAt), w.ID, string(ev.Type))
		if err != nil {
			return err
		}
	}
	return nil
}
