package store

import (
	"context"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// PublicReportsAfter returns up to limit public reports (verified, not
// confidential) with an id above after, in id order: the open data walk
// them a page at a time, so a million reports never sit in memory.
func (s *Store) PublicReportsAfter(ctx context.Context, after int64, limit int) (_ []*domain.Report, err error) {
	defer domain.Wrap(&err, "store.PublicReportsAfter")
	// Along the primary key: SQLite's planner, left to itself, may take
	// an index of the status and sort every public report for each page.
	from := "reports"
	if s.dialect == SQLite {
		from = "reports NOT INDEXED"
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT `+reportColumns+` FROM `+from+`
		WHERE id > ? AND confidential = ? AND status IN (`+publicStatuses+`) ORDER BY id LIMIT ?`), after, false, limit)
	return collect(rows, err, scanReport)
}

// FirstEvents returns, for each report of ids that has one, when its first
// event of type t happened.
func (s *Store) FirstEvents(ctx context.Context, ids []int64, t domain.EventType) (_ map[int64]time.Time, err error) {
	defer domain.Wrap(&err, "store.FirstEvents")
	out := map[int64]time.Time{}
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{string(t)}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT report_id, MIN(created_at) FROM events
		WHERE type = ? AND report_id IN (`+marks(len(ids))+`) GROUP BY report_id`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, at int64
		if err := rows.Scan(&id, &at); err != nil {
			return nil, err
		}
		out[id] = fromMicro(at)
	}
	return out, rows.Err()
}
