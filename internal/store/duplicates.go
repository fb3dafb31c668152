package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/triage"
)

// OpenPublicReports calls fn with every report the public may see that is
// still open (verified, not confidential, not closed), for the duplicate
// search: its text, category, map point and supports, never its
// reporter. fn's error stops the walk and is returned.
func (s *Store) OpenPublicReports(ctx context.Context, fn func(triage.Candidate) error) (err error) {
	defer domain.Wrap(&err, "store.OpenPublicReports")
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, tracking_id, title, body, COALESCE(category_id, 0), lat, lon, supports
		FROM reports WHERE confidential = ? AND status IN (`+publicStatuses+`) AND status NOT IN (`+closedStatusesSQL+`)
		ORDER BY id`), false)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c triage.Candidate
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&c.ID, &c.TrackingID, &c.Title, &c.Body, &c.Category, &lat, &lon, &c.Supports); err != nil {
			return err
		}
		if lat.Valid && lon.Valid {
			c.Lat, c.Lon = &lat.Float64, &lon.Float64
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// SetDuplicateRadius sets the duplicate search's radius of the category
// code in metres; 0 puts back the default.
func (s *Store) SetDuplicateRadius(ctx context.Context, code string, meters int, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.SetDuplicateRadius(%q)", code)
	return s.transact(ctx, func(tx *Tx) error {
		var id int64
		err := tx.queryRow(ctx, `SELECT id FROM categories WHERE code = ?`, code).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return errNotFound
		} else if err != nil {
			return err
		}
		if meters == 0 {
			_, err = tx.exec(ctx, `DELETE FROM category_radius WHERE category_id = ?`, id)
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO category_radius (category_id, meters, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (category_id) DO UPDATE SET meters = excluded.meters, updated_at = excluded.updated_at`, id, meters, micro(now))
		return err
	})
}

// DuplicateRadii returns the categories' own radii in metres, by category id.
func (s *Store) DuplicateRadii(ctx context.Context) (_ map[int64]int, err error) {
	defer domain.Wrap(&err, "store.DuplicateRadii")
	rows, err := s.read.QueryContext(ctx, `SELECT category_id, meters FROM category_radius`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var m int
		if err := rows.Scan(&id, &m); err != nil {
			return nil, err
		}
		out[id] = m
	}
	return out, rows.Err()
}

// Link is a second report a change reaches in the same transaction: the
// original of a report marked as its duplicate gets an event on its
// timeline and the duplicate's supports.
type Link struct {
	TrackingID string
	// Check refuses the linked report as it is inside the transaction
	// (not public any more, closed meanwhile).
	Check func(*domain.Report) error
	Event domain.Event // appended to its timeline; no status: the linked report's own
	// MoveSupports adds the acted-on report's supporters to it, and
	// Supporter (when not "") as one more.
	MoveSupports bool
	Supporter    string
	// Follow makes the acted-on report a follower of the linked one: its
	// reporter is e-mailed the linked report's public steps.
	Follow bool
}

// actLink writes ch.Link for the report from (already changed).
func (tx *Tx) actLink(ctx context.Context, from *domain.Report, l *Link) error {
	lock := ""
	if tx.s.dialect == Postgres {
		lock = " FOR UPDATE"
	}
	r, err := scanReport(tx.queryRow(ctx, `SELECT `+reportColumns+` FROM reports WHERE tracking_id = ?`+lock, l.TrackingID))
	if errors.Is(err, sql.ErrNoRows) {
		return errNotFound
	} else if err != nil {
		return err
	}
	if r.ID == from.ID {
		return domain.InvalidField("original", "field.original.self")
	}
	if l.Check != nil {
		if err := l.Check(r); err != nil {
			return err
		}
	}
	ev := l.Event
	ev.ReportID, ev.Seq = r.ID, int(r.Version)+1
	if ev.FromStatus == "" { // a step that leaves the linked report where it is
		ev.FromStatus, ev.ToStatus = r.Status, r.Status
	}
	if err := tx.queryRow(ctx, `SELECT hash FROM events WHERE report_id = ? AND seq = ?`, r.ID, r.Version).Scan(&ev.PrevHash); err != nil {
		return err
	}
	if err := tx.insertEvent(ctx, r.TrackingID, &ev, nil, nil); err != nil {
		return err
	}
	if err := tx.enqueue(ctx, r, &ev, r.UnitID); err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE reports SET version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		int64(ev.Seq), micro(ev.CreatedAt), r.ID, r.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.CodeConflict, "error.concurrent_change")
	}
	if l.Follow {
		if _, err := tx.exec(ctx, `INSERT INTO report_followers (report_id, follower_id, created_at) VALUES (?, ?, ?)
			ON CONFLICT (report_id, follower_id) DO NOTHING`, r.ID, from.ID, micro(ev.CreatedAt)); err != nil {
			return err
		}
	}
	if !l.MoveSupports {
		return nil
	}
	if _, err := tx.exec(ctx, `INSERT INTO report_supports (report_id, supporter, created_at)
		SELECT ?, supporter, created_at FROM report_supports WHERE report_id = ?
		ON CONFLICT (report_id, supporter) DO NOTHING`, r.ID, from.ID); err != nil {
		return err
	}
	if l.Supporter != "" {
		if _, err := tx.exec(ctx, `INSERT INTO report_supports (report_id, supporter, created_at) VALUES (?, ?, ?)
			ON CONFLICT (report_id, supporter) DO NOTHING`, r.ID, l.Supporter, micro(ev.CreatedAt)); err != nil {
			return err
		}
	}
	_, err = tx.exec(ctx, `UPDATE reports SET supports = (SELECT COUNT(*) FROM report_supports WHERE report_id = ?) WHERE id = ?`, r.ID, r.ID)
	return err
}
