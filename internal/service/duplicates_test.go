package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// TestDuplicates: the open public reports like a new one are found by
// text, category and distance; an admin marks a report as a duplicate of
// one: it is archived with reason duplicate and a link, its reporter is
// told on its timeline and backs the original, and the original's
// timeline names it for staff only.
func TestDuplicates(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		svc := env.Svc
		admin, officer := bulkCity(t, env)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		_, err := svc.ImportCategories(ctx, service.Operator, []domain.CategoryNode{
			{Code: "infra", Name: "Infrastruktur", Children: []domain.CategoryNode{{Code: "infra.jalan", Name: "Jalan"},
				{Code: "infra.drainase", Name: "Drainase"}}},
			{Code: "kesehatan", Name: "Kesehatan", Children: []domain.CategoryNode{{Code: "kesehatan.pkm", Name: "Puskesmas"}}},
		})
		must(err)
		lat, lon := 0.1333, 117.5
		file := func(title, cat string, lat, lon *float64) service.Receipt {
			t.Helper()
			rc, err := svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint, Title: title, Category: cat,
				Body: "Lubang besar di depan SDN 003 sudah dua minggu, motor sering jatuh.", Location: domain.Location{Lat: lat, Lon: lon}}, nil)
			must(err)
			return rc
		}
		orig := file("Jalan berlubang di Jl. Ahmad Yani, hubungi 081234567890", "infra.jalan", &lat, &lon)
		_, err = svc.Act(ctx, orig.TrackingID, admin, domain.ActionInput{Action: domain.ActionVerify, Unit: "dinas-a"}, nil)
		must(err)
		if _, err := svc.Support(ctx, orig.TrackingID, service.Public, "browser-token-0123456789"); err != nil {
			t.Fatal(err)
		}
		must(svc.RefreshTriage(ctx, service.Operator))

		near, far := 0.1340, 0.1433 // 78 m and 1.1 km north
		find := func(q service.DuplicateQuery) []string {
			t.Helper()
			d, err := svc.LikelyDuplicates(ctx, service.Public, q)
			must(err)
			var ids []string
			for _, x := range d {
				ids = append(ids, x.TrackingID)
			}
			return ids
		}
		q := service.DuplicateQuery{Title: "Jln Ahmad Yani berlubang", Body: "lubangnya besar bgt depan SD", Category: "infra.drainase",
			Lat: &near, Lon: &lon}
		if got := find(q); len(got) != 1 || got[0] != orig.TrackingID {
			t.Fatalf("near, related category: %v", got)
		}
		if d, _ := svc.LikelyDuplicates(ctx, service.Public, q); strings.Contains(d[0].Title, "081234567890") {
			t.Fatalf("a phone number in a public title: %q", d[0].Title)
		}
		q.Lat = &far
		if got := find(q); len(got) != 0 {
			t.Fatalf("far: %v", got)
		}
		must(svc.SetDuplicateRadius(ctx, admin, "infra.drainase", 2000))
		must(svc.RefreshTriage(ctx, service.Operator))
		if got := find(q); len(got) != 1 {
			t.Fatalf("far within the category's radius: %v", got)
		}
		if r, err := svc.DuplicateRadii(ctx, admin); err != nil || r["infra.drainase"] != 2000 {
			t.Fatalf("radii %v %v", r, err)
		}
		if err := svc.SetDuplicateRadius(ctx, admin, "infra.drainase", 9000); domain.AsError(err).Fields["radius"] != "field.radius.range" {
			t.Fatalf("radius too wide: %v", err)
		}
		q.Lat, q.Category = &near, "kesehatan.pkm"
		if got := find(q); len(got) != 0 {
			t.Fatalf("another area's category: %v", got)
		}

		// The admin sees the likely duplicate on the new report and marks it.
		rcDup, err := svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint, Title: "Jalan Ahmad Yani berlubang besar",
			Body: "Lubang besar di depan SDN 003 sudah dua minggu, motor sering jatuh.", Anonymous: true,
			Reporter: domain.Identity{Email: "warga@example.id", Lang: "en"}}, nil)
		must(err)
		dup := rcDup
		other := file("Laporan lain yang belum diverifikasi", "", nil, nil)
		rv, err := svc.Report(ctx, dup.TrackingID, admin)
		must(err)
		if len(rv.Duplicates) != 1 || rv.Duplicates[0].TrackingID != orig.TrackingID || rv.Duplicates[0].Supports != 1 {
			t.Fatalf("admin's duplicates: %+v", rv.Duplicates)
		}
		mark := func(v service.Viewer, original string) error {
			_, err := svc.Act(ctx, dup.TrackingID, v, domain.ActionInput{Action: domain.ActionMarkDuplicate, Original: original,
				Message: "Laporan yang sama sudah ditangani."}, nil)
			return err
		}
		for _, c := range []struct{ original, key string }{
			{"", "field.required"}, {"bukan-id", "field.original.unknown"}, {"LAP-ZZZZ-ZZZZ", "field.original.unknown"},
			{dup.TrackingID, "field.original.self"}, {other.TrackingID, "field.original.not_open"},
		} {
			if err := mark(admin, c.original); domain.AsError(err).Fields["original"] != c.key {
				t.Errorf("original %q: %v, want %s", c.original, err, c.key)
			}
		}
		if err := mark(officer, orig.TrackingID); err == nil {
			t.Fatal("an officer marked a duplicate")
		}
		if _, err := svc.Act(ctx, dup.TrackingID, admin, domain.ActionInput{Action: domain.ActionNote, Message: "x", Original: orig.TrackingID}, nil); domain.AsError(err).Fields["original"] != "field.original.not_allowed" {
			t.Errorf("original on a note: %v", err)
		}
		must(mark(admin, orig.TrackingID))

		// The duplicate: archived as a duplicate, with the link, on the
		// reporter's timeline too.
		mine, err := svc.Report(ctx, dup.TrackingID, service.ReporterViewer(dup.Receipt))
		must(err)
		last := mine.Timeline[len(mine.Timeline)-1]
		if mine.Report.Status != domain.StatusArchived || last.Reason != "duplicate" || last.Params[domain.ParamDuplicateOf] != orig.TrackingID ||
			last.Message != "Laporan yang sama sudah ditangani." {
			t.Fatalf("the duplicate: %s %+v", mine.Report.Status, last)
		}
		// The original: one more support (the duplicate's reporter), and a
		// staff-only step naming the duplicate.
		staff, err := svc.Report(ctx, orig.TrackingID, admin)
		must(err)
		link := staff.Timeline[len(staff.Timeline)-1]
		if staff.Supports != 2 || link.Type != domain.EventNoted || !link.Internal || link.Params[domain.ParamDuplicate] != dup.TrackingID {
			t.Fatalf("the original: %d supports, last step %+v", staff.Supports, link)
		}
		public, err := svc.Report(ctx, orig.TrackingID, service.Public)
		must(err)
		for _, e := range public.Timeline {
			if e.Params[domain.ParamDuplicate] != "" {
				t.Fatalf("the public sees the duplicate's link: %+v", e)
			}
		}
		if _, err := svc.Support(ctx, orig.TrackingID, service.Public, "browser-token-0123456789"); err != nil {
			t.Fatal(err)
		}
		if rv, _ := svc.Report(ctx, orig.TrackingID, admin); rv.Supports != 2 {
			t.Fatalf("supports %d", rv.Supports)
		}

		// Both timelines stay whole (the link step is chained like any other).
		if res, err := service.VerifyTimelines(ctx, env.Store, 0); err != nil || !res.OK() {
			t.Fatalf("audit: %v %+v", err, res)
		}

		// The duplicate's reporter follows the original: its next public
		// step is e-mailed to them, with the original's public page.
		_, err = svc.Act(ctx, orig.TrackingID, officer, domain.ActionInput{Action: domain.ActionFollowUp, Message: "Sudah ditambal."}, nil)
		must(err)
		_, err = svc.Act(ctx, orig.TrackingID, officer, domain.ActionInput{Action: domain.ActionNote, Message: "Catatan internal."}, nil)
		must(err)
		claimed, err := svc.ClaimDeliveries(ctx, service.Operator, time.Minute, 100, "uji")
		must(err)
		var follower []domain.Delivery
		for _, d := range claimed {
			if d.Audience == domain.DeliveryFollower {
				follower = append(follower, d)
			}
		}
		if len(follower) != 1 || follower[0].TrackingID != orig.TrackingID || follower[0].Follower != dup.TrackingID ||
			follower[0].EventType != domain.EventFollowedUp {
			t.Fatalf("follower deliveries %+v", follower)
		}
		m, err := svc.ReporterMail(ctx, service.Operator, follower[0], "https://lapor.example.id")
		must(err)
		if m == nil || m.To != "warga@example.id" || !strings.Contains(m.Text, "https://lapor.example.id/laporan/"+orig.TrackingID) ||
			!strings.Contains(m.Text, dup.TrackingID) || !strings.Contains(m.Text, "Sudah ditambal.") {
			t.Fatalf("follower's mail %+v", m)
		}
	})
}
