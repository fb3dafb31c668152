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

// CreateUnit adds a unit; parentCode may be empty.
func (s *Store) CreateUnit(ctx context.Context, code, name, parentCode string, now time.Time) (_ domain.Unit, err error) {
	defer domain.Wrap(&err, "store.CreateUnit(%q, %q)", code, parentCode)
	u := domain.Unit{Code: code, Name: name}
	err = s.transact(ctx, func(tx *Tx) error {
		if parentCode != "" {
			p, err := tx.unitByCode(ctx, parentCode)
			if err != nil {
				if errors.Is(err, errNotFound) {
					return domain.InvalidField("parent", "field.unit.unknown")
				}
				return err
			}
			u.ParentID = &p.ID
		}
		err := tx.queryRow(ctx, `INSERT INTO units (code, name, parent_id, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			code, name, nullInt(u.ParentID), micro(now)).Scan(&u.ID)
		if isUniqueViolation(err, "code") {
			return domain.InvalidField("code", "field.code.taken")
		}
		return err
	})
	return u, err
}

// UpdateUnit renames a unit or moves it under another; a unit cannot be
// moved under itself or one of its descendants. The cycle check reads the
// whole tree and the move writes one row, so on PostgreSQL it runs
// SERIALIZABLE: of two concurrent moves that together would close a loop,
// one is retried, sees the other's move and is refused.
func (s *Store) UpdateUnit(ctx context.Context, code, name, parentCode string) (err error) {
	defer domain.Wrap(&err, "store.UpdateUnit(%q, %q)", code, parentCode)
	return s.serializable(ctx, func(tx *Tx) error {
		u, err := tx.unitByCode(ctx, code)
		if err != nil {
			return err
		}
		var parent any
		if parentCode != "" {
			p, err := tx.unitByCode(ctx, parentCode)
			if errors.Is(err, errNotFound) {
				return domain.InvalidField("parent", "field.unit.unknown")
			}
			if err != nil {
				return fmt.Errorf("parent unit: %w", err)
			}
			all, err := s.listUnits(ctx, tx)
			if err != nil {
				return err
			}
			for _, id := range domain.Descendants(all, u.ID) {
				if id == p.ID {
					return domain.InvalidField("parent", "field.unit.cycle")
				}
			}
			parent = p.ID
		}
		_, err = tx.exec(ctx, `UPDATE units SET name = ?, parent_id = ? WHERE id = ?`, name, parent, u.ID)
		return err
	})
}

func (tx *Tx) unitByCode(ctx context.Context, code string) (domain.Unit, error) {
	var u domain.Unit
	var parent sql.NullInt64
	err := tx.queryRow(ctx, `SELECT id, code, name, parent_id FROM units WHERE code = ?`, code).Scan(&u.ID, &u.Code, &u.Name, &parent)
	if errors.Is(err, sql.ErrNoRows) {
		return u, errNotFound
	}
	u.ParentID = int64Ptr(parent)
	return u, err
}

// UnitByCode finds a unit by its code.
func (s *Store) UnitByCode(ctx context.Context, code string) (_ domain.Unit, err error) {
	defer domain.Wrap(&err, "store.UnitByCode(%q)", code)
	var u domain.Unit
	var parent sql.NullInt64
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT id, code, name, parent_id FROM units WHERE code = ?`), code).Scan(&u.ID, &u.Code, &u.Name, &parent)
	if errors.Is(err, sql.ErrNoRows) {
		return u, errNotFound
	}
	u.ParentID = int64Ptr(parent)
	return u, err
}

// ListUnits returns every unit ordered by name.
func (s *Store) ListUnits(ctx context.Context) (_ []domain.Unit, err error) {
	defer domain.Wrap(&err, "store.ListUnits")
	return s.listUnits(ctx, s.reads(ctx))
}

func (s *Store) listUnits(ctx context.Context, q querier) ([]domain.Unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, code, name, parent_id FROM units ORDER BY name, id`)
	return collect(rows, err, scanUnit)
}

func scanUnit(row interface{ Scan(...any) error }) (domain.Unit, error) {
	var u domain.Unit
	var parent sql.NullInt64
	err := row.Scan(&u.ID, &u.Code, &u.Name, &parent)
	u.ParentID = int64Ptr(parent)
	return u, err
}

// CreateCategory adds a category, or returns the existing one with the
// same code (imports are repeatable).
func (s *Store) CreateCategory(ctx context.Context, code, name string, parentID *int64, now time.Time) (_ domain.Category, err error) {
	defer domain.Wrap(&err, "store.CreateCategory(%q)", code)
	c := domain.Category{Code: code, Name: name, ParentID: parentID}
	err = s.transact(ctx, func(tx *Tx) error {
		return tx.upsertCategory(ctx, &c, now)
	})
	return c, err
}

// upsertCategory inserts c or updates the category of the same code, in
// one statement: concurrent imports of the same tree never meet a unique
// violation (PostgreSQL makes the later one wait and update).
func (tx *Tx) upsertCategory(ctx context.Context, c *domain.Category, now time.Time) error {
	return tx.queryRow(ctx, `INSERT INTO categories (code, name, parent_id, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id RETURNING id`,
		c.Code, c.Name, nullInt(c.ParentID), micro(now)).Scan(&c.ID)
}

// ImportCategories stores a whole tree in one transaction: parents first.
func (s *Store) ImportCategories(ctx context.Context, tree []CategoryNode, now time.Time) (_ int, err error) {
	defer domain.Wrap(&err, "store.ImportCategories")
	n := 0
	err = s.transact(ctx, func(tx *Tx) error {
		n = 0
		for _, top := range tree {
			c := domain.Category{Code: top.Code, Name: top.Name}
			if err := tx.upsertCategory(ctx, &c, now); err != nil {
				return err
			}
			n++
			for _, ch := range top.Children {
				cc := domain.Category{Code: ch.Code, Name: ch.Name, ParentID: &c.ID}
				if err := tx.upsertCategory(ctx, &cc, now); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// CategoryNode is a category with its children, for imports.
type CategoryNode = domain.CategoryNode

// CategoryByCode finds a category.
func (s *Store) CategoryByCode(ctx context.Context, code string) (_ domain.Category, err error) {
	defer domain.Wrap(&err, "store.CategoryByCode(%q)", code)
	c, err := scanCategory(s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+categoryColumns+` FROM categories WHERE code = ?`), code))
	if errors.Is(err, sql.ErrNoRows) {
		return c, errNotFound
	}
	return c, err
}

// ListCategories returns all categories, hidden and merged ones too, in
// the admins' order: position, then name.
func (s *Store) ListCategories(ctx context.Context) (_ []domain.Category, err error) {
	defer domain.Wrap(&err, "store.ListCategories")
	rows, err := s.reads(ctx).QueryContext(ctx, `SELECT `+categoryColumns+` FROM categories ORDER BY position, name, id`)
	return collect(rows, err, scanCategory)
}

const categoryColumns = `id, code, name, parent_id, hidden, position, merged_into`

func scanCategory(row interface{ Scan(...any) error }) (domain.Category, error) {
	var c domain.Category
	var parent, merged sql.NullInt64
	err := row.Scan(&c.ID, &c.Code, &c.Name, &parent, &c.Hidden, &c.Position, &merged)
	c.ParentID, c.MergedInto = int64Ptr(parent), int64Ptr(merged)
	return c, err
}

// UpdateCategory writes an admin's change to c: its name, whether it is
// hidden and what it is merged into. Code and parent stay.
func (s *Store) UpdateCategory(ctx context.Context, c domain.Category) (err error) {
	defer domain.Wrap(&err, "store.UpdateCategory(%q)", c.Code)
	return s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE categories SET name = ?, hidden = ?, merged_into = ? WHERE id = ?`,
			c.Name, c.Hidden, nullInt(c.MergedInto), c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNotFound
		}
		return nil
	})
}

