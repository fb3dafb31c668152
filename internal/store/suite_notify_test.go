package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteStaffNotify: a routing, a breach and an internal note owe the unit's
// officers, its head and the supervising office what each asked for, in the
// transaction of the change; digests take each queued notice exactly once.
func suiteStaffNotify(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	unit, err := st.CreateUnit(ctx, "dpu", "Dinas PU", "", t0)
	must(t, err)
	other, err := st.CreateUnit(ctx, "dishub", "Dinas Perhubungan", "", t0)
	must(t, err)
	user := func(email string, role domain.Role, u *int64, disabled bool) int64 {
		x := domain.User{Email: email, Name: email, Role: role, UnitID: u, PasswordHash: "x", Disabled: disabled, CreatedAt: t0}
		must(t, st.CreateUser(ctx, &x))
		return x.ID
	}
	now := user("now@dpu.test", domain.RoleOfficer, &unit.ID, false)
	digest := user("digest@dpu.test", domain.RoleOfficer, &unit.ID, false)
	off := user("off@dpu.test", domain.RoleOfficer, &unit.ID, false)
	user("disabled@dpu.test", domain.RoleOfficer, &unit.ID, true)
	user("elsewhere@dishub.test", domain.RoleOfficer, &other.ID, false)
	head := user("head@dpu.test", domain.RoleSupervisor, nil, false)

	must(t, st.SetNotifyPrefs(ctx, digest, map[domain.NotifyKind]string{domain.NotifyRouted: domain.NotifyDigest}, "en"))
	must(t, st.SetNotifyPrefs(ctx, off, map[domain.NotifyKind]string{domain.NotifyRouted: domain.NotifyOff}, "id"))
	prefs, lang, err := st.NotifyPrefs(ctx, digest)
	must(t, err)
	if lang != "en" || prefs[domain.NotifyRouted] != domain.NotifyDigest || prefs[domain.NotifyBreach] != domain.NotifyNow {
		t.Fatalf("prefs: %v %q", prefs, lang)
	}
	if err := st.SetNotifyPrefs(ctx, 987654, nil, "id"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("prefs of an unknown user: %v", err)
	}
	if _, _, err := st.NotifyPrefs(ctx, 987654); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("prefs of an unknown user read: %v", err)
	}
	must(t, st.SetUnitHead(ctx, unit.ID, &head))
	if err := st.SetUnitHead(ctx, 987654, &head); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("head of an unknown unit: %v", err)
	}
	if heads, err := st.UnitHeads(ctx); err != nil || len(heads) != 1 || heads[unit.ID] != head {
		t.Fatalf("heads: %v %v", heads, err)
	}

	staff := func(status string) map[int64]domain.Delivery {
		ds, err := st.ListDeliveries(ctx, status, 0)
		must(t, err)
		out := map[int64]domain.Delivery{}
		for _, d := range ds {
			if d.Audience == domain.AudienceStaff && d.UserID != nil && d.Kind != "digest" {
				out[*d.UserID] = d
			}
		}
		return out
	}
	r, ev := newReport(1)
	must(t, st.CreateReport(ctx, r, ev, nil))
	if n := len(staff(domain.DeliveryPending)); n != 0 {
		t.Fatalf("an unrouted submission told %d staff", n)
	}
	t1 := t0.Add(time.Hour)
	act := func(typ domain.EventType, internal bool, at time.Time) {
		t.Helper()
		_, _, err := st.Act(ctx, r.TrackingID, func(cur *domain.Report) (*store.Change, error) {
			e := domain.Event{Type: typ, ActorRole: domain.RoleAdmin, FromStatus: cur.Status, ToStatus: domain.StatusDispositioned,
				Internal: internal, CreatedAt: at, Message: "catatan internal rahasia"}
			return &store.Change{Event: e, Status: domain.StatusDispositioned, UnitID: &unit.ID, Title: cur.Title}, nil
		})
		must(t, err)
	}
	act(domain.EventVerified, false, t1)
	p, q := staff(domain.DeliveryPending), staff(domain.DeliveryQueued)
	if len(p) != 1 || p[now].Kind != string(domain.NotifyRouted) || p[now].Key != fmt.Sprintf("%s.2.staff.%d", r.TrackingID, now) ||
		*p[now].UnitID != unit.ID || p[now].TrackingID != r.TrackingID {
		t.Fatalf("routing, told now: %+v", p)
	}
	if len(q) != 1 || q[digest].Kind != string(domain.NotifyRouted) {
		t.Fatalf("routing, queued for a digest: %+v", q)
	}
	act(domain.EventNoted, true, t1)
	if len(staff(domain.DeliveryPending)) != 1 {
		t.Fatal("an internal note told staff")
	}
	act(domain.EventEscalated, false, t1.Add(time.Minute))
	ds, err := st.ListDeliveries(ctx, domain.DeliveryPending, 0)
	must(t, err)
	breach, office := map[int64]string{}, 0
	for _, d := range ds {
		if d.EventSeq != 4 {
			continue
		}
		switch d.Audience {
		case domain.AudienceStaff:
			breach[*d.UserID] = d.Kind
		case domain.AudienceOffice:
			office++
			if d.UnitID == nil || *d.UnitID != unit.ID {
				t.Errorf("office delivery names no unit: %+v", d)
			}
		}
	}
	if len(breach) != 4 || breach[now] != "breach" || breach[off] != "breach" || breach[head] != "escalation" || office != 1 {
		t.Fatalf("breach: %v, office %d", breach, office)
	}

	// The digest: built once, whatever the number of nodes.
	day := "2026-11-19"
	cut := t0.Add(30 * time.Hour)
	var wg sync.WaitGroup
	made := make([]int, 4)
	for i := range made {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := st.BuildDigests(ctx, cut, day, cut)
			if err != nil {
				t.Error(err)
			}
			made[i] = n
		}()
	}
	wg.Wait()
	if made[0]+made[1]+made[2]+made[3] != 1 {
		t.Fatalf("digests made by four builders: %v", made)
	}
	if len(staff(domain.DeliveryQueued)) != 0 {
		t.Fatal("a queued notice was left behind")
	}
	ds, err = st.ListDeliveries(ctx, domain.DeliveryPending, 0)
	must(t, err)
	var dg *domain.Delivery
	for i := range ds {
		if ds[i].Kind == "digest" {
			dg = &ds[i]
		}
	}
	if dg == nil || *dg.UserID != digest || dg.Key != fmt.Sprintf("digest.%d.%s", digest, day) || dg.ReportID != 0 {
		t.Fatalf("digest: %+v", dg)
	}
	in, err := st.DigestNotices(ctx, dg.ID)
	must(t, err)
	if len(in) != 1 || in[0].TrackingID != r.TrackingID || in[0].Status != domain.DeliveryDigested || in[0].Kind != "routed" {
		t.Fatalf("digest holds: %+v", in)
	}
	if n, err := st.BuildDigests(ctx, cut.Add(time.Hour), day, cut); err != nil || n != 0 {
		t.Fatalf("second build: %d %v", n, err)
	}

	// Mail about no report: owed once per key.
	m := store.NewMail{Key: "verify.1.abc", Audience: domain.AudienceCitizen, Kind: "verify", SealedTo: []byte("sealed-address"), Now: t1}
	must(t, st.EnqueueMail(ctx, m))
	must(t, st.EnqueueMail(ctx, m))
	ds, err = st.ListDeliveries(ctx, domain.DeliveryPending, 0)
	must(t, err)
	n := 0
	for _, d := range ds {
		if d.Key == m.Key {
			n++
			if string(d.SealedTo) != "sealed-address" || d.ReportID != 0 || d.Kind != "verify" || d.Audience != domain.AudienceCitizen {
				t.Errorf("verify mail: %+v", d)
			}
		}
	}
	if n != 1 {
		t.Fatalf("verify mail enqueued %d times", n)
	}
	// It can be claimed and finished like any other.
	c, err := st.ClaimDeliveries(ctx, t1.Add(48*time.Hour), time.Minute, 100, "N")
	must(t, err)
	for _, d := range c {
		if ok, err := st.FinishDelivery(ctx, d.ID, "N", domain.DeliveryDelivered, "", t1.Add(48*time.Hour), t1); err != nil || !ok {
			t.Fatalf("finish %s: %v %v", d.Key, ok, err)
		}
	}
}

