package store_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteSupports: a supporter counts once, concurrent supports all count,
// the "most supported" order and the public list's filters (public only,
// category, period).
func suiteSupports(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	unit, err := st.CreateUnit(ctx, "dpu", "Dinas PU", "", t0)
	must(t, err)
	cat, err := st.CreateCategory(ctx, "jalan", "Jalan", nil, t0)
	must(t, err)
	a := history("Jalan rusak", t0, &unit.ID, domain.StatusDispositioned)
	a.Report.CategoryID = &cat.ID
	b := history("Lampu mati", t0.Add(day), &unit.ID, domain.StatusDispositioned)
	c := history("Sampah", t0.Add(2*day), &unit.ID, domain.StatusDispositioned)
	secret := history("Rahasia", t0.Add(3*day), &unit.ID, domain.StatusDispositioned)
	secret.Report.Confidential = true
	fresh := history("Belum diverifikasi", t0.Add(4*day), nil)
	rs := importAll(t, st, a, b, c, secret, fresh)

	add := func(r *domain.Report, who string) (int, bool) {
		t.Helper()
		n, added, err := st.AddSupport(ctx, r.ID, who, t0.Add(5*day))
		must(t, err)
		return n, added
	}
	if n, added := add(rs[1], "browser:1"); n != 1 || !added {
		t.Fatalf("first support: %d %v", n, added)
	}
	if n, added := add(rs[1], "browser:1"); n != 1 || added {
		t.Fatalf("the same supporter again: %d %v, want 1 false", n, added)
	}
	if n, _ := add(rs[1], "account:9"); n != 2 {
		t.Fatalf("a second supporter: %d", n)
	}
	if n, _ := add(rs[0], "browser:1"); n != 1 {
		t.Fatalf("the same browser on another report: %d", n)
	}
	// Ten supporters at once, each twice: ten more.
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := st.AddSupport(ctx, rs[2].ID, "browser:c"+string(rune('a'+i%10)), t0.Add(5*day)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	counts, err := st.SupportCounts(ctx, []int64{rs[0].ID, rs[1].ID, rs[2].ID, rs[4].ID})
	must(t, err)
	if counts[rs[0].ID] != 1 || counts[rs[1].ID] != 2 || counts[rs[2].ID] != 10 || len(counts) != 3 {
		t.Fatalf("counts %v", counts)
	}
	if empty, err := st.SupportCounts(ctx, nil); err != nil || len(empty) != 0 {
		t.Fatalf("no ids: %v %v", empty, err)
	}

	list := func(f store.Filter) []string {
		t.Helper()
		got, _, err := st.ListReports(ctx, f)
		must(t, err)
		return trackingIDs(got)
	}
	ids := func(rs ...*domain.Report) []string { return trackingIDs(rs) }
	if got, want := list(store.Filter{Public: true, MostSupported: true, Limit: 10}), ids(rs[2], rs[1], rs[0]); !slices.Equal(got, want) {
		t.Fatalf("public, most supported: %v want %v", got, want)
	}
	if got, want := list(store.Filter{Public: true, MostSupported: true, Limit: 1, Offset: 1}), ids(rs[1]); !slices.Equal(got, want) {
		t.Fatalf("second page of one: %v want %v", got, want)
	}
	if got, want := list(store.Filter{Public: true, Limit: 10}), ids(rs[2], rs[1], rs[0]); !slices.Equal(got, want) {
		t.Fatalf("public, newest first (no confidential, no unverified): %v want %v", got, want)
	}
	if got, want := list(store.Filter{Public: true, CategoryIDs: []int64{cat.ID}, Limit: 10}), ids(rs[0]); !slices.Equal(got, want) {
		t.Fatalf("by category: %v want %v", got, want)
	}
	if got := list(store.Filter{Public: true, CategoryIDs: []int64{}, Limit: 10}); len(got) != 0 {
		t.Fatalf("an empty category list matches nothing: %v", got)
	}
	from, before := t0.Add(day), t0.Add(2*day)
	if got, want := list(store.Filter{Public: true, FiledFrom: &from, FiledBefore: &before, Limit: 10}), ids(rs[1]); !slices.Equal(got, want) {
		t.Fatalf("by period: %v want %v", got, want)
	}
	if got, want := list(store.Filter{Public: true, Query: "rahasia", Limit: 10}), []string(nil); !slices.Equal(got, want) {
		t.Fatalf("a search finds no confidential report: %v", got)
	}
	if got := list(store.Filter{Public: true, Query: secret.Report.TrackingID, Limit: 10}); len(got) != 0 {
		t.Fatalf("nor by its tracking ID: %v", got)
	}
	// A cursor does not page the most supported order.
	f := store.Filter{Public: true, MostSupported: true, Limit: 1}
	if _, _, err := st.ListReports(ctx, store.Filter{Public: true, MostSupported: true, After: f.Cursor(rs[2])}); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("cursor on most supported: %v", err)
	}
}
