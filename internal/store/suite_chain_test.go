package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteChain: events written without a chain key are plain and can be
// re-keyed once; with a key they are keyed over the submitted content and
// their files, and the audit walk hands back all it needs to check that.
func suiteChain(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	old := history("Lama", t0, nil, domain.StatusOnHold)
	importAll(t, st, old)
	if keyed, err := st.HasKeyedEvents(ctx); err != nil || keyed {
		t.Fatalf("keyed events before any key: %v %v", keyed, err)
	}
	if pending, err := st.HasUnsealedPlainChains(ctx); err != nil || !pending {
		t.Fatalf("a plain timeline not seen as waiting for its re-key: %v %v", pending, err)
	}
	calls := 0
	rekey := func(r store.ChainReport, evs []domain.Event) (store.ChainRekey, bool) {
		calls++
		if r.TrackingID != old.Report.TrackingID || len(evs) != 2 || evs[0].Chain != domain.ChainPlain || r.Content.Body != old.Report.Body {
			t.Errorf("re-key asked about %+v with %d events", r, len(evs))
		}
		return store.ChainRekey{Seq: len(evs), Hash: "seal-" + r.TrackingID}, true
	}
	if n, err := st.RekeyPlainChains(ctx, rekey); err != nil || n != 1 || calls != 1 {
		t.Fatalf("re-key: %d sealed, %d asked, %v", n, calls, err)
	}
	if n, err := st.RekeyPlainChains(ctx, rekey); err != nil || n != 0 || calls != 1 {
		t.Fatalf("second re-key: %d sealed, %d asked, %v", n, calls, err)
	}
	if pending, err := st.HasUnsealedPlainChains(ctx); err != nil || pending {
		t.Fatalf("still waiting after the re-key: %v %v", pending, err)
	}

	key := domain.ChainKey("0123456789abcdef0123456789abcdef")
	st.SetChainKey(key)
	lat, lon := -0.5, 117.25
	r, ev := newReport(1)
	r.IncidentDate, r.Location = "2026-11-02", domain.Location{Address: "Jl. Pahlawan", Kecamatan: "Bontang Utara", Lat: &lat, Lon: &lon}
	data := []byte("bukti")
	sum := sha256.Sum256(data)
	must(t, st.CreateReport(ctx, r, ev, []store.NewAttachment{{Name: "bukti.txt", ContentType: "text/plain", SHA256: hex.EncodeToString(sum[:]), Data: data}}))
	if keyed, err := st.HasKeyedEvents(ctx); err != nil || !keyed {
		t.Fatalf("no keyed event after writing with the key: %v %v", keyed, err)
	}
	walked := 0
	must(t, st.WalkTimelines(ctx, func(c store.ChainReport, evs []domain.Event) error {
		walked++
		switch c.TrackingID {
		case old.Report.TrackingID:
			if c.Rekey == nil || c.Rekey.Seq != 2 || c.Rekey.Hash != "seal-"+c.TrackingID || len(c.Files) != 0 {
				t.Errorf("old report: re-key %+v, files %v", c.Rekey, c.Files)
			}
		case r.TrackingID:
			if c.Rekey != nil || len(evs) != 1 || evs[0].Chain != domain.ChainKeyed || len(c.Files) != 1 ||
				c.Files[0].DataSHA256 != c.Files[0].SHA256 || c.Files[0].EventID != evs[0].ID || c.Files[0].Size != 5 {
				t.Fatalf("new report: re-key %+v, events %+v, files %+v", c.Rekey, evs, c.Files)
			}
			content := c.Content
			content.Title = c.Title
			if *content.Location.Lat != lat || content.IncidentDate != "2026-11-02" || content.Kind != r.Kind {
				t.Errorf("content read back: %+v", content)
			}
			if got := domain.KeyedEventHash(key, c.TrackingID, evs[0], &content, []domain.FileDigest{c.Files[0].FileDigest}); got != evs[0].Hash {
				t.Errorf("the keyed hash does not recompute from what the walk reads")
			}
			if domain.EventHash(c.TrackingID, evs[0]) == evs[0].Hash {
				t.Errorf("a keyed event carries the plain hash")
			}
		}
		return nil
	}))
	if walked != 2 {
		t.Fatalf("walked %d reports", walked)
	}

	// A timeline left plain (the pass leaves a broken one unsealed) keeps
	// the check true until the pass is marked over, by a keyed store only.
	st.SetChainKey(nil)
	importAll(t, st, history("Rusak", t0, nil, domain.StatusOnHold))
	if pending, err := st.HasUnsealedPlainChains(ctx); err != nil || !pending {
		t.Fatalf("a new plain timeline not seen: %v %v", pending, err)
	}
	if err := st.MarkPlainChainsSealed(ctx, t0); err == nil {
		t.Fatalf("a store without a chain key marked the re-key pass over")
	}
	st.SetChainKey(key)
	must(t, st.MarkPlainChainsSealed(ctx, t0))
	if pending, err := st.HasUnsealedPlainChains(ctx); err != nil || pending {
		t.Fatalf("still checking every first event after the mark: %v %v", pending, err)
	}
}
