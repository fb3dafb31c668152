package store_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

func suiteConversations(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	since := t0.Add(-24 * time.Hour)
	key := func(id string) string { return store.ChannelMessageKey(domain.ChannelWhatsApp, id) }
	if seen, err := st.ChannelSeen(ctx, key("m1")); err != nil || seen {
		t.Fatalf("seen before: %v %v", seen, err)
	}
	if _, err := st.Conversation(ctx, "conv", since); !isNotFound(err) {
		t.Fatalf("conversation before: %v", err)
	}
	add := func(text string) func([]byte) ([]byte, error) {
		return func(prev []byte) ([]byte, error) { return append(append([]byte{}, prev...), text...), nil }
	}
	seen, err := st.ConversationStep(ctx, key("m1"), "conv", t0, since, add("a"))
	if err != nil || seen {
		t.Fatalf("first step: %v %v", seen, err)
	}
	// A replay does nothing and says so.
	if seen, err := st.ConversationStep(ctx, key("m1"), "conv", t0, since, add("a")); err != nil || !seen {
		t.Fatalf("replay: %v %v", seen, err)
	}
	if seen, _ := st.ChannelSeen(ctx, key("m1")); !seen {
		t.Fatal("m1 not seen")
	}
	must2 := func(seen bool, err error) {
		t.Helper()
		if err != nil || seen {
			t.Fatalf("step: %v %v", seen, err)
		}
	}
	must2(st.ConversationStep(ctx, key("m2"), "conv", t0.Add(time.Minute), since, add("b")))
	// The same state leaves the conversation as it is.
	must2(st.ConversationStep(ctx, key("m3"), "conv", t0.Add(2*time.Minute), since, func(prev []byte) ([]byte, error) { return prev, nil }))
	c, err := st.Conversation(ctx, "conv", since)
	if err != nil || string(c.Sealed) != "ab" || c.Version != 2 || !c.UpdatedAt.Equal(t0.Add(time.Minute)) {
		t.Fatalf("conversation: %+v %v", c, err)
	}
	// A stale conversation reads as none.
	if _, err := st.Conversation(ctx, "conv", t0.Add(time.Hour)); !isNotFound(err) {
		t.Fatalf("stale: %v", err)
	}

	// Filing: once, even when raced, and the conversation ends.
	reply := func(r *domain.Report) ([]byte, error) { return []byte("filed " + r.TrackingID), nil }
	var wg sync.WaitGroup
	var mu sync.Mutex
	filed := 0
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, ev := newReport(10 + i)
			r.Channel = domain.ChannelWhatsApp
			ok, err := st.FileConversation(ctx, key("kirim"), c, r, ev, nil, reply, t0.Add(3*time.Minute))
			if err != nil {
				t.Errorf("file: %v", err)
			}
			if ok {
				mu.Lock()
				filed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if filed != 1 {
		t.Fatalf("filed %d times", filed)
	}
	if _, err := st.Conversation(ctx, "conv", since); !isNotFound(err) {
		t.Fatalf("conversation after filing: %v", err)
	}
	var reportID int64
	if err := st.DB().QueryRow(`SELECT id FROM reports WHERE channel = 'whatsapp'`).Scan(&reportID); err != nil {
		t.Fatal(err)
	}
	msgKey, sealed, err := st.ChannelReplyOfReport(ctx, reportID)
	if err != nil || msgKey != key("kirim") || len(sealed) == 0 {
		t.Fatalf("reply of report: %q %q %v", msgKey, sealed, err)
	}
	if _, _, err := st.ChannelReplyOfReport(ctx, 999999); !isNotFound(err) {
		t.Fatalf("reply of unknown report: %v", err)
	}
	// Filing from a conversation that moved on is a conflict and files nothing.
	must2(st.ConversationStep(ctx, key("m4"), "conv2", t0, since, add("x")))
	old, err := st.Conversation(ctx, "conv2", since)
	if err != nil {
		t.Fatal(err)
	}
	must2(st.ConversationStep(ctx, key("m5"), "conv2", t0, since, add("y")))
	r, ev := newReport(20)
	if ok, err := st.FileConversation(ctx, key("kirim2"), old, r, ev, nil, reply, t0); ok || domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("moved conversation: %v %v", ok, err)
	}
	if _, err := st.ReportByTrackingID(ctx, r.TrackingID); !isNotFound(err) {
		t.Fatalf("a conflict filed a report: %v", err)
	}
	if seen, _ := st.ChannelSeen(ctx, key("kirim2")); seen {
		t.Fatal("a conflict recorded its message")
	}
	// An ending step drops the conversation; old ones and old ids go.
	must2(st.ConversationStep(ctx, key("m6"), "conv2", t0, since, func([]byte) ([]byte, error) { return nil, nil }))
	if _, err := st.Conversation(ctx, "conv2", since); !isNotFound(err) {
		t.Fatalf("ended: %v", err)
	}
	// Messages of one sender taken in at once all count: none is lost.
	var wg2 sync.WaitGroup
	for i := range 6 {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			if _, err := st.ConversationStep(ctx, key("c"+strconv.Itoa(i)), "conv4", t0, since, add("x")); err != nil {
				t.Errorf("concurrent step: %v", err)
			}
		}()
	}
	wg2.Wait()
	if c, err := st.Conversation(ctx, "conv4", since); err != nil || string(c.Sealed) != "xxxxxx" {
		t.Fatalf("concurrent steps: %+v %v", c, err)
	}
	must2(st.ConversationStep(ctx, key("c9"), "conv4", t0, since, func([]byte) ([]byte, error) { return nil, nil }))
	// A step that leaves no state leaves no row either.
	must2(st.ConversationStep(ctx, key("m8"), "conv5", t0, since, func(prev []byte) ([]byte, error) { return prev, nil }))
	if n := rows(t, st, "channel_conversations"); n != 0 {
		t.Fatalf("%d conversation rows left", n)
	}
	must2(st.ConversationStep(ctx, key("m7"), "conv3", t0, since, add("z")))
	n, err := st.DropConversations(ctx, t0.Add(time.Second), t0.Add(time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("drop: %d %v", n, err)
	}
	if seen, _ := st.ChannelSeen(ctx, key("m1")); seen {
		t.Fatal("an old message id was kept")
	}
}

func rows(t *testing.T, st *store.Store, table string) int {
	t.Helper()
	var n int
	must(t, st.DB().QueryRow("SELECT COUNT(*) FROM "+table).Scan(&n))
	return n
}
