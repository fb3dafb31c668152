package demo

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

func newService(t *testing.T) (*service.Service, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sealer, err := seal.New(seal.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(st, sealer, service.Config{})
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return svc, st
}

func allReports(t *testing.T, st *store.Store) []*domain.Report {
	t.Helper()
	var out []*domain.Report
	for off := 0; ; off += 200 {
		page, total, err := st.ListReports(context.Background(), store.Filter{Limit: 200, Offset: off, Oldest: true})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page...)
		if len(out) >= total || len(page) == 0 {
			return out
		}
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	svc, st := newService(t)
	now := time.Date(2026, 3, 18, 10, 30, 0, 0, time.UTC)
	start := time.Now()
	logins, err := Load(ctx, svc, now)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded in %v", time.Since(start))

	// Logins: one admin, one supervisor, officers; every one can log in.
	roles := map[domain.Role]int{}
	for _, l := range logins {
		roles[l.Role]++
		if len(l.Password) < 14 || auth.CheckPassword(l.Password) != nil {
			t.Errorf("%s: weak password %q", l.Email, l.Password)
		}
		if _, u, err := svc.Login(ctx, l.Email, l.Password); err != nil {
			t.Errorf("login %s: %v", l.Email, err)
		} else if u.Role != l.Role {
			t.Errorf("%s: role %s, want %s", l.Email, u.Role, l.Role)
		}
	}
	if roles[domain.RoleAdmin] != 1 || roles[domain.RoleSupervisor] != 1 || roles[domain.RoleOfficer] < 4 {
		t.Errorf("roles = %v", roles)
	}
	if logins[0].Email != "admin@bontang.go.id" {
		t.Errorf("first login = %s", logins[0].Email)
	}

	us, err := st.ListUnits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != len(units) {
		t.Errorf("units = %d, want %d", len(us), len(units))
	}
	cats, err := st.ListCategories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cats) < 900 {
		t.Errorf("categories = %d", len(cats))
	}

	// Bontang's 3 kecamatan and 15 kelurahan; every report names one of
	// the kelurahan, by id and by the names it had when filed.
	areas, err := st.ListAreas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	areaNames, kecamatan := map[int64]string{}, 0
	for _, a := range areas {
		areaNames[a.ID] = a.Name
		if a.IsKecamatan() {
			kecamatan++
		}
	}
	if kecamatan != 3 || len(areas) != 18 {
		t.Errorf("areas = %d, kecamatan = %d; want 18 and 3", len(areas), kecamatan)
	}

	reports := allReports(t, st)
	if len(reports) != Reports {
		t.Fatalf("reports = %d, want %d", len(reports), Reports)
	}
	withArea := 0
	for _, r := range reports {
		if r.Location.Kelurahan == "" && r.Location.AreaID == nil {
			continue // some plans give no location at all
		}
		if r.Location.AreaID == nil || areaNames[*r.Location.AreaID] != r.Location.Kelurahan {
			t.Fatalf("%s: area %v, kelurahan %q", r.TrackingID, r.Location.AreaID, r.Location.Kelurahan)
		}
		withArea++
	}
	if withArea < Reports/2 {
		t.Errorf("only %d of %d reports name a kelurahan", withArea, Reports)
	}
	status := map[domain.Status]int{}
	kinds := map[domain.Kind]int{}
	var anon, conf, ident, rated, reopened, withUnit, withCat, withPoint int
	floor := now.Add(-366 * 24 * time.Hour)
	for _, r := range reports {
		status[r.Status]++
		kinds[r.Kind]++
		if r.Anonymous {
			anon++
		}
		if r.Confidential {
			conf++
		}
		if len(r.SealedIdentity) > 0 {
			ident++
		}
		if r.Rating > 0 {
			rated++
			if r.Status != domain.StatusCompleted && r.ReopenCount == 0 {
				t.Errorf("%s: rating %d in status %s", r.TrackingID, r.Rating, r.Status)
			}
		}
		if r.ReopenCount > 0 {
			reopened++
		}
		if r.UnitID != nil {
			withUnit++
		}
		if r.CategoryID != nil {
			withCat++
		} else if r.Status != domain.StatusArchived {
			t.Errorf("%s: no category but %s (only spam is filed without one)", r.TrackingID, r.Status)
		}
		if r.Location.Lat != nil {
			withPoint++
			if *r.Location.Lat < 0.05 || *r.Location.Lat > 0.2 || *r.Location.Lon < 117.4 || *r.Location.Lon > 117.6 {
				t.Errorf("%s: point %v,%v outside Bontang", r.TrackingID, *r.Location.Lat, *r.Location.Lon)
			}
		}
		if r.CreatedAt.Before(floor) || r.CreatedAt.After(now) || r.UpdatedAt.After(now) {
			t.Errorf("%s: created %v updated %v outside the year before %v", r.TrackingID, r.CreatedAt, r.UpdatedAt, now)
		}
	}
	t.Logf("status: %v", status)
	t.Logf("kinds: %v; anonymous %d, confidential %d, with identity %d, rated %d, reopened %d, routed %d, with point %d",
		kinds, anon, conf, ident, rated, reopened, withUnit, withPoint)
	for _, s := range domain.Statuses {
		if status[s] == 0 {
			t.Errorf("no report in status %s", s)
		}
	}
	for _, k := range domain.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no report of kind %s", k)
		}
	}
	if kinds[domain.KindComplaint] < Reports/2 {
		t.Errorf("complaints = %d, want most", kinds[domain.KindComplaint])
	}
	if anon == 0 || conf == 0 || ident == 0 || rated == 0 || reopened == 0 || withCat < Reports*9/10 {
		t.Errorf("anonymous %d, confidential %d, identity %d, rated %d, reopened %d, categorised %d", anon, conf, ident, rated, reopened, withCat)
	}

	// Timelines: hash chains whole, replay matches, times ordered and not
	// after now; forwarded, returned, archived-with-reason all occur.
	events := map[domain.EventType]int{}
	reasons := map[string]int{}
	for _, r := range reports {
		evs, err := st.Events(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if i := domain.VerifyChain(r.TrackingID, evs); i >= 0 {
			t.Errorf("%s: chain broken at %d", r.TrackingID, i)
		}
		// Replay knows only confidentiality set by an admin, not the
		// reporter's own choice at filing.
		stt, unit, confidential := domain.Replay(evs)
		if stt != r.Status || (confidential && !r.Confidential) || (unit == nil) != (r.UnitID == nil) || (unit != nil && *unit != *r.UnitID) {
			t.Errorf("%s: replay %s/%v, report %s/%v", r.TrackingID, stt, confidential, r.Status, r.Confidential)
		}
		for i, e := range evs {
			events[e.Type]++
			if e.Type == domain.EventArchived {
				reasons[e.Reason]++
			}
			if e.CreatedAt.After(now) {
				t.Errorf("%s: event %d at %v after now", r.TrackingID, e.Seq, e.CreatedAt)
			}
			if i > 0 && !e.CreatedAt.After(evs[i-1].CreatedAt) {
				t.Errorf("%s: event %d not after event %d", r.TrackingID, e.Seq, evs[i-1].Seq)
			}
			if (e.ActorRole == domain.RoleAdmin || e.ActorRole == domain.RoleOfficer) && e.ActorUserID == nil {
				t.Errorf("%s: staff event without user", r.TrackingID)
			}
		}
	}
	t.Logf("events: %v; archive reasons: %v", events, reasons)
	for _, ty := range []domain.EventType{domain.EventVerified, domain.EventHeld, domain.EventArchived, domain.EventFollowedUp,
		domain.EventForwarded, domain.EventReturned, domain.EventReplied, domain.EventCompleted, domain.EventReopened,
		domain.EventInfoCompleted, domain.EventNoted, domain.EventTitleEdited, domain.EventConfidentialSet, domain.EventRerouted} {
		if events[ty] == 0 {
			t.Errorf("no %s event", ty)
		}
	}
	if len(reasons) < 3 || reasons[""] > 0 {
		t.Errorf("archive reasons = %v", reasons)
	}

	// Staff see what they should: an officer's inbox holds only their units.
	for _, l := range logins {
		if l.Role != domain.RoleOfficer {
			continue
		}
		if officerUnit(l.Unit) != l.Unit {
			t.Errorf("officer unit %s", l.Unit)
		}
	}

	// A second load changes nothing.
	again, err := Load(ctx, svc, now)
	if !errors.Is(err, ErrNotEmpty) || again != nil {
		t.Fatalf("second Load = %v, %v; want ErrNotEmpty", again, err)
	}
	if n := len(allReports(t, st)); n != Reports {
		t.Errorf("reports after second load = %d", n)
	}
}

