package store

import (
	"context"
	"database/sql"

	"github.com/lapor-id/lapor/internal/domain"
)

// SaveReplyTemplate adds t (ID 0) or rewrites the template with its ID.
func (s *Store) SaveReplyTemplate(ctx context.Context, t *domain.ReplyTemplate) (err error) {
	defer domain.Wrap(&err, "store.SaveReplyTemplate(%d)", t.ID)
	return s.transact(ctx, func(tx *Tx) error {
		if t.ID == 0 {
			return tx.queryRow(ctx, `INSERT INTO reply_templates (unit_id, category_id, title, body, updated_at)
				VALUES (?, ?, ?, ?, ?) RETURNING id`, nullInt(t.UnitID), nullInt(t.CategoryID), t.Title, t.Body, micro(t.UpdatedAt)).Scan(&t.ID)
		}
		res, err := tx.exec(ctx, `UPDATE reply_templates SET unit_id = ?, category_id = ?, title = ?, body = ?, updated_at = ? WHERE id = ?`,
			nullInt(t.UnitID), nullInt(t.CategoryID), t.Title, t.Body, micro(t.UpdatedAt), t.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNotFound
		}
		return nil
	})
}

// DeleteReplyTemplate removes a template.
func (s *Store) DeleteReplyTemplate(ctx context.Context, id int64) (err error) {
	defer domain.Wrap(&err, "store.DeleteReplyTemplate(%d)", id)
	return s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM reply_templates WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNotFound
		}
		return nil
	})
}

// ReplyTemplates lists every template by title.
func (s *Store) ReplyTemplates(ctx context.Context) (_ []domain.ReplyTemplate, err error) {
	defer domain.Wrap(&err, "store.ReplyTemplates")
	rows, err := s.reads(ctx).QueryContext(ctx, `SELECT id, unit_id, category_id, title, body, updated_at FROM reply_templates ORDER BY title, id`)
	return collect(rows, err, func(row interface{ Scan(...any) error }) (domain.ReplyTemplate, error) {
		var t domain.ReplyTemplate
		var unit, cat sql.NullInt64
		var at int64
		err := row.Scan(&t.ID, &unit, &cat, &t.Title, &t.Body, &at)
		t.UnitID, t.CategoryID, t.UpdatedAt = int64Ptr(unit), int64Ptr(cat), fromMicro(at)
		return t, err
	})
}
