package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// Citizen is an optional reporter account as stored: the e-mail is sealed
// (only the service opens it) and found through a keyed digest, so a copy
// of the database names nobody.
type Citizen struct {
	ID           int64
	EmailLookup  string // keyed digest of the lower-case address
	SealedEmail  []byte
	PasswordHash string
	CreatedAt    time.Time // a day, not a moment: see service.RegisterCitizen
	Verified     bool      // the address was verified by the link e-mailed to it
}

// AccountReport links an account to a report. The row holds neither the
// account nor the report: its tag is a keyed digest only the service can
// compute for an account, and the reference is sealed.
type AccountReport struct {
	ID        int64
	Tag       string
	SealedRef []byte
}

// ErrEmailTaken is CreateCitizen's answer for an address that has an
// account already.
var ErrEmailTaken = domain.InvalidField("email", "field.email.taken")

// ErrTagTaken is LinkAccountReport's answer when another link holds the
// tag (two reports filed at once from one account): take the next one.
var ErrTagTaken = errors.New("store: account link tag taken")

// CreateCitizen adds an account; the e-mail's digest must be unused.
func (s *Store) CreateCitizen(ctx context.Context, c *Citizen) (err error) {
	defer domain.Wrap(&err, "store.CreateCitizen")
	return s.transact(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO citizens (email_lookup, sealed_email, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			c.EmailLookup, c.SealedEmail, c.PasswordHash, micro(c.CreatedAt)).Scan(&c.ID)
		if isUniqueViolation(err, "email") {
			return ErrEmailTaken
		}
		return err
	})
}

const citizenColumns = `id, email_lookup, sealed_email, password_hash, created_at, verified_at IS NOT NULL`

func scanCitizen(row *sql.Row) (Citizen, error) {
	var c Citizen
	var created int64
	err := row.Scan(&c.ID, &c.EmailLookup, &c.SealedEmail, &c.PasswordHash, &created, &c.Verified)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errNotFound
	}
	c.CreatedAt = fromMicro(created)
	return c, err
}

// CitizenByLookup finds an account by the keyed digest of its e-mail.
func (s *Store) CitizenByLookup(ctx context.Context, lookup string) (_ Citizen, err error) {
	defer domain.Wrap(&err, "store.CitizenByLookup")
	return scanCitizen(s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+citizenColumns+` FROM citizens WHERE email_lookup = ?`), lookup))
}

// CitizenByID finds an account.
func (s *Store) CitizenByID(ctx context.Context, id int64) (_ Citizen, err error) {
	defer domain.Wrap(&err, "store.CitizenByID(%v)", id)
	return scanCitizen(s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+citizenColumns+` FROM citizens WHERE id = ?`), id))
}

// LinkAccountReport stores a sealed reference under a tag. The row id is
// random (a collision in 62 bits is not a practical concern) and the row
// has no time and no account, so neither order, time nor grouping can be
// matched against the reports table.
func (s *Store) LinkAccountReport(ctx context.Context, tag string, sealedRef []byte) (_ int64, err error) {
	defer domain.Wrap(&err, "store.LinkAccountReport")
	id := randomID()
	err = s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO account_reports (id, tag, sealed_ref) VALUES (?, ?, ?)`, id, tag, sealedRef)
		if isUniqueViolation(err, "tag") {
			return ErrTagTaken
		}
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

// AccountReportsByTag returns the links holding any of tags.
func (s *Store) AccountReportsByTag(ctx context.Context, tags []string) (_ []AccountReport, err error) {
	defer domain.Wrap(&err, "store.AccountReportsByTag(%d tags)", len(tags))
	if len(tags) == 0 {
		return nil, nil
	}
	args := make([]any, len(tags))
	for i, t := range tags {
		args[i] = t
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT id, tag, sealed_ref FROM account_reports WHERE tag IN (`+marks(len(tags))+`)`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AccountReport
	for rows.Next() {
		var a AccountReport
		if err := rows.Scan(&a.ID, &a.Tag, &a.SealedRef); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AccountReportByID finds one link; the caller checks it is the account's.
func (s *Store) AccountReportByID(ctx context.Context, id int64) (_ AccountReport, err error) {
	defer domain.Wrap(&err, "store.AccountReportByID(%v)", id)
	var a AccountReport
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT id, tag, sealed_ref FROM account_reports WHERE id = ? AND tag IS NOT NULL`), id).
		Scan(&a.ID, &a.Tag, &a.SealedRef)
	if errors.Is(err, sql.ErrNoRows) {
		return a, errNotFound
	}
	return a, err
}
