package store

import (
	"context"
	"database/sql"
	"log/slog"
	"regexp"
	"time"
)

// A migration that rebuilds an index over every report takes minutes on a
// large database, during which the server does not answer yet. Such a
// migration says so in a line of its own, "-- slow: what it does", and
// the log shows that line when it starts, a line every slowTick while it
// runs, and its time when it ends, so an operator sees work, not a hang.

var slowMarker = regexp.MustCompile(`(?m)^-- slow: (.+)$`)

// slowTick is how often a slow migration reports that it is still running.
var slowTick = 15 * time.Second

// slowFrom is how many reports make a marked migration worth announcing.
const slowFrom = 10000

// announceSlow logs the start of m if it is marked slow and the database
// holds enough reports for it to take a while, and returns the function
// that logs its end; otherwise it does nothing.
func announceSlow(ctx context.Context, tx *Tx, m migration) (done func()) {
	match := slowMarker.FindStringSubmatch(m.sql)
	if match == nil {
		return func() {}
	}
	var last sql.NullInt64 // the highest id: read from the end of the table, not counted
	if err := tx.queryRow(ctx, `SELECT MAX(id) FROM reports`).Scan(&last); err != nil || last.Int64 < slowFrom {
		return func() {}
	}
	start := time.Now()
	slog.Info("applying a slow migration", "migration", m.name, "what", match[1])
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(slowTick)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				slog.Info("slow migration still running", "migration", m.name, "elapsed", time.Since(start).Round(time.Second).String())
			}
		}
	}()
	return func() {
		close(stop)
		slog.Info("slow migration finished", "migration", m.name, "took", time.Since(start).Round(time.Millisecond).String())
	}
}
