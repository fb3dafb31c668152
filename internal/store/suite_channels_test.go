package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

func suiteAPIKeys(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	key, hash := domain.NewAPIKey()
	k := &domain.APIKey{Name: "Gateway SMS Telkomsel", Channel: "sms", Hash: hash, CreatedAt: t0}
	must(t, st.AddAPIKey(ctx, k))
	other := &domain.APIKey{Name: "Open311", Channel: "", Hash: domain.APIKeyHash("lpk_other"), CreatedAt: t0}
	must(t, st.AddAPIKey(ctx, other))
	if k.ID == 0 || other.ID == k.ID {
		t.Fatalf("ids: %d %d", k.ID, other.ID)
	}
	got, err := st.APIKeyByHash(ctx, domain.APIKeyHash(key))
	if err != nil || got.ID != k.ID || got.Name != k.Name || got.Channel != "sms" || !got.CreatedAt.Equal(t0) || got.Revoked() {
		t.Fatalf("by hash: %+v %v", got, err)
	}
	if _, err := st.APIKeyByHash(ctx, domain.APIKeyHash(key+"x")); !isNotFound(err) {
		t.Fatalf("unknown key: %v", err)
	}
	if err := st.AddAPIKey(ctx, &domain.APIKey{Name: "dup", Hash: hash, CreatedAt: t0}); err == nil {
		t.Fatal("two keys with one hash")
	}
	at := t0.Add(time.Hour)
	must(t, st.RevokeAPIKey(ctx, k.ID, at))
	must(t, st.RevokeAPIKey(ctx, k.ID, at.Add(time.Hour))) // the first time stays
	if err := st.RevokeAPIKey(ctx, 999999, at); !isNotFound(err) {
		t.Fatalf("revoke unknown: %v", err)
	}
	keys, err := st.APIKeys(ctx)
	if err != nil || len(keys) != 2 || keys[0].ID != k.ID || keys[1].ID != other.ID {
		t.Fatalf("list: %+v %v", keys, err)
	}
	if keys[0].RevokedAt == nil || !keys[0].RevokedAt.Equal(at) || keys[1].Revoked() {
		t.Fatalf("revocation: %+v", keys)
	}
}

func suiteChannelMessages(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	msgKey := store.ChannelMessageKey(domain.ChannelSMS, "gw-1")
	if _, err := st.ChannelReply(ctx, msgKey); !isNotFound(err) {
		t.Fatalf("reply before: %v", err)
	}
	reply := func(r *domain.Report) ([]byte, error) { return []byte("k1:" + r.TrackingID), nil }
	r, ev := newReport(1)
	r.Channel = domain.ChannelSMS
	sealed, filed, err := st.CreateChannelReport(ctx, msgKey, r, ev, nil, reply)
	if err != nil || !filed || string(sealed) != "k1:"+r.TrackingID {
		t.Fatalf("first: %q %v %v", sealed, filed, err)
	}
	if got, err := st.ReportByTrackingID(ctx, r.TrackingID); err != nil || got.Channel != domain.ChannelSMS {
		t.Fatalf("report: %+v %v", got, err)
	}
	// The same message again files nothing and gets the first answer.
	again, ev2 := newReport(2)
	sealed, filed, err = st.CreateChannelReport(ctx, msgKey, again, ev2, nil, reply)
	if err != nil || filed || string(sealed) != "k1:"+r.TrackingID {
		t.Fatalf("again: %q %v %v", sealed, filed, err)
	}
	if _, err := st.ReportByTrackingID(ctx, again.TrackingID); !isNotFound(err) {
		t.Fatalf("a replay filed a report: %v", err)
	}
	// A failing reply leaves neither the report nor the message.
	boom := errors.New("boom")
	failed, ev3 := newReport(3)
	failKey := store.ChannelMessageKey(domain.ChannelSMS, "gw-2")
	if _, _, err := st.CreateChannelReport(ctx, failKey, failed, ev3, nil, func(*domain.Report) ([]byte, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("failing reply: %v", err)
	}
	if _, err := st.ReportByTrackingID(ctx, failed.TrackingID); !isNotFound(err) {
		t.Fatalf("half-filed report: %v", err)
	}
	if _, err := st.ChannelReply(ctx, failKey); !isNotFound(err) {
		t.Fatalf("half-filed message: %v", err)
	}
	// Deliveries of one message racing each other file one report.
	raceKey := store.ChannelMessageKey(domain.ChannelSMS, "gw-3")
	var wg sync.WaitGroup
	var mu sync.Mutex
	filedCount, replies := 0, map[string]bool{}
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rr, ee := newReport(10 + i)
			s, f, err := st.CreateChannelReport(ctx, raceKey, rr, ee, nil, reply)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Errorf("race: %v", err)
				return
			}
			if f {
				filedCount++
			}
			replies[string(s)] = true
		}()
	}
	wg.Wait()
	if filedCount != 1 || len(replies) != 1 {
		t.Fatalf("racing deliveries filed %d reports, %d answers", filedCount, len(replies))
	}
}
