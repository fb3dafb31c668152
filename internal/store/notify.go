package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// Staff notifications (issue 11): the deliveries an event owes the
// officers of the report's unit, the unit's head and the supervising
// office, written in the transaction of the event like the reporter's.
// They name the user (or the unit, for the office), never an address: the
// worker reads it from the account when it sends.

// enqueueStaff writes what ev owes staff. unit is the report's unit after
// the change. Officers (the unit's PPIDs for an information request) hear
// of a routing to them, a reporter's reply, a reminder and a breach; on a
// breach (an escalation) the unit's head and the supervising office are
// told too. A user's mode for the kind decides: now (pending), digest
// (queued for the next daily digest) or off (nothing).
func (tx *Tx) enqueueStaff(ctx context.Context, r *domain.Report, ev *domain.Event, unit *int64) error {
	kind, ok := domain.OfficerNotice(*ev)
	if !ok {
		return nil
	}
	told := map[int64]bool{}
	if unit != nil {
		role := domain.RoleOfficer
		if r.Kind == domain.KindInformationRequest {
			role = domain.RolePPID
		}
		rows, err := tx.query(ctx, `SELECT u.id, COALESCE(p.mode, ?) FROM users u
			LEFT JOIN notify_prefs p ON p.user_id = u.id AND p.kind = ?
			WHERE u.unit_id = ? AND u.role = ? AND NOT u.disabled ORDER BY u.id`,
			domain.NotifyNow, string(kind), *unit, string(role))
		type target struct {
			id   int64
			mode string
		}
		ts, err := collect(rows, err, func(row interface{ Scan(...any) error }) (target, error) {
			var t target
			return t, row.Scan(&t.id, &t.mode)
		})
		if err != nil {
			return err
		}
		for _, t := range ts {
			told[t.id] = true
			if err := tx.enqueueUser(ctx, r, ev, unit, t.id, kind, t.mode); err != nil {
				return err
			}
		}
	}
	if ev.Type != domain.EventEscalated {
		return nil
	}
	if unit != nil {
		var head sql.NullInt64
		var mode string
		err := tx.queryRow(ctx, `SELECT n.head_user_id, COALESCE(p.mode, ?) FROM units n
			JOIN users u ON u.id = n.head_user_id AND NOT u.disabled
			LEFT JOIN notify_prefs p ON p.user_id = n.head_user_id AND p.kind = ?
			WHERE n.id = ?`, domain.NotifyNow, string(domain.NotifyEscalation), *unit).Scan(&head, &mode)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if head.Valid && !told[head.Int64] {
			if err := tx.enqueueUser(ctx, r, ev, unit, head.Int64, domain.NotifyEscalation, mode); err != nil {
				return err
			}
		}
	}
	// The office's address is a setting read when the mail is sent; none set: skipped then.
	key := fmt.Sprintf("%s.%d.office", r.TrackingID, ev.Seq)
	_, err := tx.exec(ctx, `INSERT INTO outbox (idem_key, channel, audience, report_id, tracking_id, event_seq, event_type,
		status, next_at, created_at, tries_from, unit_id, kind) VALUES (?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		key, domain.AudienceOffice, r.ID, r.TrackingID, ev.Seq, string(ev.Type), domain.DeliveryPending,
		micro(ev.CreatedAt), micro(ev.CreatedAt), micro(ev.CreatedAt), nullInt(unit), string(domain.NotifyEscalation))
	return err
}

// enqueueUser writes one staff user's notice of ev in the given mode.
func (tx *Tx) enqueueUser(ctx context.Context, r *domain.Report, ev *domain.Event, unit *int64, user int64, kind domain.NotifyKind, mode string) error {
	status := domain.DeliveryPending
	switch mode {
	case domain.NotifyOff:
		return nil
	case domain.NotifyDigest:
		status = domain.DeliveryQueued
	}
	key := fmt.Sprintf("%s.%d.staff.%d", r.TrackingID, ev.Seq, user)
	_, err := tx.exec(ctx, `INSERT INTO outbox (idem_key, channel, audience, report_id, tracking_id, event_seq, event_type,
		status, next_at, created_at, tries_from, user_id, unit_id, kind) VALUES (?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		key, domain.AudienceStaff, r.ID, r.TrackingID, ev.Seq, string(ev.Type), status,
		micro(ev.CreatedAt), micro(ev.CreatedAt), micro(ev.CreatedAt), user, nullInt(unit), string(kind))
	return err
}

// NewMail is a delivery about no report's event: a citizen account's
// e-mail verification (SealedTo), a staff user's password reset (UserID).
type NewMail struct {
	Key      string // idempotency key, unique
	Audience string // domain.AudienceCitizen or domain.AudienceStaff
	Kind     string // verify, reset
	UserID   *int64
	SealedTo []byte
	Now      time.Time
}

// EnqueueMail writes a delivery that belongs to no report. A key already
// used writes nothing (the same message is owed once).
func (s *Store) EnqueueMail(ctx context.Context, m NewMail) (err error) {
	defer domain.Wrap(&err, "store.EnqueueMail(%q)", m.Kind)
	return s.transact(ctx, func(tx *Tx) error { return tx.enqueueMail(ctx, m) })
}

func (tx *Tx) enqueueMail(ctx context.Context, m NewMail) error {
	_, err := tx.exec(ctx, `INSERT INTO outbox (idem_key, channel, audience, status, next_at, created_at, tries_from,
		user_id, sealed_to, kind) VALUES (?, 'email', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idem_key) DO NOTHING`,
		m.Key, m.Audience, domain.DeliveryPending, micro(m.Now), micro(m.Now), micro(m.Now), nullInt(m.UserID), m.SealedTo, m.Kind)
	return err
}

// BuildDigests gathers every staff user's queued notices written before
// cutoff into one digest delivery per user, keyed by day ("digest.<user>.<day>"),
// in one transaction: the digest row and the notices it takes are written
// together, so however many nodes run it, each notice goes out in exactly
// one digest and each user gets one digest a day (a second node's insert
// meets the key and writes nothing). It returns how many digests it made.
func (s *Store) BuildDigests(ctx context.Context, cutoff time.Time, day string, now time.Time) (_ int, err error) {
	defer domain.Wrap(&err, "store.BuildDigests(%s)", day)
	made := 0
	err = s.transact(ctx, func(tx *Tx) error {
		made = 0
		rows, err := tx.query(ctx, `SELECT DISTINCT user_id FROM outbox WHERE status = ? AND created_at < ? AND user_id IS NOT NULL
			ORDER BY user_id`, domain.DeliveryQueued, micro(cutoff))
		users, err := collect(rows, err, func(row interface{ Scan(...any) error }) (int64, error) {
			var id int64
			return id, row.Scan(&id)
		})
		if err != nil {
			return err
		}
		for _, u := range users {
			var id int64
			err := tx.queryRow(ctx, `INSERT INTO outbox (idem_key, channel, audience, status, next_at, created_at, tries_from,
				user_id, kind) VALUES (?, 'email', ?, ?, ?, ?, ?, ?, 'digest') ON CONFLICT (idem_key) DO NOTHING RETURNING id`,
				fmt.Sprintf("digest.%d.%s", u, day), domain.AudienceStaff, domain.DeliveryPending,
				micro(now), micro(now), micro(now), u).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				continue // this day's digest exists: what is left waits for the next one
			}
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `UPDATE outbox SET status = ?, digest_id = ?, done_at = ?
				WHERE status = ? AND user_id = ? AND created_at < ?`,
				domain.DeliveryDigested, id, micro(now), domain.DeliveryQueued, u, micro(cutoff)); err != nil {
				return err
			}
			made++
		}
		return nil
	})
	return made, err
}

