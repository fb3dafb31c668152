package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteOpenData: the open data walk pages through public reports only (no
// confidential, none waiting for verification) in id order, and finds each
// report's first event of a type.
func suiteOpenData(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	var public []int64
	for i := range 5 {
		r, ev := newReport(i)
		if i != 4 { // the last waits for verification
			r.Status, ev.ToStatus = domain.StatusDispositioned, domain.StatusDispositioned
		}
		r.Confidential = i == 2
		r.CreatedAt, ev.CreatedAt = t0.Add(time.Duration(i)*time.Hour), t0.Add(time.Duration(i)*time.Hour)
		must(t, st.CreateReport(ctx, r, ev, nil))
		if i != 2 && i != 4 {
			public = append(public, r.ID)
		}
	}
	first, err := st.PublicReportsAfter(ctx, 0, 2)
	must(t, err)
	if len(first) != 2 || first[0].ID != public[0] || first[1].ID != public[1] {
		t.Fatalf("first page: %+v", first)
	}
	rest, err := st.PublicReportsAfter(ctx, first[1].ID, 2)
	must(t, err)
	if len(rest) != 1 || rest[0].ID != public[2] {
		t.Fatalf("second page: %+v", rest)
	}
	if none, err := st.PublicReportsAfter(ctx, rest[0].ID, 2); err != nil || len(none) != 0 {
		t.Fatalf("past the end: %+v %v", none, err)
	}
	at, err := st.FirstEvents(ctx, public, domain.EventSubmitted)
	must(t, err)
	if len(at) != 3 || !at[public[1]].Equal(t0.Add(time.Hour)) {
		t.Fatalf("first submitted events: %v", at)
	}
	if at, err := st.FirstEvents(ctx, public, domain.EventFollowedUp); err != nil || len(at) != 0 {
		t.Fatalf("no follow-ups: %v %v", at, err)
	}
	if at, err := st.FirstEvents(ctx, nil, domain.EventSubmitted); err != nil || len(at) != 0 {
		t.Fatalf("no ids: %v %v", at, err)
	}
}
