package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// UnitLoad is how many open reports a unit holds, and how many of them
// are past a deadline that is the government's to meet.
type UnitLoad struct {
	UnitID        int64 // 0: not routed yet
	Open, Overdue int
}

// OpenByUnit counts the open reports of each unit at now, for metrics.
func (s *Store) OpenByUnit(ctx context.Context, now time.Time) (_ []UnitLoad, err error) {
	defer domain.Wrap(&err, "store.OpenByUnit")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT COALESCE(unit_id, 0), COUNT(*),
		SUM(CASE WHEN due_kind IN (`+overdueKindsSQL+`) AND due_at < ? THEN 1 ELSE 0 END)
		FROM reports WHERE status NOT IN (`+closedStatusesSQL+`) GROUP BY COALESCE(unit_id, 0) ORDER BY 1`), micro(now))
	return collect(rows, err, func(row interface{ Scan(...any) error }) (UnitLoad, error) {
		var u UnitLoad
		var overdue sql.NullInt64
		err := row.Scan(&u.UnitID, &u.Open, &overdue)
		u.Overdue = int(overdue.Int64)
		return u, err
	})
}

// OutboxCounts counts the deliveries waiting and those given up on.
func (s *Store) OutboxCounts(ctx context.Context) (pending, dead int, err error) {
	defer domain.Wrap(&err, "store.OutboxCounts")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT status, COUNT(*) FROM outbox WHERE status IN (?, ?) GROUP BY status`),
		domain.DeliveryPending, domain.DeliveryDead)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return 0, 0, err
		}
		if st == string(domain.DeliveryPending) {
			pending = n
		} else {
			dead = n
		}
	}
	return pending, dead, rows.Err()
}
