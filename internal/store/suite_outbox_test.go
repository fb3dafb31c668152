package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// sealedReport files a report that holds a (fake) sealed contact, so the
// store owes its reporter e-mails.
func sealedReport(t *testing.T, st *store.Store, i int) *domain.Report {
	t.Helper()
	r, ev := newReport(i)
	r.SealedIdentity = []byte("sealed")
	must(t, st.CreateReport(context.Background(), r, ev, nil))
	return r
}

func suiteOutbox(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	plain, ev := newReport(0)
	must(t, st.CreateReport(ctx, plain, ev, nil))
	r := sealedReport(t, st, 1)
	got, err := st.ListDeliveries(ctx, domain.DeliveryPending, 0)
	must(t, err)
	if len(got) != 1 || got[0].TrackingID != r.TrackingID || got[0].EventType != domain.EventSubmitted ||
		got[0].Key != r.TrackingID+".1.reporter.email" || got[0].Attempts != 0 {
		t.Fatalf("after two filings (one with a contact): %+v", got)
	}

	// A public step owes one more; the internal note with it owes nothing.
	t1 := t0.Add(time.Hour)
	_, _, err = st.Act(ctx, r.TrackingID, func(cur *domain.Report) (*store.Change, error) {
		held := domain.Event{Type: domain.EventHeld, ActorRole: domain.RoleAdmin, FromStatus: cur.Status,
			ToStatus: domain.StatusOnHold, Message: "Lampirkan foto.", CreatedAt: t1}
		note := held
		note.Type, note.Internal, note.Message = domain.EventNoted, true, "catatan internal"
		return &store.Change{Event: held, Also: []domain.Event{note}, Status: domain.StatusOnHold, Title: cur.Title}, nil
	})
	must(t, err)
	got, err = st.ListDeliveries(ctx, domain.DeliveryPending, 0)
	must(t, err)
	if len(got) != 2 || got[1].EventType != domain.EventHeld || got[1].EventSeq != 2 {
		t.Fatalf("after hold with a note: %+v", got)
	}

	// A change that fails writes no delivery: the outbox shares its transaction.
	_, _, err = st.Act(ctx, r.TrackingID, func(cur *domain.Report) (*store.Change, error) {
		ev := domain.Event{Type: domain.EventFollowedUp, ActorRole: domain.RoleAdmin, FromStatus: cur.Status,
			ToStatus: domain.StatusFollowedUp, CreatedAt: t1}
		bad := int64(987654) // no such category: the report's UPDATE fails after the outbox insert
		return &store.Change{Event: ev, Status: domain.StatusFollowedUp, Title: cur.Title, Category: &bad}, nil
	})
	if err == nil {
		t.Fatal("a change to an unknown category was stored")
	}
	if got, _ = st.ListDeliveries(ctx, domain.DeliveryPending, 0); len(got) != 2 {
		t.Fatalf("a failed change left a delivery: %+v", got)
	}

	// Claim: both due ones, once; a second worker gets nothing while leased.
	now := t1.Add(time.Minute)
	a, err := st.ClaimDeliveries(ctx, now, time.Minute, 10, "A")
	must(t, err)
	if len(a) != 2 || a[0].Attempts != 1 || a[0].Claim != "A" {
		t.Fatalf("claim A: %+v", a)
	}
	if b, _ := st.ClaimDeliveries(ctx, now.Add(30*time.Second), time.Minute, 10, "B"); len(b) != 0 {
		t.Fatalf("claimed twice within the lease: %+v", b)
	}
	// Worker A dies; after the lease B takes both, and A's late finish is refused.
	b, err := st.ClaimDeliveries(ctx, now.Add(2*time.Minute), time.Minute, 10, "B")
	must(t, err)
	if len(b) != 2 || b[0].Attempts != 2 {
		t.Fatalf("after the lease: %+v", b)
	}
	if ok, err := st.FinishDelivery(ctx, a[0].ID, "A", domain.DeliveryDelivered, "", now, now); err != nil || ok {
		t.Fatalf("an expired claim finished a delivery: %v %v", ok, err)
	}
	later := now.Add(3 * time.Minute)
	if ok, err := st.FinishDelivery(ctx, b[0].ID, "B", domain.DeliveryDelivered, "", later, later); err != nil || !ok {
		t.Fatalf("finish: %v %v", ok, err)
	}
	// Retry later: not due before next, due after.
	retryAt := later.Add(10 * time.Minute)
	if ok, err := st.FinishDelivery(ctx, b[1].ID, "B", domain.DeliveryPending, "421 busy", later, retryAt); err != nil || !ok {
		t.Fatalf("retry: %v %v", ok, err)
	}
	if c, _ := st.ClaimDeliveries(ctx, retryAt.Add(-time.Second), time.Minute, 10, "C"); len(c) != 0 {
		t.Fatalf("claimed before its back-off ended: %+v", c)
	}
	c, err := st.ClaimDeliveries(ctx, retryAt, time.Minute, 10, "C")
	must(t, err)
	if len(c) != 1 || c[0].ID != b[1].ID || c[0].LastError != "421 busy" || c[0].Attempts != 3 {
		t.Fatalf("after the back-off: %+v", c)
	}
	// Dead: listed, then an admin's retry makes it pending with a new day.
	if ok, err := st.FinishDelivery(ctx, c[0].ID, "C", domain.DeliveryDead, "550 no", retryAt, retryAt); err != nil || !ok {
		t.Fatalf("dead: %v %v", ok, err)
	}
	dead, err := st.ListDeliveries(ctx, domain.DeliveryDead, 0)
	must(t, err)
	if len(dead) != 1 || dead[0].DoneAt == nil || dead[0].LastError != "550 no" {
		t.Fatalf("dead list: %+v", dead)
	}
	if done, _ := st.ListDeliveries(ctx, domain.DeliveryDelivered, 0); len(done) != 1 || done[0].ID != b[0].ID {
		t.Fatalf("delivered list: %+v", done)
	}
	if err := st.RetryDelivery(ctx, b[0].ID, retryAt); !isNotFound(err) {
		t.Fatalf("retrying a delivered message: %v", err)
	}
	again := retryAt.Add(time.Hour)
	must(t, st.RetryDelivery(ctx, dead[0].ID, again))
	p, err := st.ClaimDeliveries(ctx, again, time.Minute, 10, "D")
	must(t, err)
	if len(p) != 1 || p[0].Attempts != 1 || !p[0].TriesFrom.Equal(again) || p[0].DoneAt != nil {
		t.Fatalf("after an admin's retry: %+v", p)
	}
}

// suiteOutboxClaimRace: workers claiming at once never share a delivery.
func suiteOutboxClaimRace(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	const n = 30
	for i := range n {
		sealedReport(t, st, i)
	}
	seen := map[int64]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			token := string(rune('A' + w))
			for {
				ds, err := st.ClaimDeliveries(ctx, t0.Add(time.Hour), time.Hour, 3, token)
				if err != nil {
					t.Error(err)
					return
				}
				if len(ds) == 0 {
					return
				}
				mu.Lock()
				for _, d := range ds {
					if other, ok := seen[d.ID]; ok {
						t.Errorf("delivery %d claimed by %s and %s", d.ID, other, token)
					}
					seen[d.ID] = token
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("claimed %d of %d", len(seen), n)
	}
}
