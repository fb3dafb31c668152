package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteReportSources: a post's source is recorded with the report it
// filed, once, and a repeat of the post records nothing more.
func suiteReportSources(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	reply := func(*domain.Report) ([]byte, error) { return []byte("sealed reply"), nil }
	src := &store.NewSource{Network: "x", Seal: func(r *domain.Report) []byte { return []byte(fmt.Sprint("sealed source of ", r.ID)) }}
	r, ev := newReport(1)
	r.Channel = domain.ChannelSocial
	key := store.ChannelMessageKey(domain.ChannelSocial, "https://x.com/warga/status/1")
	_, filed, err := st.CreateSourcedReport(ctx, key, r, ev, nil, reply, src)
	must(t, err)
	if !filed {
		t.Fatal("the first post filed nothing")
	}
	network, sealed, err := st.ReportSource(ctx, r.ID)
	if err != nil || network != "x" || string(sealed) != fmt.Sprint("sealed source of ", r.ID) {
		t.Fatalf("source: %q %q %v", network, sealed, err)
	}
	again, ev2 := newReport(2)
	if got, filed, err := st.CreateSourcedReport(ctx, key, again, ev2, nil, reply, src); err != nil || filed || string(got) != "sealed reply" {
		t.Fatalf("the same post again: %q %v %v", got, filed, err)
	}
	if _, err := st.ReportByTrackingID(ctx, again.TrackingID); !isNotFound(err) {
		t.Fatalf("the repeat filed a report: %v", err)
	}
	plain, ev3 := newReport(3)
	must(t, st.CreateReport(ctx, plain, ev3, nil))
	if _, _, err := st.ReportSource(ctx, plain.ID); !isNotFound(err) {
		t.Fatalf("a report filed on the web has a source: %v", err)
	}
}
