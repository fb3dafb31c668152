package store

import (
	"context"

	"github.com/lapor-id/lapor/internal/domain"
)

// Rows written before accounts were unlinkable (migration 0027 on SQLite,
// 0028 on PostgreSQL) hold the e-mail in clear in email_lookup and the
// account id on their links. The service converts them at start, in
// batches of legacyBatch, since only it holds the key.
const legacyBatch = 500

// LegacyLink is a link row that still names its account.
type LegacyLink struct {
	ID        int64
	AccountID int64
	SealedRef []byte
}

// LegacyCitizens returns up to legacyBatch accounts whose e-mail is not
// sealed yet; EmailLookup holds the address itself.
func (s *Store) LegacyCitizens(ctx context.Context) (_ []Citizen, err error) {
	defer domain.Wrap(&err, "store.LegacyCitizens")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT id, email_lookup FROM citizens WHERE sealed_email IS NULL ORDER BY id LIMIT ?`), legacyBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Citizen
	for rows.Next() {
		var c Citizen
		if err := rows.Scan(&c.ID, &c.EmailLookup); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SealLegacyCitizen replaces an account's clear e-mail by its digest and
// its sealed form. An account of that age predates e-mail verification:
// it is taken as verified.
func (s *Store) SealLegacyCitizen(ctx context.Context, id int64, lookup string, sealed []byte) (err error) {
	defer domain.Wrap(&err, "store.SealLegacyCitizen(%v)", id)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE citizens SET email_lookup = ?, sealed_email = ?,
			verified_at = COALESCE(verified_at, created_at) WHERE id = ? AND sealed_email IS NULL`, lookup, sealed, id)
		return err
	})
}

// LegacyLinks returns up to legacyBatch links that still name an account.
func (s *Store) LegacyLinks(ctx context.Context) (_ []LegacyLink, err error) {
	defer domain.Wrap(&err, "store.LegacyLinks")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT id, account_id, sealed_ref FROM account_reports WHERE account_id IS NOT NULL ORDER BY id LIMIT ?`), legacyBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LegacyLink
	for rows.Next() {
		var l LegacyLink
		if err := rows.Scan(&l.ID, &l.AccountID, &l.SealedRef); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// UnlinkLegacyLink gives a link its tag and new sealed reference and
// forgets its account; ErrTagTaken when the tag is in use.
func (s *Store) UnlinkLegacyLink(ctx context.Context, id int64, tag string, sealed []byte) (err error) {
	defer domain.Wrap(&err, "store.UnlinkLegacyLink(%v)", id)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE account_reports SET account_id = NULL, tag = ?, sealed_ref = ? WHERE id = ? AND account_id IS NOT NULL`, tag, sealed, id)
		if isUniqueViolation(err, "tag") {
			return ErrTagTaken
		}
		return err
	})
}
