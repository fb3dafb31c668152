package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/workdays"
)

// The deadline policy (the holiday calendar and the deadline settings)
// lives in the database, edited by admins. Every change bumps a version
// number in the same transaction, so each app node notices a change with
// one cheap read and reloads.

const (
	policyVersionKey = "policy.version"
	holidaysSeedKey  = "calendar.seeded"
)

func (tx *Tx) putSetting(ctx context.Context, key, value string, now time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, value, micro(now))
	return err
}

func (tx *Tx) bumpPolicy(ctx context.Context, now time.Time) error {
	// One statement, so two concurrent changes cannot write the same
	// version (other nodes would then miss the second one).
	_, err := tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, '1', ?)
		ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT), updated_at = excluded.updated_at`,
		policyVersionKey, micro(now))
	return err
}

// PolicyVersion returns the number of changes made to the deadline policy.
func (s *Store) PolicyVersion(ctx context.Context) (_ int64, err error) {
	defer domain.Wrap(&err, "store.PolicyVersion")
	var v string
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT value FROM settings WHERE key = ?`), policyVersionKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// PolicySetting returns the JSON value stored under key, "" when unset.
func (s *Store) PolicySetting(ctx context.Context, key string) (_ string, err error) {
	defer domain.Wrap(&err, "store.PolicySetting(%q)", key)
	var v string
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT value FROM settings WHERE key = ?`), key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// PutPolicySetting stores a policy value and bumps the policy version.
func (s *Store) PutPolicySetting(ctx context.Context, key, value string, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.PutPolicySetting(%q)", key)
	return s.transact(ctx, func(tx *Tx) error {
		if err := tx.putSetting(ctx, key, value, now); err != nil {
			return err
		}
		return tx.bumpPolicy(ctx, now)
	})
}

// SeedHolidays stores the default holiday list once in the life of the
// database (a later empty list is an admin's choice, not a reason to seed
// again). It reports whether it did. The seed marker is claimed first, by
// one statement: of nodes starting together exactly one seeds (on
// PostgreSQL the others wait for its commit and find the marker).
func (s *Store) SeedHolidays(ctx context.Context, hs []workdays.Holiday, now time.Time) (_ bool, err error) {
	defer domain.Wrap(&err, "store.SeedHolidays")
	seeded := false
	err = s.transact(ctx, func(tx *Tx) error {
		seeded = false
		res, err := tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, 'true', ?)
			ON CONFLICT (key) DO NOTHING`, holidaysSeedKey, micro(now))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		for _, h := range hs {
			if _, err := tx.exec(ctx, `INSERT INTO holidays (date, year, kind, name, created_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (date) DO NOTHING`, h.Date.String(), h.Date.Year, string(h.Kind), h.Name, micro(now)); err != nil {
				return err
			}
		}
		seeded = true
		return tx.bumpPolicy(ctx, now)
	})
	return seeded, err
}

// ListHolidays returns every holiday, sorted by date.
func (s *Store) ListHolidays(ctx context.Context) (_ []workdays.Holiday, err error) {
	defer domain.Wrap(&err, "store.ListHolidays")
	rows, err := s.reads(ctx).QueryContext(ctx, `SELECT date, kind, name FROM holidays ORDER BY date`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []workdays.Holiday{}
	for rows.Next() {
		var date, kind, name string
		if err := rows.Scan(&date, &kind, &name); err != nil {
			return nil, err
		}
		d, err := workdays.ParseDate(date)
		if err != nil {
			return nil, err
		}
		out = append(out, workdays.Holiday{Date: d, Kind: workdays.HolidayKind(kind), Name: name})
	}
	return out, rows.Err()
}

// AddHoliday stores one holiday; a date already listed is refused.
func (s *Store) AddHoliday(ctx context.Context, h workdays.Holiday, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.AddHoliday")
	return s.transact(ctx, func(tx *Tx) error {
		// One statement decides: two admins adding the same day at once get
		// one success and one "exists", never a unique violation.
		res, err := tx.exec(ctx, `INSERT INTO holidays (date, year, kind, name, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (date) DO NOTHING`, h.Date.String(), h.Date.Year, string(h.Kind), h.Name, micro(now))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return domain.InvalidField("date", "field.holiday.exists")
		}
		return tx.bumpPolicy(ctx, now)
	})
}

// RemoveHoliday deletes the holiday on d; not found when there is none.
func (s *Store) RemoveHoliday(ctx context.Context, d workdays.Date, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.RemoveHoliday")
	return s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM holidays WHERE date = ?`, d.String())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNotFound
		}
		return tx.bumpPolicy(ctx, now)
	})
}

// ImportHolidays stores a list in one transaction: each holiday replaces
// the one on the same date, and with replaceYears every year the list
// covers is cleared first (an official list replaces the year's).
func (s *Store) ImportHolidays(ctx context.Context, hs []workdays.Holiday, replaceYears bool, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.ImportHolidays(%v)", replaceYears)
	return s.transact(ctx, func(tx *Tx) error {
		if replaceYears {
			done := map[int]bool{}
			for _, h := range hs {
				if done[h.Date.Year] {
					continue
				}
				done[h.Date.Year] = true
				if _, err := tx.exec(ctx, `DELETE FROM holidays WHERE year = ?`, h.Date.Year); err != nil {
					return err
				}
			}
		}
		for _, h := range hs {
			if _, err := tx.exec(ctx, `INSERT INTO holidays (date, year, kind, name, created_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name`,
				h.Date.String(), h.Date.Year, string(h.Kind), h.Name, micro(now)); err != nil {
				return err
			}
		}
		return tx.bumpPolicy(ctx, now)
	})
}
