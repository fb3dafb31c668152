package service

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// The public caches: a small answer is never kept; a big one is given
// while fresh, given stale while one refresh runs in the background, and
// computed again once too old.
func TestPublicCache(t *testing.T) {
	var c cached[int]
	now := time.Date(2026, 11, 18, 1, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	var runs atomic.Int64
	big := false
	done := make(chan struct{}, 10)
	compute := func(context.Context) (*int, bool, error) {
		n := int(runs.Add(1))
		done <- struct{}{}
		return &n, big, nil
	}
	ctx := context.Background()
	get := func() int {
		v, err := c.get(ctx, clock, time.Minute, compute)
		if err != nil {
			t.Fatal(err)
		}
		return *v
	}
	if get() != 1 || get() != 2 {
		t.Fatal("a small answer was kept")
	}
	<-done
	<-done
	big = true
	if get() != 3 || get() != 3 {
		t.Fatal("a big answer was not kept")
	}
	<-done
	now = now.Add(90 * time.Second) // stale: given, and refreshed once in the background
	if get() != 3 || get() != 3 {
		t.Fatal("a stale answer was not given while refreshing")
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("no refresh")
	}
	deadline := time.Now().Add(10 * time.Second)
	for get() != 4 {
		if time.Now().After(deadline) {
			t.Fatal("the refresh was not kept")
		}
		time.Sleep(time.Millisecond)
	}
	if runs.Load() != 4 {
		t.Fatalf("%d computations, want 4 (one refresh)", runs.Load())
	}
	now = now.Add(time.Hour) // too old to give: computed again while the reader waits
	if get() != 5 {
		t.Fatal("a very old answer was given")
	}
}