// OrderCategories numbers the given siblings 1, 2, ... in that order.
func (s *Store) OrderCategories(ctx context.Context, ids []int64) (err error) {
	defer domain.Wrap(&err, "store.OrderCategories")
	return s.transact(ctx, func(tx *Tx) error {
		for i, id := range ids {
			if _, err := tx.exec(ctx, `UPDATE categories SET position = ? WHERE id = ?`, i+1, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// CategoriesByID returns the categories with the given ids, for pages that
// show a few reports: reading the whole tree (nearly a thousand rows) for
// each would be wasted work.
func (s *Store) CategoriesByID(ctx context.Context, ids []int64) (_ map[int64]*domain.Category, err error) {
	defer domain.Wrap(&err, "store.CategoriesByID")
	out := map[int64]*domain.Category{}
	if len(ids) == 0 {
		return out, nil
	}
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i], args[i] = "?", id
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT `+categoryColumns+` FROM categories WHERE id IN (`+strings.Join(ph, ",")+`)`), args...)
	cats, err := collect(rows, err, scanCategory)
	for i := range cats {
		out[cats[i].ID] = &cats[i]
	}
	return out, err
}

// CategoryUsage returns the categories most often chosen for reports filed
// since since, most used first, at most limit of them.
func (s *Store) CategoryUsage(ctx context.Context, since time.Time, limit int) (_ []int64, err error) {
	defer domain.Wrap(&err, "store.CategoryUsage")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT category_id FROM reports WHERE created_at >= ? AND category_id IS NOT NULL
		GROUP BY category_id ORDER BY COUNT(*) DESC, category_id LIMIT ?`), micro(since), limit)
	return collect(rows, err, func(row interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	})
}