func TestLoadRefusesNonEmpty(t *testing.T) {
	ctx := context.Background()
	svc, st := newService(t)
	if _, err := svc.AddUnit(ctx, service.Operator, "dpupr", "Dinas PUPR", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ctx, svc, time.Now()); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("err = %v, want ErrNotEmpty", err)
	}
	us, _ := st.ListUnits(ctx)
	users, _ := st.ListUsers(ctx)
	cats, _ := st.ListCategories(ctx)
	if len(us) != 1 || len(users) != 0 || len(cats) != 0 {
		t.Errorf("database changed: %d units, %d users, %d categories", len(us), len(users), len(cats))
	}
}

// The same moment gives the same reports (apart from random IDs).
func TestPlansDeterministic(t *testing.T) {
	svc, _ := newService(t)
	cats, err := categoryCodes()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 7, 4, 2, 0, 0, 0, time.UTC)
	gen := func() []string {
		g := &generator{rng: newRand(), cal: svc.Calendar(), now: now, cats: cats}
		var out []string
		for i := 0; i < 50; i++ {
			p := g.plan(i)
			s := p.sub.Title + "|" + p.sub.Body + "|" + string(p.sub.Kind)
			for _, st := range p.steps {
				s += "|" + string(st.in.Action) + "@" + st.at.String()
			}
			out = append(out, s)
		}
		return out
	}
	a, b := gen(), gen()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("plan %d differs:\n%s\n%s", i, a[i], b[i])
		}
	}
}