// suiteMailStops: an unsubscribed report stays unsubscribed, once.
func suiteMailStops(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	r := sealedReport(t, st, 1)
	other := sealedReport(t, st, 2)
	if stopped, err := st.ReporterMailStopped(ctx, r.ID); err != nil || stopped {
		t.Fatalf("stopped before asking: %v %v", stopped, err)
	}
	must(t, st.StopReporterMail(ctx, r.ID, t0))
	must(t, st.StopReporterMail(ctx, r.ID, t0.Add(time.Hour)))
	if stopped, err := st.ReporterMailStopped(ctx, r.ID); err != nil || !stopped {
		t.Fatalf("not stopped: %v %v", stopped, err)
	}
	if stopped, _ := st.ReporterMailStopped(ctx, other.ID); stopped {
		t.Fatal("another report was stopped too")
	}
	if err := st.StopReporterMail(ctx, 987654, t0); err == nil {
		t.Fatal("an unknown report was stopped")
	}
}

// suiteMailTokens: a token works once, before it expires, and only for
// its purpose; resets are limited per account; the delivery is written
// with the token, in one transaction.
func suiteMailTokens(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	u := domain.User{Email: "lupa@bontang.test", Role: domain.RoleOfficer, PasswordHash: "old", CreatedAt: t0}
	must(t, st.CreateUser(ctx, &u))
	reset := func(hash string, at time.Time) error {
		return st.CreateMailToken(ctx, store.MailToken{Hash: hash, Purpose: store.TokenReset, UserID: &u.ID, CreatedAt: at,
			ExpiresAt: at.Add(30 * time.Minute)}, store.NewMail{Key: "reset." + hash, Audience: domain.AudienceStaff,
			Kind: store.TokenReset, UserID: &u.ID, Now: at}, 3, at.Add(-time.Hour))
	}
	for i := 0; i < 3; i++ {
		must(t, reset(fmt.Sprintf("h%d", i), t0.Add(time.Duration(i)*time.Minute)))
	}
	if err := reset("h3", t0.Add(5*time.Minute)); !errors.Is(err, store.ErrTooManyTokens) {
		t.Fatalf("a fourth reset within the hour: %v", err)
	}
	ds, err := st.ListDeliveries(ctx, domain.DeliveryPending, 0)
	must(t, err)
	if len(ds) != 3 || ds[0].Kind != "reset" || *ds[0].UserID != u.ID {
		t.Fatalf("reset deliveries: %+v", ds)
	}
	// Expired, wrong purpose, unknown: not found.
	if _, err := st.ResetPasswordByToken(ctx, "h0", "new", t0.Add(31*time.Minute)); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("expired token: %v", err)
	}
	if _, err := st.VerifyCitizenByToken(ctx, "h1", t0, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("a reset token verified an account: %v", err)
	}
	if _, err := st.ResetPasswordByToken(ctx, "nope", "new", t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown token: %v", err)
	}
	id, err := st.ResetPasswordByToken(ctx, "h1", "new", t0.Add(10*time.Minute))
	must(t, err)
	if got, _ := st.UserByID(ctx, u.ID); id != u.ID || got.PasswordHash != "new" {
		t.Fatalf("after the reset: %d %+v", id, got)
	}
	// Used once, and the account's other tokens are spent with it.
	for _, h := range []string{"h1", "h2"} {
		if _, err := st.ResetPasswordByToken(ctx, h, "again", t0.Add(11*time.Minute)); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("token %s after a reset: %v", h, err)
		}
	}

	c := store.Citizen{EmailLookup: "lookup-1", SealedEmail: []byte("s"), PasswordHash: "x", CreatedAt: t0}
	must(t, st.CreateCitizen(ctx, &c))
	if got, _ := st.CitizenByID(ctx, c.ID); got.Verified {
		t.Fatal("a new account is verified")
	}
	must(t, st.CreateMailToken(ctx, store.MailToken{Hash: "v1", Purpose: store.TokenVerify, CitizenID: &c.ID, CreatedAt: t0,
		ExpiresAt: t0.Add(48 * time.Hour)}, store.NewMail{Key: "verify.id.v1", Audience: domain.AudienceCitizen, Kind: store.TokenVerify,
		SealedTo: []byte("sealed"), Now: t0}, 5, t0.Add(-24*time.Hour)))
	got, err := st.VerifyCitizenByToken(ctx, "v1", t0.Add(time.Hour), t0)
	must(t, err)
	if acct, _ := st.CitizenByID(ctx, c.ID); got != c.ID || !acct.Verified {
		t.Fatalf("after verification: %+v", acct)
	}
	if _, err := st.VerifyCitizenByToken(ctx, "v1", t0.Add(time.Hour), t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("verified twice: %v", err)
	}
	var n int
	must(t, st.DB().QueryRow(`SELECT COUNT(*) FROM mail_tokens WHERE citizen_id IS NOT NULL`).Scan(&n))
	if n != 0 {
		t.Fatalf("%d citizen tokens kept after use", n)
	}
}
