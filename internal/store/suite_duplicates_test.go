package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/triage"
)

func suiteDuplicates(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	pu, err := st.CreateUnit(ctx, "dpupr", "Dinas PU", "", t0)
	must(t, err)
	cat, err := st.CreateCategory(ctx, "jalan", "Jalan", nil, t0)
	must(t, err)

	lat, lon := 0.1333, 117.5
	pub := history("Jalan berlubang", t0, &pu.ID, domain.StatusDispositioned)
	pub.Report.CategoryID, pub.Report.Location.Lat, pub.Report.Location.Lon = &cat.ID, &lat, &lon
	followed := history("Lampu mati", t0.Add(day), &pu.ID, domain.StatusDispositioned, domain.StatusFollowedUp)
	secret := history("Rahasia", t0.Add(2*day), &pu.ID, domain.StatusDispositioned)
	secret.Report.Confidential = true
	closed := history("Selesai", t0.Add(3*day), &pu.ID, domain.StatusDispositioned, domain.StatusFollowedUp, domain.StatusCompleted)
	waiting := history("Jalan berlubang lagi", t0.Add(4*day), nil)
	waiting.Report.SealedIdentity = []byte("sealed contact")
	importAll(t, st, pub, followed, secret, closed, waiting)

	var got []triage.Candidate
	must(t, st.OpenPublicReports(ctx, func(c triage.Candidate) error { got = append(got, c); return nil }))
	if len(got) != 2 || got[0].TrackingID != pub.Report.TrackingID || got[1].TrackingID != followed.Report.TrackingID {
		t.Fatalf("open public reports: %+v", got)
	}
	if g := got[0]; g.ID != pub.Report.ID || g.Title != "Jalan berlubang" || g.Category != cat.ID || g.Lat == nil || *g.Lat != lat ||
		*g.Lon != lon || got[1].Lat != nil || got[1].Category != 0 {
		t.Fatalf("candidate fields: %+v %+v", got[0], got[1])
	}
	boom := errors.New("boom")
	if err := st.OpenPublicReports(ctx, func(triage.Candidate) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("fn's error: %v", err)
	}

	// Radii: set, replaced, back to the default; unknown category not found.
	must(t, st.SetDuplicateRadius(ctx, "jalan", 500, t0))
	must(t, st.SetDuplicateRadius(ctx, "jalan", 300, t0))
	if r, err := st.DuplicateRadii(ctx); err != nil || !reflect.DeepEqual(r, map[int64]int{cat.ID: 300}) {
		t.Fatalf("radii %v %v", r, err)
	}
	must(t, st.SetDuplicateRadius(ctx, "jalan", 0, t0))
	if r, err := st.DuplicateRadii(ctx); err != nil || len(r) != 0 {
		t.Fatalf("radii after reset %v %v", r, err)
	}
	if err := st.SetDuplicateRadius(ctx, "nope", 100, t0); !isNotFound(err) {
		t.Fatalf("unknown category: %v", err)
	}

	// Marking waiting as a duplicate of pub: archived, pub's timeline
	// gets the link, the supports move (one supporter shared), and the
	// duplicate's reporter counts as a supporter.
	for _, who := range []string{"s1", "s2"} {
		_, _, err := st.AddSupport(ctx, waiting.Report.ID, who, t0)
		must(t, err)
	}
	_, _, err = st.AddSupport(ctx, pub.Report.ID, "s1", t0)
	must(t, err)
	at := t0.Add(5 * day)
	mark := func(original string, check func(*domain.Report) error) error {
		_, _, err := st.Act(ctx, waiting.Report.TrackingID, func(cur *domain.Report) (*store.Change, error) {
			ch := keep(cur, domain.Event{Type: domain.EventArchived, ActorRole: domain.RoleAdmin, FromStatus: cur.Status,
				ToStatus: domain.StatusArchived, Reason: "duplicate", Params: domain.Params{"duplicate_of": original}, CreatedAt: at})
			ch.Status = domain.StatusArchived
			ch.Link = &store.Link{TrackingID: original, Check: check, MoveSupports: true, Supporter: "report:dup", Follow: true,
				Event: domain.Event{Type: domain.EventNoted, ActorRole: domain.RoleAdmin, FromStatus: domain.StatusDispositioned,
					ToStatus: domain.StatusDispositioned, Internal: true, Params: domain.Params{"duplicate": cur.TrackingID}, CreatedAt: at}}
			return ch, nil
		})
		return err
	}
	if err := mark(waiting.Report.TrackingID, nil); fieldKey(err, "original") != "field.original.self" {
		t.Fatalf("linked to itself: %v", err)
	}
	if err := mark(pub.Report.TrackingID, func(*domain.Report) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("check: %v", err)
	}
	if err := mark("LAP-NOPE", nil); !isNotFound(err) {
		t.Fatalf("unknown original: %v", err)
	}
	if r, err := st.ReportByTrackingID(ctx, waiting.Report.TrackingID); err != nil || r.Status != domain.StatusSubmitted {
		t.Fatalf("a refused mark changed the duplicate: %v %v", r, err)
	}
	must(t, mark(pub.Report.TrackingID, nil))
	dup, err := st.ReportByTrackingID(ctx, waiting.Report.TrackingID)
	must(t, err)
	orig, err := st.ReportByTrackingID(ctx, pub.Report.TrackingID)
	must(t, err)
	if dup.Status != domain.StatusArchived || orig.Version != 3 {
		t.Fatalf("after the mark: %s, original version %d", dup.Status, orig.Version)
	}
	evs, err := st.Events(ctx, orig.ID)
	must(t, err)
	last := evs[len(evs)-1]
	if last.Type != domain.EventNoted || !last.Internal || last.Params["duplicate"] != waiting.Report.TrackingID || last.Seq != 3 {
		t.Fatalf("original's last event %+v", last)
	}
	counts, err := st.SupportCounts(ctx, []int64{orig.ID})
	must(t, err)
	if counts[orig.ID] != 3 {
		t.Fatalf("original's supports %d, want 3 (s1, s2 and the duplicate's reporter)", counts[orig.ID])
	}

	// The duplicate follows the original: a public step of the original
	// owes its reporter an e-mail (their contact is the duplicate's), a
	// staff-only one does not.
	for _, ev := range []domain.Event{
		{Type: domain.EventFollowedUp, ActorRole: domain.RoleOfficer, FromStatus: domain.StatusDispositioned, ToStatus: domain.StatusFollowedUp,
			Message: "Sudah ditambal.", CreatedAt: at.Add(day)},
		{Type: domain.EventNoted, ActorRole: domain.RoleOfficer, FromStatus: domain.StatusFollowedUp, ToStatus: domain.StatusFollowedUp,
			Internal: true, Message: "Catatan.", CreatedAt: at.Add(2 * day)},
	} {
		_, _, err := st.Act(ctx, pub.Report.TrackingID, func(cur *domain.Report) (*store.Change, error) {
			ch := keep(cur, ev)
			ch.Status = ev.ToStatus
			return ch, nil
		})
		must(t, err)
	}
	ds, err := st.ListDeliveries(ctx, domain.DeliveryPending, 100)
	must(t, err)
	var follows []domain.Delivery
	for _, d := range ds {
		if d.Audience == domain.DeliveryFollower {
			follows = append(follows, d)
		}
	}
	if len(follows) != 1 || follows[0].TrackingID != pub.Report.TrackingID || follows[0].Follower != waiting.Report.TrackingID ||
		follows[0].EventType != domain.EventFollowedUp || follows[0].ReportID != pub.Report.ID {
		t.Fatalf("follower deliveries %+v", follows)
	}
}
