package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteWebhooks: a webhook gets one delivery per event it asked for, in
// the transaction of the change, and nothing once deleted.
func suiteWebhooks(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	routed := domain.Webhook{URL: "https://a.test/hook", Events: []string{domain.HookRouted}, CreatedAt: t0}
	all := domain.Webhook{URL: "http://b.test/", Events: domain.HookEvents(), CreatedAt: t0}
	for _, w := range []*domain.Webhook{&routed, &all} {
		must(t, st.AddWebhook(ctx, w, func(id int64) []byte { return []byte(fmt.Sprintf("sealed-%d", id)) }))
	}
	got, err := st.Webhooks(ctx)
	must(t, err)
	if len(got) != 2 || got[0].URL != routed.URL || len(got[1].Events) != 5 {
		t.Fatalf("webhooks: %+v", got)
	}
	w, sealed, err := st.Webhook(ctx, all.ID)
	must(t, err)
	if string(sealed) != fmt.Sprintf("sealed-%d", all.ID) || w.DeletedAt != nil {
		t.Fatalf("webhook %d: %+v %q", all.ID, w, sealed)
	}

	r, ev := newReport(1) // no contact: owes the reporter nothing
	must(t, st.CreateReport(ctx, r, ev, nil))
	hooked := func() []domain.Delivery {
		ds, err := st.ListDeliveries(ctx, domain.DeliveryPending, 0)
		must(t, err)
		var out []domain.Delivery
		for _, d := range ds {
			if d.Channel == domain.DeliveryWebhook {
				out = append(out, d)
			}
		}
		return out
	}
	if ds := hooked(); len(ds) != 1 || ds[0].WebhookID == nil || *ds[0].WebhookID != all.ID ||
		ds[0].Key != fmt.Sprintf("%s.1.webhook.%d", r.TrackingID, all.ID) {
		t.Fatalf("after submission: %+v", ds)
	}

	// A verification raises report.routed for both; a note raises nothing.
	t1 := t0.Add(time.Hour)
	_, _, err = st.Act(ctx, r.TrackingID, func(cur *domain.Report) (*store.Change, error) {
		v := domain.Event{Type: domain.EventVerified, ActorRole: domain.RoleAdmin, FromStatus: cur.Status,
			ToStatus: domain.StatusDispositioned, CreatedAt: t1}
		note := v
		note.Type, note.Internal = domain.EventNoted, true
		return &store.Change{Event: v, Also: []domain.Event{note}, Status: domain.StatusDispositioned, Title: cur.Title}, nil
	})
	must(t, err)
	if ds := hooked(); len(ds) != 3 || ds[1].EventType != domain.EventVerified || ds[2].EventType != domain.EventVerified ||
		*ds[1].WebhookID == *ds[2].WebhookID {
		t.Fatalf("after verification: %+v", ds)
	}

	// Deleted: gets nothing new, is not listed, and deleting again is not found.
	must(t, st.DeleteWebhook(ctx, all.ID, t1))
	if err := st.DeleteWebhook(ctx, all.ID, t1); !isNotFound(err) {
		t.Fatalf("deleting twice: %v", err)
	}
	if _, _, err := st.Webhook(ctx, 987654); !isNotFound(err) {
		t.Fatalf("unknown webhook: %v", err)
	}
	r2, ev2 := newReport(2)
	must(t, st.CreateReport(ctx, r2, ev2, nil))
	if ds := hooked(); len(ds) != 3 {
		t.Fatalf("a deleted webhook was owed a submission: %+v", ds)
	}
	if got, _ := st.Webhooks(ctx); len(got) != 1 || got[0].ID != routed.ID {
		t.Fatalf("after delete: %+v", got)
	}
}
