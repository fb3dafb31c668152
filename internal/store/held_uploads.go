package store

import (
	"context"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// HoldUploads keeps files of a failed report form under tokenHash,
// replacing any held there before.
func (s *Store) HoldUploads(ctx context.Context, tokenHash string, files []NewAttachment, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.HoldUploads")
	return s.transact(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM held_uploads WHERE token_hash = ?`, tokenHash); err != nil {
			return err
		}
		for _, f := range files {
			if _, err := tx.exec(ctx, `INSERT INTO held_uploads (token_hash, name, content_type, sha256, data, created_at)
				VALUES (?, ?, ?, ?, ?, ?)`, tokenHash, f.Name, f.ContentType, f.SHA256, f.Data, micro(now)); err != nil {
				return err
			}
		}
		return nil
	})
}

// HeldUploads returns the files held under tokenHash since since, in the
// order they were chosen.
func (s *Store) HeldUploads(ctx context.Context, tokenHash string, since time.Time) (_ []NewAttachment, err error) {
	defer domain.Wrap(&err, "store.HeldUploads")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT name, content_type, sha256, data FROM held_uploads
		WHERE token_hash = ? AND created_at >= ? ORDER BY id`), tokenHash, micro(since))
	return collect(rows, err, func(row interface{ Scan(...any) error }) (NewAttachment, error) {
		var f NewAttachment
		return f, row.Scan(&f.Name, &f.ContentType, &f.SHA256, &f.Data)
	})
}

// DropHeldUploads forgets the files under tokenHash, and every file held
// before before (an hour is all they are kept); it returns how many went.
func (s *Store) DropHeldUploads(ctx context.Context, tokenHash string, before time.Time) (_ int, err error) {
	defer domain.Wrap(&err, "store.DropHeldUploads")
	var n int64
	err = s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM held_uploads WHERE token_hash = ? OR created_at < ?`, tokenHash, micro(before))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
