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

// TestTriageSuggestions: before any history the units' keywords and the
// category names give the suggestions; routings teach the model, returns
// ("bukan kewenangan") untrain the unit that returned; only admins see
// suggestions; a stale model is rebuilt in the background.
func TestTriageSuggestions(t *testing.T) {
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
			{Code: "infra", Name: "Infrastruktur", Children: []domain.CategoryNode{{Code: "infra.jalan", Name: "Jalan dan Jembatan"},
				{Code: "infra.lampu", Name: "Lampu Penerangan Jalan"}}},
			{Code: "lh", Name: "Lingkungan Hidup", Children: []domain.CategoryNode{{Code: "lh.sampah", Name: "Sampah dan Kebersihan"}}},
		})
		must(err)
		must(svc.SetUnitKeywords(ctx, admin, "dinas-b", " sampah, TPS ,, kebersihan\nsampah "))
		kw, err := svc.UnitKeywords(ctx, admin)
		must(err)
		if kw["dinas-b"] != "sampah, TPS, kebersihan" || len(kw) != 1 {
			t.Fatalf("keywords %v", kw)
		}
		if err := svc.SetUnitKeywords(ctx, admin, "dinas-b", strings.Repeat("a", 2001)); domain.AsError(err).Fields["keywords"] != "field.too_long" {
			t.Fatalf("long keywords: %v", err)
		}
		if err := svc.SetUnitKeywords(ctx, admin, "tidak-ada", "x"); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Fatalf("unknown unit: %v", err)
		}
		must(svc.SetUnitKeywords(ctx, admin, "dinas-a", "jalan, jembatan, aspal, lampu"))

		file := func(title, body string) string {
			t.Helper()
			rc, err := svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint, Title: title, Body: body}, nil)
			must(err)
			return rc.TrackingID
		}
		act := func(id string, v service.Viewer, in domain.ActionInput) {
			t.Helper()
			_, err := svc.Act(ctx, id, v, in, nil)
			must(err)
		}
		suggestions := func(id string) *service.Suggestions {
			t.Helper()
			rv, err := svc.Report(ctx, id, admin)
			must(err)
			return rv.Suggestions
		}
		first := func(s *service.Suggestions) (string, string) {
			if s == nil || len(s.Units) == 0 || len(s.Categories) == 0 {
				return "", ""
			}
			return s.Units[0].Unit.Code, s.Categories[0].Category.Code
		}

		// From the seeds alone.
		must(svc.RefreshTriage(ctx, service.Operator))
		rubbish := file("Sampah menumpuk di TPS", "Sampahnya tdk diangkut sudah seminggu, baunya menyengat.")
		s := suggestions(rubbish)
		if u, c := first(s); u != "dinas-b" || c != "lh.sampah" {
			t.Fatalf("from the seeds: %+v", s)
		}
		if len(s.Units) != 2 || s.Units[0].Confidence <= s.Units[1].Confidence {
			t.Errorf("units not best first: %+v", s.Units)
		}
		for _, c := range s.Categories {
			if c.Category.Code == "infra" || c.Category.Code == "lh" {
				t.Errorf("a group was suggested: %+v", s.Categories)
			}
		}

		// Street lights: routed to Dinas A, which returns them all (not
		// its authority); Dinas B takes them.
		for i := range 4 {
			id := file("Lampu penerangan mati", "Lampu PJU di gang kami padam sejak minggu lalu, jalannya gelap.")
			act(id, admin, domain.ActionInput{Action: domain.ActionVerify, Unit: "dinas-a"})
			act(id, officer, domain.ActionInput{Action: domain.ActionReturn, Message: "Bukan kewenangan kami."})
			if i < 3 {
				act(id, admin, domain.ActionInput{Action: domain.ActionVerify, Unit: "dinas-b"})
			}
		}
		must(svc.RefreshTriage(ctx, service.Operator))
		light := file("Lampu jalan padam", "PJU mati di depan masjid")
		if u, _ := first(suggestions(light)); u != "dinas-b" {
			t.Fatalf("after the returns: %+v", suggestions(light))
		}
		// Roads: routed to Dinas A and categorised.
		for range 3 {
			id := file("Jalan berlubang parah", "Lubang besar di jalan depan sekolah, motor sering jatuh.")
			act(id, admin, domain.ActionInput{Action: domain.ActionVerify, Unit: "dinas-a"})
			act(id, admin, domain.ActionInput{Action: domain.ActionSetCategory, Category: "infra.jalan"})
		}
		must(svc.RefreshTriage(ctx, service.Operator))
		road := file("Jln rusak dan berlubang", "lubangnya dalam bgt")
		if u, c := first(suggestions(road)); u != "dinas-a" || c != "infra.jalan" {
			t.Fatalf("after the routings: %+v", suggestions(road))
		}

		// Only admins: an officer, the supervisor's view and the public see none.
		act(road, admin, domain.ActionInput{Action: domain.ActionVerify, Unit: "dinas-a"})
		if rv, err := svc.Report(ctx, road, officer); err != nil || rv.Suggestions != nil {
			t.Fatalf("officer: %v %+v", err, rv)
		}
		// Routed, the admin still sees them (for a reroute).
		if suggestions(road) == nil {
			t.Fatal("no suggestions for a reroute")
		}

		// A stale model is rebuilt in the background, the request not waiting.
		before := suggestions(rubbish)
		env.Clock.Advance(6 * time.Minute)
		_ = suggestions(rubbish)
		deadline := time.Now().Add(10 * time.Second)
		for {
			ev, _, err := svc.EvaluateTriage(ctx, admin)
			must(err)
			_ = ev
			if after := suggestions(rubbish); after != nil && len(after.Units) > 0 && after.Units[0].Confidence != before.Units[0].Confidence {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the model was not rebuilt in the background")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
