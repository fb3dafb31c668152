package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// A report from WhatsApp or SMS owes its public steps on that channel too;
// an SMS report's submission was answered by the gateway's reply, and an
// internal note owes nothing.
func suiteOutboxChannels(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	keys := func() map[string]bool {
		ds, err := st.ListDeliveries(ctx, domain.DeliveryPending, 0)
		must(t, err)
		out := map[string]bool{}
		for _, d := range ds {
			out[d.Key] = true
			if d.Channel != domain.DeliveryWebhook && d.Audience != "reporter" {
				t.Fatalf("audience: %+v", d)
			}
		}
		return out
	}
	filed := map[domain.Channel]*domain.Report{}
	for i, ch := range []domain.Channel{domain.ChannelWhatsApp, domain.ChannelSMS, domain.ChannelEmail} {
		r, ev := newReport(30 + i)
		r.Channel, r.SealedIdentity = ch, []byte("sealed")
		must(t, st.CreateReport(ctx, r, ev, nil))
		filed[ch] = r
	}
	wa, sms, em := filed[domain.ChannelWhatsApp].TrackingID, filed[domain.ChannelSMS].TrackingID, filed[domain.ChannelEmail].TrackingID
	got := keys()
	for k, want := range map[string]bool{wa + ".1.reporter.whatsapp": true, wa + ".1.reporter.email": true,
		sms + ".1.reporter.sms": false, sms + ".1.reporter.email": true, em + ".1.reporter.email": true} {
		if got[k] != want {
			t.Errorf("after filing, %s: %v, want %v", k, got[k], want)
		}
	}
	for _, id := range []string{wa, sms} {
		_, _, err := st.Act(ctx, id, func(cur *domain.Report) (*store.Change, error) {
			held := domain.Event{Type: domain.EventHeld, ActorRole: domain.RoleAdmin, FromStatus: cur.Status,
				ToStatus: domain.StatusOnHold, Message: "Lampirkan foto.", CreatedAt: t0.Add(time.Hour)}
			note := held
			note.Type, note.Internal, note.Message = domain.EventNoted, true, "catatan internal"
			return &store.Change{Event: held, Also: []domain.Event{note}, Status: domain.StatusOnHold, Title: cur.Title}, nil
		})
		must(t, err)
	}
	got = keys()
	if !got[wa+".2.reporter.whatsapp"] || !got[sms+".2.reporter.sms"] || got[wa+".3.reporter.whatsapp"] || got[sms+".3.reporter.sms"] {
		t.Fatalf("after a hold with a note: %v", got)
	}
	ds, err := st.ListDeliveries(ctx, domain.DeliveryPending, 0)
	must(t, err)
	for _, d := range ds {
		if d.Key == sms+".2.reporter.sms" && (d.Channel != domain.DeliverySMS || d.EventType != domain.EventHeld || d.EventSeq != 2) {
			t.Fatalf("sms delivery: %+v", d)
		}
	}
}
