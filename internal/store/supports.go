package store

import (
	"context"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// Dukung (support): a supporter backs a public report once. The supporter
// is an opaque key the service derives (a keyed digest of a citizen
// account or of a browser's token), so this table never names an account.
// The count lives on the report row too, for the "most supported" order
// (index reports_supports_order).

// AddSupport records that supporter backs the report and returns its
// support count; added is false (and nothing changes) when this supporter
// already backed it. One INSERT ... ON CONFLICT decides, so two requests
// at once still count once.
func (s *Store) AddSupport(ctx context.Context, reportID int64, supporter string, at time.Time) (count int, added bool, err error) {
	defer domain.Wrap(&err, "store.AddSupport(%d)", reportID)
	err = s.transact(ctx, func(tx *Tx) error {
		added = false
		res, err := tx.exec(ctx, `INSERT INTO report_supports (report_id, supporter, created_at) VALUES (?, ?, ?)
			ON CONFLICT (report_id, supporter) DO NOTHING`, reportID, supporter, micro(at))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 1 {
			added = true
			if _, err := tx.exec(ctx, `UPDATE reports SET supports = supports + 1 WHERE id = ?`, reportID); err != nil {
				return err
			}
		}
		return tx.queryRow(ctx, `SELECT supports FROM reports WHERE id = ?`, reportID).Scan(&count)
	})
	return count, added, err
}

// SupportCounts returns the support count of each of the reports ids (a
// page of a list); reports without support are absent.
func (s *Store) SupportCounts(ctx context.Context, ids []int64) (_ map[int64]int, err error) {
	defer domain.Wrap(&err, "store.SupportCounts")
	out := map[int64]int{}
	if len(ids) == 0 {
		return out, nil
	}
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i], args[i] = "?", id
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT id, supports FROM reports WHERE supports > 0 AND id IN (`+strings.Join(ph, ",")+`)`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