// DigestNotices lists the notices a digest delivery took, oldest first.
func (s *Store) DigestNotices(ctx context.Context, digestID int64) (_ []domain.Delivery, err error) {
	defer domain.Wrap(&err, "store.DigestNotices(%d)", digestID)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT `+deliveryColumns+` FROM outbox WHERE digest_id = ?
		ORDER BY created_at, id`), digestID)
	return collect(rows, err, scanDelivery)
}

// NotifyPrefs returns a staff user's mode per kind; kinds not stored are
// domain.NotifyNow.
func (s *Store) NotifyPrefs(ctx context.Context, userID int64) (_ map[domain.NotifyKind]string, lang string, err error) {
	defer domain.Wrap(&err, "store.NotifyPrefs(%d)", userID)
	out := map[domain.NotifyKind]string{}
	for _, k := range domain.NotifyKinds {
		out[k] = domain.NotifyNow
	}
	if err := s.read.QueryRowContext(ctx, s.q(`SELECT notify_lang FROM users WHERE id = ?`), userID).Scan(&lang); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, "", errNotFound
		}
		return nil, "", err
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT kind, mode FROM notify_prefs WHERE user_id = ?`), userID)
	type pref struct{ kind, mode string }
	ps, err := collect(rows, err, func(row interface{ Scan(...any) error }) (pref, error) {
		var p pref
		return p, row.Scan(&p.kind, &p.mode)
	})
	if err != nil {
		return nil, "", err
	}
	for _, p := range ps {
		out[domain.NotifyKind(p.kind)] = p.mode
	}
	return out, lang, nil
}

