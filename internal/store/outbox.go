package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// enqueueReporter writes, in the caller's transaction, the e-mail a public
// step owes the reporter. Reports without a sealed contact owe nothing.
// The key is the same for every attempt, so a receiver can drop repeats.
func (tx *Tx) enqueueReporter(ctx context.Context, r *domain.Report, ev *domain.Event) error {
	if len(r.SealedIdentity) == 0 || !domain.ReporterHears(*ev) {
		return nil
	}
	key := fmt.Sprintf("%s.%d.reporter.email", r.TrackingID, ev.Seq)
	_, err := tx.exec(ctx, `INSERT INTO outbox (idem_key, channel, audience, report_id, tracking_id, event_seq, event_type,
		status, next_at, created_at, tries_from, kind) VALUES (?, 'email', 'reporter', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		key, r.ID, r.TrackingID, ev.Seq, string(ev.Type), domain.DeliveryPending, micro(ev.CreatedAt), micro(ev.CreatedAt), micro(ev.CreatedAt), string(ev.Type))
	return err
}

// enqueue writes every delivery an event owes, in the caller's
// transaction: the reporter's e-mail and the webhooks that asked for it
// (webhooks.go).
// unit is the report's unit after the change (a routing moves it); the
// staff of that unit hear of it (notify.go).
func (tx *Tx) enqueue(ctx context.Context, r *domain.Report, ev *domain.Event, unit *int64) error {
	if err := tx.enqueueReporter(ctx, r, ev); err != nil {
		return err
	}
	if err := tx.enqueueStaff(ctx, r, ev, unit); err != nil {
		return err
	}
	if err := tx.enqueueChannel(ctx, r, ev); err != nil { // outbox_channels.go
		return err
	}
	return tx.enqueueWebhooks(ctx, r, ev)
}

// createReport is insertReport plus what the submission owes the reporter
// and the webhooks; imports use insertReport alone (an old report owes nothing).
func (tx *Tx) createReport(ctx context.Context, r *domain.Report, ev *domain.Event, files []NewAttachment) error {
	if err := tx.insertReport(ctx, r, ev, files); err != nil {
		return err
	}
	return tx.enqueue(ctx, r, ev, r.UnitID)
}

const deliveryColumns = `id, idem_key, channel, audience, report_id, tracking_id, event_seq, event_type, status,
	attempts, next_at, claim, last_error, created_at, tries_from, done_at, webhook_id, user_id, unit_id, sealed_to,
	kind, digest_id`

func scanDelivery(row interface{ Scan(...any) error }) (domain.Delivery, error) {
	var d domain.Delivery
	var next, created, from int64
	var done, hook, report, user, unit, digest sql.NullInt64
	err := row.Scan(&d.ID, &d.Key, &d.Channel, &d.Audience, &report, &d.TrackingID, &d.EventSeq, &d.EventType,
		&d.Status, &d.Attempts, &next, &d.Claim, &d.LastError, &created, &from, &done, &hook, &user, &unit, &d.SealedTo,
		&d.Kind, &digest)
	d.NextAt, d.CreatedAt, d.TriesFrom, d.DoneAt = fromMicro(next), fromMicro(created), fromMicro(from), timePtr(done)
	d.ReportID = report.Int64
	d.WebhookID, d.UserID, d.UnitID, d.DigestID = int64Ptr(hook), int64Ptr(user), int64Ptr(unit), int64Ptr(digest)
	return d, err
}

// ClaimDeliveries takes up to limit pending deliveries that are due at now
// for one worker, under claim token: each is moved to now+lease, so
// another worker skips it until the lease is over, and counted as an
// attempt. On PostgreSQL rows another node is claiming are skipped
// (SKIP LOCKED); SQLite has one writer and the UPDATE is one statement.
func (s *Store) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int, token string) (_ []domain.Delivery, err error) {
	defer domain.Wrap(&err, "store.ClaimDeliveries")
	lock := ""
	if s.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	var out []domain.Delivery
	err = s.transact(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `UPDATE outbox SET claim = ?, next_at = ?, attempts = attempts + 1
			WHERE id IN (SELECT id FROM outbox WHERE status = ? AND next_at <= ? ORDER BY next_at, id LIMIT ?`+lock+`)
			RETURNING `+deliveryColumns, token, micro(now.Add(lease)), domain.DeliveryPending, micro(now), limit)
		out, err = collect(rows, err, scanDelivery)
		return err
	})
	return out, err
}

// FinishDelivery records the outcome of a claimed delivery: status
// delivered, skipped or dead ends it; pending sets it to be tried again at
// next. A claim that is no longer the row's (its lease ran out and another
// worker took it) changes nothing and reports false.
func (s *Store) FinishDelivery(ctx context.Context, id int64, token, status, lastError string, now, next time.Time) (_ bool, err error) {
	defer domain.Wrap(&err, "store.FinishDelivery(%v)", id)
	var done any
	if status != domain.DeliveryPending {
		done = micro(now)
	}
	var n int64
	err = s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE outbox SET status = ?, last_error = ?, next_at = ?, done_at = ?, claim = ''
			WHERE id = ? AND claim = ? AND status = ?`, status, lastError, micro(next), done, id, token, domain.DeliveryPending)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n == 1, err
}

// ListDeliveries lists deliveries in one state, oldest first.
func (s *Store) ListDeliveries(ctx context.Context, status string, limit int) (_ []domain.Delivery, err error) {
	defer domain.Wrap(&err, "store.ListDeliveries(%q)", status)
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT `+deliveryColumns+` FROM outbox WHERE status = ?
		ORDER BY created_at, id LIMIT ?`), status, limit)
	return collect(rows, err, scanDelivery)
}

// RetryDelivery puts a dead delivery back to pending, due at now, with a
// fresh day of attempts. Anything but a dead delivery is not found.
func (s *Store) RetryDelivery(ctx context.Context, id int64, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.RetryDelivery(%v)", id)
	return s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE outbox SET status = ?, next_at = ?, tries_from = ?, attempts = 0, done_at = NULL,
			claim = '' WHERE id = ? AND status = ?`, domain.DeliveryPending, micro(now), micro(now), id, domain.DeliveryDead)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errNotFound
		}
		return nil
	})
}
