package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteMetrics: the counts /metrics reads: open reports per unit (not yet
// routed ones under 0), closed ones left out, and the outbox's depth.
func suiteMetrics(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	if pending, dead, err := st.OutboxCounts(ctx); err != nil || pending != 0 || dead != 0 {
		t.Fatalf("empty outbox: %d %d %v", pending, dead, err)
	}
	for i := range 3 {
		sealedReport(t, st, i)
	}
	closed, ev := newReport(9)
	closed.Status, ev.ToStatus = domain.StatusArchived, domain.StatusArchived
	must(t, st.CreateReport(ctx, closed, ev, nil))
	loads, err := st.OpenByUnit(ctx, t0)
	if err != nil || len(loads) != 1 || loads[0].UnitID != 0 || loads[0].Open != 3 {
		t.Fatalf("open by unit: %+v %v", loads, err)
	}
	pending, dead, err := st.OutboxCounts(ctx)
	if err != nil || pending != 3 || dead != 0 {
		t.Fatalf("outbox: %d pending, %d dead (%v)", pending, dead, err)
	}
	claimed, err := st.ClaimDeliveries(ctx, t0, time.Minute, 1, "w")
	must(t, err)
	if len(claimed) != 1 {
		t.Fatalf("claimed %d", len(claimed))
	}
	_, err = st.FinishDelivery(ctx, claimed[0].ID, "w", string(domain.DeliveryDead), "gagal", t0, t0)
	must(t, err)
	if pending, dead, err := st.OutboxCounts(ctx); err != nil || pending != 2 || dead != 1 {
		t.Fatalf("after one dead: %d pending, %d dead (%v)", pending, dead, err)
	}
}
