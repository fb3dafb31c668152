package service_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

const (
	targetEmail = "rahasia.warga@example.id"
	password    = "kata-sandi-warga-panjang"
)

// TestAccountFromACopyOfTheDatabase plays issue 9's attacker: with a copy
// of the database and no key, tie the anonymous reports filed from an
// account to that account. Before this version every step below found
// it: the e-mail in clear, session times a few seconds from the report,
// and link rows grouped (and counted) by account id.
func TestAccountFromACopyOfTheDatabase(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		env.Clock.Set(time.Date(2026, 11, 18, 10, 30, 0, 0, env.Clock.Now().Location()))
		target := registerAndLogin(t, env, targetEmail)
		bystanders := []*domain.Citizen{registerAndLogin(t, env, "tetangga@example.id"), registerAndLogin(t, env, "lain@example.id")}
		var filed []string
		for i, title := range []string{"Pungli di kantor kelurahan", "Pungli terulang di loket"} {
			env.Clock.Advance(7 * time.Second)
			rc, err := env.Svc.Submit(ctx, service.Viewer{Citizen: target}, domain.Submission{Kind: domain.KindComplaint, Title: title,
				Body: "Petugas loket meminta uang tambahan untuk surat pengantar.", Anonymous: true,
				Reporter: domain.Identity{Email: targetEmail}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			filed = append(filed, rc.TrackingID)
			env.Clock.Advance(time.Duration(i+1) * 3 * time.Hour)
			if _, _, err := env.Svc.LoginCitizen(ctx, targetEmail, password); err != nil {
				t.Fatal(err)
			}
		}
		db := env.Store.DB()

		// 1. The address is nowhere: not in any row, not in the files.
		for _, hit := range valuesHolding(t, db, env.Backend, []byte(targetEmail)) {
			t.Errorf("the account's e-mail is readable in %s", hit)
		}
		if env.Backend == string(store.SQLite) {
			for _, f := range []string{env.DSN, env.DSN + "-wal"} {
				if b, err := os.ReadFile(f); err == nil && bytes.Contains(b, []byte(targetEmail)) {
					t.Errorf("the account's e-mail is in %s", filepath.Base(f))
				}
			}
		}

		// 2. The times: every time kept of an account or its sessions is
		// a day, so the join by time finds every account active that day
		// equally close to the report.
		for _, id := range filed {
			created := reportCreated(t, env, id)
			closest := map[int64]int64{}
			for _, row := range accountTimes(t, env) {
				if row.at%(24*time.Hour).Microseconds() != 0 {
					t.Errorf("%s keeps a time finer than a day: %v", row.what, time.UnixMicro(row.at).UTC())
				}
				d := abs(created - row.at)
				if c, ok := closest[row.account]; !ok || d < c {
					closest[row.account] = d
				}
			}
			if closest[target.ID] != closest[bystanders[0].ID] || closest[target.ID] != closest[bystanders[1].ID] {
				t.Errorf("report %s lines up with the account's times: %v", id, closest)
			}
		}

		// 3. The links: none names an account, none shares a value with
		// another, so they can be neither grouped nor counted per account.
		links := linkRows(t, db)
		if len(links) != len(filed) {
			t.Fatalf("%d link rows, want %d", len(links), len(filed))
		}
		seen := map[string]bool{}
		for _, l := range links {
			if l.account.Valid {
				t.Errorf("a link names account %d", l.account.Int64)
			}
			for _, v := range []string{fmt.Sprint(l.id), l.tag, string(l.sealed)} {
				if seen[v] {
					t.Errorf("two links share the value %q", v)
				}
				seen[v] = true
			}
			for _, c := range append(bystanders, target) {
				if l.id == c.ID {
					t.Errorf("a link holds the account id %d", c.ID)
				}
			}
		}

		// The account holder, and only they, still find their reports.
		_, again, err := env.Svc.LoginCitizen(ctx, targetEmail, password)
		if err != nil {
			t.Fatal(err)
		}
		mine, err := env.Svc.MyReports(ctx, service.Viewer{Citizen: again})
		if err != nil || len(mine) != 2 || mine[0].TrackingID != filed[1] || mine[1].TrackingID != filed[0] {
			t.Fatalf("the account's reports: %+v %v", mine, err)
		}
		if tid, receipt, err := env.Svc.MyReportReceipt(ctx, service.Viewer{Citizen: again}, mine[0].Ref); err != nil || tid != filed[1] || receipt == "" {
			t.Fatalf("the account's receipt: %q %v", tid, err)
		}
		if _, _, err := env.Svc.MyReportReceipt(ctx, service.Viewer{Citizen: bystanders[0]}, mine[0].Ref); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("another account opened the link: %v", err)
		}
		if theirs, err := env.Svc.MyReports(ctx, service.Viewer{Citizen: bystanders[0]}); err != nil || len(theirs) != 0 {
			t.Fatalf("another account's reports: %+v %v", theirs, err)
		}
	})
}

