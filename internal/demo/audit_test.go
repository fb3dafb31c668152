package demo

import (
	"context"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// The demo lives a whole year of Lapor's own writing (ratings, reopenings,
// title edits, files, scheduler notices): with a chain key every timeline
// it leaves passes the keyed audit, so the audit's replay of title and
// rating agrees with what Lapor writes.
func TestDemoPassesKeyedAudit(t *testing.T) {
	ctx := context.Background()
	svc, st := newService(t)
	key := domain.ChainKey("demo chain key, 32 bytes long!!!")
	st.SetChainKey(key)
	if _, err := Load(ctx, svc, time.Date(2026, 3, 18, 10, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	res, err := service.VerifyChains(ctx, st, key, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() || res.Reports < 50 {
		t.Fatalf("%d reports, %d events; broken: %v", res.Reports, res.Events, res.Broken)
	}
	rated, edited, keyed := 0, 0, 0
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.WalkTimelines(ctx, func(r store.ChainReport, evs []domain.Event) error {
		if r.Rating > 0 {
			rated++
		}
		for _, e := range evs {
			if e.Type == domain.EventTitleEdited {
				edited++
			}
			if e.Chain == domain.ChainKeyed {
				keyed++
			}
		}
		return nil
	}))
	if rated == 0 || keyed != res.Events {
		t.Fatalf("%d rated reports, %d title edits, %d of %d events keyed", rated, edited, keyed, res.Events)
	}
	t.Logf("%d reports, %d events, %d rated, %d title edits", res.Reports, res.Events, rated, edited)
}
