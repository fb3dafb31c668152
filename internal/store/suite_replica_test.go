package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteReplica: on PostgreSQL a real streaming replica (pg_basebackup of
// the test's server) answers the public reads while it keeps up; every
// other read goes to the primary (read-your-writes); a replica that falls
// behind (replay paused) is left for the primary after the allowed lag and
// taken back once it has caught up; a replica that goes down is left at
// once, without a failed read. SQLite has no replicas and says so.
func suiteReplica(t *testing.T, dsn string, st *store.Store) {
	ctx := context.Background()
	if st.Dialect() == store.SQLite {
		if err := st.UseReplica(ctx, "postgres://x@127.0.0.1/y", time.Second); err == nil || st.ReplicaHealthy() {
			t.Fatal("a replica for SQLite")
		}
		return
	}
	if err := st.UseReplica(ctx, dsn, time.Second); err == nil {
		t.Fatal("the primary itself was taken as a replica")
	}
	rep := pgtest.NewReplica(t)
	const lag = 1500 * time.Millisecond
	if err := st.UseReplica(ctx, rep.URL(dsn), lag); err != nil {
		t.Fatal(err)
	}
	public := store.PublicRead(ctx)
	file := func(i int) string {
		t.Helper()
		r, ev := newReport(i)
		must(t, st.CreateReport(ctx, r, ev, nil))
		return r.TrackingID
	}
	seen := func(c context.Context, id string) bool {
		t.Helper()
		_, err := st.ReportByTrackingID(c, id)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("read %s: %v", id, err)
		}
		return err == nil
	}
	eventually := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("never: %s", what)
			}
		}
	}
	first := file(1)
	eventually("the replica has the first report and is in use", func() bool { return st.ReplicaHealthy() && seen(public, first) })

	// Replay paused: the replica falls behind. Right away a public read
	// comes from it (it does not have the new report), any other read from
	// the primary; past the allowed lag, public reads go to the primary.
	must(t, rep.Exec(`SELECT pg_wal_replay_pause()`))
	time.Sleep(2 * store.ReplicaInterval)
	second := file(2)
	if seen(public, second) {
		t.Fatal("a public read right after the write saw it: it did not come from the paused replica")
	}
	if !seen(ctx, second) {
		t.Fatal("a staff read does not see its own write")
	}
	eventually("a replica behind by more than the lag is left", func() bool { return !st.ReplicaHealthy() && seen(public, second) })
	must(t, rep.Exec(`SELECT pg_wal_replay_resume()`))
	eventually("the replica, caught up, is used again", st.ReplicaHealthy)

	// Down: the next public read goes to the primary, without an error.
	must(t, rep.Stop())
	third := file(3)
	if !seen(public, third) || !seen(public, first) {
		t.Fatal("with the replica down, public reads fail")
	}
	if st.ReplicaHealthy() {
		t.Fatal("a replica that is down is still used")
	}
}
