package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// PublicStatCount is how many public reports (verified, not confidential)
// share one status, kind, category, unit and month of submission.
type PublicStatCount struct {
	Status     domain.Status
	Kind       domain.Kind
	CategoryID int64 // 0: none
	UnitID     int64 // 0: none
	Month      int   // i: submitted in [bounds[i], bounds[i+1]); -1: outside them
	N          int
}

// PublicStatistics counts the public reports by status, kind, category,
// unit and month of submission, the months given as ascending bounds (n+1
// instants for n months). One pass over the covering index
// reports_public_stats, never over the reports' rows; at most a few
// thousand groups come back.
func (s *Store) PublicStatistics(ctx context.Context, bounds []time.Time) (_ []PublicStatCount, err error) {
	defer domain.Wrap(&err, "store.PublicStatistics")
	// The month is a CASE over the bounds, passed as arguments (the query's
	// text stays the same, for the prepared statements), and grouped by its
	// place in the select list, as both databases allow.
	month, group := "-1", ""
	var args []any
	if len(bounds) > 1 {
		var b strings.Builder
		b.WriteString("CASE WHEN created_at >= ? THEN -1")
		args = append(args, micro(bounds[len(bounds)-1]))
		for i := len(bounds) - 2; i >= 0; i-- {
			b.WriteString(" WHEN created_at >= ? THEN " + strconv.Itoa(i))
			args = append(args, micro(bounds[i]))
		}
		b.WriteString(" ELSE -1 END")
		month, group = b.String(), ", 5"
	}
	// Grouped in the index's order; on SQLite the index is named, as the
	// planner would otherwise look each report up by its status.
	from := "reports"
	if s.dialect == SQLite {
		from = "reports INDEXED BY reports_public_stats"
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT kind, category_id, unit_id, status, `+month+`, COUNT(*)
		FROM `+from+` WHERE confidential = ? AND status IN (`+publicStatuses+`)
		GROUP BY 1, 2, 3, 4`+group), append(args, false)...)
	return collect(rows, err, func(rows interface{ Scan(...any) error }) (PublicStatCount, error) {
		var c PublicStatCount
		var st, kind string
		var cat, unit sql.NullInt64
		err := rows.Scan(&kind, &cat, &unit, &st, &c.Month, &c.N)
		c.Status, c.Kind, c.CategoryID, c.UnitID = domain.Status(st), domain.Kind(kind), cat.Int64, unit.Int64
		return c, err
	})
}

// LastReportID is the highest report id, 0 when there is none: read from
// the end of the primary key, not counted.
func (s *Store) LastReportID(ctx context.Context) (_ int64, err error) {
	defer domain.Wrap(&err, "store.LastReportID")
	var id sql.NullInt64
	err = s.reads(ctx).QueryRowContext(ctx, `SELECT MAX(id) FROM reports`).Scan(&id)
	return id.Int64, err
}