// SetNotifyPrefs stores a staff user's modes (the kinds given) and the
// language of their notices.
func (s *Store) SetNotifyPrefs(ctx context.Context, userID int64, modes map[domain.NotifyKind]string, lang string) (err error) {
	defer domain.Wrap(&err, "store.SetNotifyPrefs(%d)", userID)
	return s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE users SET notify_lang = ? WHERE id = ?`, lang, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errNotFound
		}
		for _, k := range domain.NotifyKinds {
			m, ok := modes[k]
			if !ok {
				continue
			}
			if _, err := tx.exec(ctx, `INSERT INTO notify_prefs (user_id, kind, mode) VALUES (?, ?, ?)
				ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode`, userID, string(k), m); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetUnitHead names the staff user told of a unit's escalations; nil
// names nobody. An unknown unit is not found.
func (s *Store) SetUnitHead(ctx context.Context, unitID int64, userID *int64) (err error) {
	defer domain.Wrap(&err, "store.SetUnitHead(%d)", unitID)
	return s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE units SET head_user_id = ? WHERE id = ?`, nullInt(userID), unitID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errNotFound
		}
		return nil
	})
}

// UnitHeads maps each unit that names a head to the head's user id.
func (s *Store) UnitHeads(ctx context.Context) (_ map[int64]int64, err error) {
	defer domain.Wrap(&err, "store.UnitHeads")
	rows, err := s.read.QueryContext(ctx, `SELECT id, head_user_id FROM units WHERE head_user_id IS NOT NULL`)
	type pair struct{ unit, user int64 }
	ps, err := collect(rows, err, func(row interface{ Scan(...any) error }) (pair, error) {
		var p pair
		return p, row.Scan(&p.unit, &p.user)
	})
	if err != nil {
		return nil, err
	}
	out := map[int64]int64{}
	for _, p := range ps {
		out[p.unit] = p.user
	}
	return out, nil
}

// StopReporterMail records that a report's reporter wants no more mail
// about it; a second stop changes nothing.
func (s *Store) StopReporterMail(ctx context.Context, reportID int64, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.StopReporterMail(%d)", reportID)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO mail_stops (report_id, created_at) VALUES (?, ?) ON CONFLICT (report_id) DO NOTHING`,
			reportID, micro(now))
		return err
	})
}

// ReporterMailStopped reports whether a report's reporter unsubscribed.
func (s *Store) ReporterMailStopped(ctx context.Context, reportID int64) (_ bool, err error) {
	defer domain.Wrap(&err, "store.ReporterMailStopped(%d)", reportID)
	var n int
	err = s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM mail_stops WHERE report_id = ?`), reportID).Scan(&n)
	return n > 0, err
}
