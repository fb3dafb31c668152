package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// Turning an account off ends its sessions; the list of accounts with a
// second factor follows enrolment.
func TestUsersAdmin(t *testing.T) {
	each(t, func(t *testing.T, dsn string, st *store.Store) {
		ctx := context.Background()
		u := &domain.User{Email: "pu@bontang.go.id", Role: domain.RoleSupervisor, PasswordHash: "x", CreatedAt: t0}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateSession(ctx, store.StaffSessions, "h1", u.ID, t0, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := st.SetUserDisabled(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.UserByID(ctx, u.ID); !got.Disabled {
			t.Error("not disabled")
		}
		if _, err := st.SessionByHash(ctx, store.StaffSessions, "h1"); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("session after disabling: %v", err)
		}
		if err := st.SetUserDisabled(ctx, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.UserByID(ctx, u.ID); got.Disabled {
			t.Error("not enabled again")
		}
		if err := st.SetUserDisabled(ctx, u.ID+100, true); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("unknown user: %v", err)
		}
		if m, err := st.TOTPEnabledUsers(ctx); err != nil || len(m) != 0 {
			t.Fatalf("before enrolment: %v %v", m, err)
		}
		if err := st.StartTOTP(ctx, u.ID, []byte("sealed")); err != nil {
			t.Fatal(err)
		}
		if m, _ := st.TOTPEnabledUsers(ctx); m[u.ID] {
			t.Error("an unconfirmed second factor counts as on")
		}
		if err := st.EnableTOTP(ctx, u.ID, 1); err != nil {
			t.Fatal(err)
		}
		if m, _ := st.TOTPEnabledUsers(ctx); !m[u.ID] || len(m) != 1 {
			t.Errorf("after enrolment: %v", m)
		}
	})
}
