package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteInfoRequests: the units with a PPID of their own (enabled accounts
// only), the inbox filter that leaves information requests out, and the
// information request's fields kept in its events' params.
func suiteInfoRequests(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	a, err := st.CreateUnit(ctx, "dinas-a", "Dinas A", "", t0)
	must(t, err)
	b, err := st.CreateUnit(ctx, "dinas-b", "Dinas B", "", t0)
	must(t, err)
	c, err := st.CreateUnit(ctx, "dinas-c", "Dinas C", "", t0)
	must(t, err)
	if ids, err := st.PPIDUnitIDs(ctx); err != nil || len(ids) != 0 {
		t.Fatalf("no PPID yet: %v %v", ids, err)
	}
	users := []*domain.User{
		{Email: "ppid-a@x.id", Role: domain.RolePPID, UnitID: &a.ID, CreatedAt: t0},
		{Email: "ppid-a2@x.id", Role: domain.RolePPID, UnitID: &a.ID, CreatedAt: t0},
		{Email: "ppid-b@x.id", Role: domain.RolePPID, UnitID: &b.ID, CreatedAt: t0},
		{Email: "officer-c@x.id", Role: domain.RoleOfficer, UnitID: &c.ID, CreatedAt: t0},
	}
	for _, u := range users {
		must(t, st.CreateUser(ctx, u))
	}
	must(t, st.SetUserDisabled(ctx, users[2].ID, true))
	if ids, err := st.PPIDUnitIDs(ctx); err != nil || !slices.Equal(ids, []int64{a.ID}) {
		t.Fatalf("units with an enabled PPID: %v %v, want [%d]", ids, err, a.ID)
	}

	var info *domain.Report
	for i, k := range []domain.Kind{domain.KindComplaint, domain.KindInformationRequest} {
		r, ev := newReport(i)
		r.Kind = k
		if k == domain.KindInformationRequest {
			ev.Params = (&domain.Information{Requested: "RAB 2025", Format: "softcopy"}).Params()
			info = r
		}
		must(t, st.CreateReport(ctx, r, ev, nil))
	}
	list, _, err := st.ListReports(ctx, store.Filter{NotKind: domain.KindInformationRequest, Limit: 10})
	if err != nil || len(list) != 1 || list[0].Kind != domain.KindComplaint {
		t.Fatalf("without information requests: %v %v", list, err)
	}
	if n, err := st.CountReports(ctx, store.Filter{Kind: domain.KindInformationRequest}); err != nil || n != 1 {
		t.Fatalf("information requests: %d %v", n, err)
	}
	evs, err := st.Events(ctx, info.ID)
	if err != nil || len(evs) != 1 {
		t.Fatal(evs, err)
	}
	if got := domain.InformationOf(evs[0].Params); got == nil || got.Requested != "RAB 2025" || got.Format != "softcopy" {
		t.Fatalf("the information read back: %+v", got)
	}
}
