package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// CreateArea adds a kecamatan (parentID nil) or a kelurahan of the
// kecamatan parentID. Names are unique among siblings, whatever their case.
func (s *Store) CreateArea(ctx context.Context, name string, parentID *int64, now time.Time) (_ domain.Area, err error) {
	defer domain.Wrap(&err, "store.CreateArea(%q)", name)
	a := domain.Area{Name: name, ParentID: parentID}
	err = s.transact(ctx, func(tx *Tx) error {
		if parentID != nil {
			p, err := tx.areaByID(ctx, *parentID)
			if errors.Is(err, errNotFound) || err == nil && !p.IsKecamatan() {
				return domain.InvalidField("parent", "field.area.unknown")
			}
			if err != nil {
				return err
			}
		}
		err := tx.queryRow(ctx, `INSERT INTO areas (parent_id, name, hidden, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			nullInt(parentID), name, false, micro(now)).Scan(&a.ID)
		if isUniqueViolation(err, "areas_") {
			return domain.InvalidField("name", "field.area.taken")
		}
		return err
	})
	return a, err
}

// UpdateArea renames an area and hides or shows it. It never moves: the
// reports filed under a kelurahan stay in its kecamatan.
func (s *Store) UpdateArea(ctx context.Context, id int64, name string, hidden bool) (err error) {
	defer domain.Wrap(&err, "store.UpdateArea(%d)", id)
	return s.transact(ctx, func(tx *Tx) error {
		if _, err := tx.areaByID(ctx, id); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE areas SET name = ?, hidden = ? WHERE id = ?`, name, hidden, id)
		if isUniqueViolation(err, "areas_") {
			return domain.InvalidField("name", "field.area.taken")
		}
		return err
	})
}

// ListAreas returns every area, hidden ones too, ordered by name: the
// caller groups kelurahan under their kecamatan.
func (s *Store) ListAreas(ctx context.Context) (_ []domain.Area, err error) {
	defer domain.Wrap(&err, "store.ListAreas")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT id, parent_id, name, hidden FROM areas ORDER BY lower(name), id`))
	return collect(rows, err, scanArea)
}

func (tx *Tx) areaByID(ctx context.Context, id int64) (domain.Area, error) {
	a, err := scanArea(tx.queryRow(ctx, `SELECT id, parent_id, name, hidden FROM areas WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, errNotFound
	}
	return a, err
}

func scanArea(row interface{ Scan(...any) error }) (domain.Area, error) {
	var a domain.Area
	var parent sql.NullInt64
	err := row.Scan(&a.ID, &parent, &a.Name, &a.Hidden)
	a.ParentID = int64Ptr(parent)
	return a, err
}
