package store

import (
	"context"

	"github.com/lapor-id/lapor/internal/domain"
)

// PPIDUnitIDs returns the units that have a PPID of their own: an enabled
// staff account with the ppid role, in order. The service falls back to the
// city's main PPID for every other unit.
func (s *Store) PPIDUnitIDs(ctx context.Context) (_ []int64, err error) {
	defer domain.Wrap(&err, "store.PPIDUnitIDs")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT DISTINCT unit_id FROM users
		WHERE role = ? AND NOT disabled AND unit_id IS NOT NULL ORDER BY unit_id`), string(domain.RolePPID))
	return collect(rows, err, func(sc interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	})
}