// Staff steps fall on working days in office hours; nothing is after now.
func TestScheduleHours(t *testing.T) {
	svc, _ := newService(t)
	cats, _ := categoryCodes()
	now := time.Date(2026, 1, 2, 3, 0, 0, 0, time.UTC) // just after new year's day
	g := &generator{rng: newRand(), cal: svc.Calendar(), now: now, cats: cats}
	loc := svc.Location()
	for i := 0; i < Reports; i++ {
		p := g.plan(i)
		for j, s := range p.steps {
			if s.at.After(now) {
				t.Fatalf("plan %d step %d at %v after now", i, j, s.at)
			}
			if j > 0 && !s.at.After(p.steps[j-1].at) {
				t.Fatalf("plan %d step %d not after step %d", i, j, j-1)
			}
			lt := s.at.In(loc)
			if s.who == byAdmin || s.who == byOfficer {
				if lt.Hour() < 8 || lt.Hour() >= 16 || !svc.Calendar().IsWorkingDay(svc.Calendar().DateOf(s.at)) {
					t.Errorf("plan %d step %d (%s) at %v, outside office hours", i, j, s.in.Action, lt)
				}
			} else if lt.Hour() < 6 {
				t.Errorf("plan %d step %d (citizen) at %v", i, j, lt)
			}
		}
	}
}

func TestContent(t *testing.T) {
	if _, err := categoryCodes(); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, u := range units {
		if u.parent != "" && !known[u.parent] {
			t.Errorf("unit %s listed before its parent %s", u.code, u.parent)
		}
		known[u.code] = true
	}
	for _, s := range staff {
		if !known[s.unit] {
			t.Errorf("staff %s: unknown unit %s", s.email, s.unit)
		}
	}
	for _, k := range kelurahans {
		if !known[k.pkm] {
			t.Errorf("kelurahan %s: unknown puskesmas %s", k.name, k.pkm)
		}
	}
	for _, th := range themes {
		if th.unit != "{pkm}" && !known[th.unit] {
			t.Errorf("theme %s: unknown unit %s", th.key, th.unit)
		}
		if th.wrong != "" && (!known[th.wrong] || th.wrong == th.unit) {
			t.Errorf("theme %s: bad wrong unit %s", th.key, th.wrong)
		}
		if th.escalate != "" && !known[th.escalate] {
			t.Errorf("theme %s: unknown escalation unit %s", th.key, th.escalate)
		}
		if (th.unit == "{pkm}" || hasOfficer(th.unit)) && len(th.followUps) == 0 {
			t.Errorf("theme %s: handled by an officer but has no follow-up texts", th.key)
		}
		if th.wrong != "" && hasOfficer(th.wrong) && len(th.returnMsgs) == 0 {
			t.Errorf("theme %s: no return texts", th.key)
		}
		if len(th.titles) == 0 || len(th.bodies) == 0 || th.weight <= 0 {
			t.Errorf("theme %s: incomplete", th.key)
		}
		for _, s := range append(append([]string{}, th.titles...), th.bodies...) {
			if strings.Count(s, "{") != strings.Count(s, "}") {
				t.Errorf("theme %s: bad placeholder in %q", th.key, s)
			}
		}
	}
}

func TestNewPassword(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		pw, err := NewPassword()
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) < 14 || auth.CheckPassword(pw) != nil || seen[pw] {
			t.Fatalf("bad password %q", pw)
		}
		seen[pw] = true
		for _, c := range strings.ReplaceAll(pw, "-", "") {
			if !strings.ContainsRune(passwordAlphabet, c) {
				t.Fatalf("password %q has %q", pw, c)
			}
		}
	}
}
