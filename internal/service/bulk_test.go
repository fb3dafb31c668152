package service_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// bulkCity is two units, an admin and an officer, on env.
func bulkCity(t *testing.T, env *apptest.Env) (admin, officer service.Viewer) {
	t.Helper()
	ctx := context.Background()
	for _, u := range [][2]string{{"dinas-a", "Dinas A"}, {"dinas-b", "Dinas B"}} {
		if _, err := env.Svc.AddUnit(ctx, service.Operator, u[0], u[1], ""); err != nil {
			t.Fatal(err)
		}
	}
	add := func(email string, role domain.Role, unit string) service.Viewer {
		u, err := env.Svc.AddUser(ctx, service.Operator, service.NewUser{Email: email, Role: role, Unit: unit, Password: apptest.Password})
		if err != nil {
			t.Fatal(err)
		}
		return service.Staff(&u)
	}
	return add("admin@kota.go.id", domain.RoleAdmin, ""), add("a@kota.go.id", domain.RoleOfficer, "dinas-a")
}

func bulkSubmit(t *testing.T, svc *service.Service, n int) string {
	t.Helper()
	rc, err := svc.Submit(context.Background(), service.Public, domain.Submission{Kind: domain.KindComplaint,
		Title: fmt.Sprintf("Lampu jalan mati nomor %d", n), Body: "Lampu jalan mati sejak minggu lalu di gang kami."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rc.TrackingID
}

// bulkState is a report's state, unit code and number of events.
func bulkState(t *testing.T, svc *service.Service, id string) (domain.Status, string, int) {
	t.Helper()
	rv, err := svc.Report(context.Background(), id, service.Operator)
	if err != nil {
		t.Fatal(err)
	}
	unit := ""
	if rv.Unit != nil {
		unit = rv.Unit.Code
	}
	return rv.Report.Status, unit, len(rv.Timeline)
}

func TestBulkActMixed(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		svc := env.Svc
		admin, _ := bulkCity(t, env)
		fresh1, fresh2 := bulkSubmit(t, svc, 1), bulkSubmit(t, svc, 2)
		routedA, routedB, archived := bulkSubmit(t, svc, 3), bulkSubmit(t, svc, 4), bulkSubmit(t, svc, 5)
		for id, in := range map[string]domain.ActionInput{
			routedA:  {Action: domain.ActionVerify, Unit: "dinas-a"},
			routedB:  {Action: domain.ActionVerify, Unit: "dinas-b"},
			archived: {Action: domain.ActionArchive, Reason: "duplicate"},
		} {
			if _, err := svc.Act(ctx, id, admin, in, nil); err != nil {
				t.Fatal(err)
			}
		}
		_, _, beforeB := bulkState(t, svc, routedB)
		_, _, beforeArchived := bulkState(t, svc, archived)

		// Route five to dinas-b: the two new ones are verified, the one at
		// dinas-a is rerouted, the one at dinas-b already and the archived
		// one are left as they were, and an unknown ID is not found.
		ids := []string{fresh1, " " + fresh2, routedA, routedB, archived, fresh1, "ZZZZ-ZZZZ"}
		res, err := svc.BulkAct(ctx, admin, ids, domain.ActionInput{Action: service.ActionRoute, Unit: "dinas-b", Note: "Mohon segera."})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{fresh1, fresh2, routedA}; !slices.Equal(res.Done, want) {
			t.Errorf("done = %v, want %v", res.Done, want)
		}
		failed := map[string]domain.Code{}
		for _, f := range res.Failed {
			failed[f.TrackingID] = domain.ErrorCode(f.Err)
		}
		want := map[string]domain.Code{routedB: domain.CodeInvalid, archived: domain.CodeConflict, "ZZZZ-ZZZZ": domain.CodeNotFound}
		if fmt.Sprint(failed) != fmt.Sprint(want) {
			t.Errorf("failed = %v, want %v", failed, want)
		}
		for _, id := range res.Done {
			st, unit, _ := bulkState(t, svc, id)
			if st != domain.StatusDispositioned || unit != "dinas-b" {
				t.Errorf("%s: %s at %q, want dispositioned at dinas-b", id, st, unit)
			}
		}
		// One event per report (and the unit's note beside it), nothing
		// on the ones skipped.
		if _, _, n := bulkState(t, svc, fresh1); n != 3 {
			t.Errorf("%s has %d events, want submitted, verified and the note", fresh1, n)
		}
		if _, _, n := bulkState(t, svc, routedB); n != beforeB {
			t.Errorf("the skipped %s went from %d to %d events", routedB, beforeB, n)
		}
		if _, _, n := bulkState(t, svc, archived); n != beforeArchived {
			t.Errorf("the skipped %s went from %d to %d events", archived, beforeArchived, n)
		}

		// Archive as spam: only a report still waiting for verification may be.
		spam := bulkSubmit(t, svc, 6)
		res, err = svc.BulkAct(ctx, admin, []string{spam, fresh1}, domain.ActionInput{Action: domain.ActionArchive, Reason: "spam"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Done, []string{spam}) || len(res.Failed) != 1 || domain.ErrorCode(res.Failed[0].Err) != domain.CodeConflict {
			t.Errorf("archive: done %v, failed %v", res.Done, res.Failed)
		}
		if st, _, _ := bulkState(t, svc, spam); st != domain.StatusArchived {
			t.Errorf("%s is %s, want archived", spam, st)
		}

		audit, err := service.VerifyTimelines(ctx, env.Store, 0)
		if err != nil || !audit.OK() {
			t.Errorf("timelines after bulk actions: %v %v", audit.Broken, err)
		}
	})
}

func TestBulkActRefused(t *testing.T) {
	env := apptest.New(t, t.TempDir()+"/lapor.db", apptest.Options{})
	ctx := context.Background()
	svc := env.Svc
	admin, officer := bulkCity(t, env)
	id := bulkSubmit(t, svc, 1)
	_, _, before := bulkState(t, svc, id)
	check := func(name string, v service.Viewer, ids []string, in domain.ActionInput, code domain.Code) {
		t.Helper()
		res, err := svc.BulkAct(ctx, v, ids, in)
		if domain.ErrorCode(err) != code || res != nil {
			t.Errorf("%s: %v, %v; want %s", name, res, err, code)
		}
	}
	route := domain.ActionInput{Action: service.ActionRoute, Unit: "dinas-a"}
	check("officer", officer, []string{id}, route, domain.CodeForbidden)
	check("public", service.Public, []string{id}, route, domain.CodeUnauthorized)
	check("no reports", admin, []string{"", ""}, route, domain.CodeInvalid)
	check("bad ID", admin, []string{id, "not an id!"}, route, domain.CodeInvalid)
	check("unknown unit", admin, []string{id}, domain.ActionInput{Action: service.ActionRoute, Unit: "dinas-x"}, domain.CodeInvalid)
	check("no unit", admin, []string{id}, domain.ActionInput{Action: service.ActionRoute}, domain.CodeInvalid)
	check("no reason", admin, []string{id}, domain.ActionInput{Action: domain.ActionArchive}, domain.CodeInvalid)
	check("other action", admin, []string{id}, domain.ActionInput{Action: domain.ActionHold, Message: "Lengkapi."}, domain.CodeInvalid)
	many := []string{id}
	const alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ" // of tracking IDs
	for i := 0; len(many) <= service.MaxBulk; i++ {
		many = append(many, "AAAA-AA"+alphabet[i/30:i/30+1]+alphabet[i%30:i%30+1]) // distinct, well formed
	}
	check("too many", admin, many, route, domain.CodeInvalid)
	if st, _, n := bulkState(t, svc, id); st != domain.StatusSubmitted || n != before {
		t.Errorf("a refused bulk action changed the report: %s, %d events (was %d)", st, n, before)
	}
}
