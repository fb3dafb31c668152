package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lapor-id/lapor/internal/domain"
)

// SealedColumn names a column holding values sealed with the instance key
// (internal/seal) and the column of the same row whose value the seal is
// bound to, so a sealed value copied to another row does not open.
type SealedColumn struct {
	Table  string
	Column string
	Bound  string
}

// SealedColumns lists every sealed column of the schema. A migration that
// adds one must add it here, or `lapor key rotate` would leave it under the
// old key (and refuse to drop that key).
var SealedColumns = []SealedColumn{
	{Table: "reports", Column: "sealed_identity", Bound: "receipt_hash"},
	{Table: "account_reports", Column: "sealed_ref", Bound: "tag"},
	{Table: "users", Column: "totp_secret", Bound: "id"},
	{Table: "citizens", Column: "sealed_email", Bound: "email_lookup"},
	{Table: "instance_secrets", Column: "sealed_value", Bound: "name"},
	{Table: "channel_messages", Column: "sealed_reply", Bound: "msg_key"},
	{Table: "webhooks", Column: "sealed_secret", Bound: "id"},
	{Table: "report_sources", Column: "sealed_source", Bound: "report_id"},
}

// ResealBatch is how many rows one re-sealing transaction touches: small
// enough that a running server's writes wait only milliseconds.
const ResealBatch = 500

// Reseal walks every value of col in id order, ResealBatch rows per
// transaction, and passes each to fn with the bound column as text. When
// fn reports a change, the row is updated only if it still holds the value
// read, so a concurrent write is never overwritten (the caller makes
// another pass). It returns the number of rows rewritten.
func (s *Store) Reseal(ctx context.Context, col SealedColumn, fn func(bound string, value []byte) ([]byte, bool, error)) (_ int, err error) {
	defer domain.Wrap(&err, "store.Reseal")
	sel := fmt.Sprintf(`SELECT t.id, CAST(t.%s AS TEXT) AS bound_text, t.%s FROM %s t
		WHERE t.id > ? AND t.%s IS NOT NULL AND t.%s IS NOT NULL ORDER BY t.id LIMIT ?`, col.Bound, col.Column, col.Table, col.Column, col.Bound)
	upd := fmt.Sprintf(`UPDATE %s SET %s = ? WHERE id = ? AND %s = ?`, col.Table, col.Column, col.Column)
	total := 0
	var last int64 = -1 << 62
	for {
		n, done, next := 0, false, last
		err := s.transact(ctx, func(tx *Tx) error {
			n, done = 0, false
			type row struct {
				id    int64
				bound string
				value []byte
			}
			rows, err := tx.query(ctx, sel, last, ResealBatch)
			if err != nil {
				return err
			}
			var batch []row
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.id, &r.bound, &r.value); err != nil {
					rows.Close()
					return err
				}
				batch = append(batch, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			done = len(batch) < ResealBatch
			for _, r := range batch {
				out, changed, err := fn(r.bound, r.value)
				if err != nil {
					return fmt.Errorf("%s.%s row %d: %w", col.Table, col.Column, r.id, err)
				}
				if changed {
					res, err := tx.exec(ctx, upd, out, r.id, r.value)
					if err != nil {
						return err
					}
					if k, _ := res.RowsAffected(); k == 1 {
						n++
					}
				}
			}
			next = last
			if len(batch) > 0 {
				next = batch[len(batch)-1].id
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		last = next
		total += n
		if done {
			return total, nil
		}
	}
}

// HasSealedValues reports whether any sealed column holds a value: then
// the key that sealed it must be present before anything starts.
func (s *Store) HasSealedValues(ctx context.Context) (_ bool, err error) {
	defer domain.Wrap(&err, "store.HasSealedValues")
	for _, col := range SealedColumns {
		var one int
		err := s.reads(ctx).QueryRowContext(ctx, fmt.Sprintf(`SELECT 1 FROM %s WHERE %s IS NOT NULL LIMIT 1`, col.Table, col.Column)).Scan(&one)
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
	}
	return false, nil
}

// SealedKeyUsage counts the sealed values of every sealed column by the id
// of the key they are sealed under (keyID reads it from a value).
func (s *Store) SealedKeyUsage(ctx context.Context, keyID func([]byte) string) (_ map[string]int, err error) {
	defer domain.Wrap(&err, "store.SealedKeyUsage")
	out := map[string]int{}
	for _, col := range SealedColumns {
		rows, err := s.reads(ctx).QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE %s IS NOT NULL`, col.Column, col.Table, col.Column))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var v []byte
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return nil, err
			}
			out[keyID(v)]++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