func registerAndLogin(t *testing.T, env *apptest.Env, email string) *domain.Citizen {
	t.Helper()
	ctx := context.Background()
	if err := env.Svc.RegisterCitizen(ctx, email, password, i18n.ID); err != nil {
		t.Fatal(err)
	}
	apptest.VerifyCitizens(t, env.Svc)
	env.Clock.Advance(2 * time.Second)
	_, c, err := env.Svc.LoginCitizen(ctx, email, password)
	if err != nil {
		t.Fatal(err)
	}
	env.Clock.Advance(3 * time.Second)
	return c
}

// valuesHolding names every table column of the database holding needle
// in some row, as text or bytes.
func valuesHolding(t *testing.T, db *sql.DB, backend string, needle []byte) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if backend == string(store.Postgres) {
		q = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
	}
	var hits []string
	for _, table := range strings.Fields(strings.Join(column[string](t, db, q), " ")) {
		rows, err := db.Query(`SELECT * FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if bytes.Contains(fmt.Appendf(nil, "%s", v), needle) {
					hits = append(hits, table+"."+cols[i])
				}
			}
		}
		rows.Close()
	}
	return hits
}

func column[T any](t *testing.T, db *sql.DB, q string, args ...any) []T {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func reportCreated(t *testing.T, env *apptest.Env, trackingID string) int64 {
	t.Helper()
	q := `SELECT created_at FROM reports WHERE tracking_id = ?`
	if env.Backend == string(store.Postgres) {
		q = strings.Replace(q, "?", "$1", 1)
	}
	return column[int64](t, env.Store.DB(), q, trackingID)[0]
}

type accountTime struct {
	account int64
	what    string
	at      int64
}

// accountTimes is every time the database keeps of an account: when it
// was made, and each of its sessions' times.
func accountTimes(t *testing.T, env *apptest.Env) []accountTime {
	t.Helper()
	var out []accountTime
	add := func(what, q string) {
		rows, err := env.Store.DB().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, at int64
			if err := rows.Scan(&id, &at); err != nil {
				t.Fatal(err)
			}
			out = append(out, accountTime{id, what, at})
		}
	}
	add("citizens.created_at", `SELECT id, created_at FROM citizens`)
	for _, c := range []string{"created_at", "last_seen_at", "expires_at"} {
		add("citizen_sessions."+c, `SELECT citizen_id, `+c+` FROM citizen_sessions`)
	}
	return out
}

type linkRow struct {
	id      int64
	account sql.NullInt64
	tag     string
	sealed  []byte
}

func linkRows(t *testing.T, db *sql.DB) []linkRow {
	t.Helper()
	rows, err := db.Query(`SELECT id, account_id, tag, sealed_ref FROM account_reports`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []linkRow
	for rows.Next() {
		var l linkRow
		if err := rows.Scan(&l.id, &l.account, &l.tag, &l.sealed); err != nil {
			t.Fatal(err)
		}
		out = append(out, l)
	}
	return out
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// TestLegacyAccountsSealedAtStart: accounts and links written by the
// version before are converted when the service starts, and still work.
func TestLegacyAccountsSealedAtStart(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		rc, err := env.Svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindAspiration, Title: "Taman kota",
			Body: "Mohon tambah bangku di taman kota.", Anonymous: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		pw, err := auth.HashPassword(password)
		if err != nil {
			t.Fatal(err)
		}
		ph := func(q string) string {
			if env.Backend == string(store.Postgres) {
				for i := 1; strings.Contains(q, "?"); i++ {
					q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
				}
			}
			return q
		}
		db := env.Store.DB()
		if _, err := db.Exec(ph(`INSERT INTO citizens (id, email_lookup, password_hash, created_at) VALUES (500, ?, ?, ?)`),
			targetEmail, pw, env.Clock.Now().UnixMicro()); err != nil {
			t.Fatal(err)
		}
		old, _ := json.Marshal(map[string]string{"t": rc.TrackingID, "r": rc.Receipt})
		if _, err := db.Exec(ph(`INSERT INTO account_reports (id, account_id, sealed_ref) VALUES (77, 500, ?)`),
			env.Sealer.Seal(old, []byte("account:500"))); err != nil {
			t.Fatal(err)
		}
		restarted := service.New(env.Store, env.Sealer, service.Config{Now: env.Clock.Now})
		if err := restarted.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if hits := valuesHolding(t, db, env.Backend, []byte(targetEmail)); len(hits) > 0 {
			t.Fatalf("the e-mail is still readable in %v", hits)
		}
		if l := linkRows(t, db); len(l) != 1 || l[0].account.Valid || l[0].tag == "" {
			t.Fatalf("the link after the start: %+v", l)
		}
		_, c, err := restarted.LoginCitizen(ctx, targetEmail, password)
		if err != nil || c.ID != 500 || c.Email != targetEmail {
			t.Fatalf("login with the old account: %+v %v", c, err)
		}
		mine, err := restarted.MyReports(ctx, service.Viewer{Citizen: c})
		if err != nil || len(mine) != 1 || mine[0].TrackingID != rc.TrackingID {
			t.Fatalf("the old account's reports: %+v %v", mine, err)
		}
		if again := service.New(env.Store, env.Sealer, service.Config{Now: env.Clock.Now}); again.Start(ctx) != nil {
			t.Fatal("a second start failed")
		}
	})
}
