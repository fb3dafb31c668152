package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"

	"github.com/lapor-id/lapor/internal/domain"
)

// Citizen is an optional reporter account (e-mail and password).
type Citizen = domain.Citizen

// AccountReport links an account to a report through a sealed reference
// that only the service can open.
type AccountReport struct {
	ID        int64
	SealedRef []byte
}

// ErrEmailTaken is CreateCitizen's answer for an address that has an
// account already.
var ErrEmailTaken = domain.InvalidField("email", "field.email.taken")

// CreateCitizen adds an account; the e-mail must be unused.
func (s *Store) CreateCitizen(ctx context.Context, c *Citizen) (err error) {
	defer domain.Wrap(&err, "store.CreateCitizen")
	return s.transact(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO citizens (email, password_hash, created_at) VALUES (?, ?, ?) RETURNING id`,
			c.Email, c.PasswordHash, micro(c.CreatedAt)).Scan(&c.ID)
		if isUniqueViolation(err, "email") {
			return ErrEmailTaken
		}
		return err
	})
}

func scanCitizen(row *sql.Row) (Citizen, error) {
	var c Citizen
	var created int64
	err := row.Scan(&c.ID, &c.Email, &c.PasswordHash, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errNotFound
	}
	c.CreatedAt = fromMicro(created)
	return c, err
}

// CitizenByEmail finds an account by its (lower-case) e-mail.
func (s *Store) CitizenByEmail(ctx context.Context, email string) (_ Citizen, err error) {
	defer domain.Wrap(&err, "store.CitizenByEmail")
	return scanCitizen(s.read.QueryRowContext(ctx, s.q(`SELECT id, email, password_hash, created_at FROM citizens WHERE email = ?`), email))
}

// CitizenByID finds an account.
func (s *Store) CitizenByID(ctx context.Context, id int64) (_ Citizen, err error) {
	defer domain.Wrap(&err, "store.CitizenByID(%v)", id)
	return scanCitizen(s.read.QueryRowContext(ctx, s.q(`SELECT id, email, password_hash, created_at FROM citizens WHERE id = ?`), id))
}

// LinkAccountReport stores a sealed reference to a report for an account.
// The row id is random (a collision in 62 bits is not a practical concern)
// and the row has no time, so the order and time of the link cannot be
// matched against the reports table.
func (s *Store) LinkAccountReport(ctx context.Context, accountID int64, sealedRef []byte) (_ int64, err error) {
	defer domain.Wrap(&err, "store.LinkAccountReport(%v)", accountID)
	id := randomID()
	err = s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO account_reports (id, account_id, sealed_ref) VALUES (?, ?, ?)`, id, accountID, sealedRef)
		return err
	})
	return id, err
}

// randomID returns a positive random 62-bit id.
func randomID() int64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return int64(binary.BigEndian.Uint64(b[:]) >> 2)
}

// AccountReports lists the sealed references of an account.
func (s *Store) AccountReports(ctx context.Context, accountID int64) (_ []AccountReport, err error) {
	defer domain.Wrap(&err, "store.AccountReports(%v)", accountID)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, sealed_ref FROM account_reports WHERE account_id = ?`), accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AccountReport
	for rows.Next() {
		var a AccountReport
		if err := rows.Scan(&a.ID, &a.SealedRef); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AccountReportByID finds one reference of an account.
func (s *Store) AccountReportByID(ctx context.Context, accountID, id int64) (_ AccountReport, err error) {
	defer domain.Wrap(&err, "store.AccountReportByID(%v, %v)", accountID, id)
	var a AccountReport
	err = s.read.QueryRowContext(ctx, s.q(`SELECT id, sealed_ref FROM account_reports WHERE account_id = ? AND id = ?`), accountID, id).
		Scan(&a.ID, &a.SealedRef)
	if errors.Is(err, sql.ErrNoRows) {
		return a, errNotFound
	}
	return a, err
}
