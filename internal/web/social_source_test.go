package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// Issue 11, social media in: staff see the post a report came from beside
// its reporter; the public never does.
func TestStaffSeeTheSourcePost(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		ctx := t.Context()
		_, key, err := e.svc.AddAPIKey(ctx, service.Operator, "Bridge", "social")
		if err != nil {
			t.Fatal(err)
		}
		const post = "https://www.instagram.com/p/C1234567890/"
		_, id, err := e.svc.ReceiveSocial(ctx, key, service.SocialPost{Text: "@pemkot Sampah menumpuk di pasar Rawa Indah sejak Senin",
			Source: domain.ReportSource{Network: "instagram", PostURL: post, AuthorHandle: "@ibu_rawa"}})
		if err != nil {
			t.Fatal(err)
		}
		admin := e.browser(t)
		admin.login(adminEmail)
		r := admin.get("/staf/laporan/" + id)
		mustStatus(t, r, http.StatusOK)
		src := r.Doc.Find("#report-source")
		if href, _ := src.Find("a").Attr("href"); href != post || !strings.Contains(src.Text(), "@ibu_rawa") {
			t.Fatalf("source on the staff page: %q", src.Text())
		}
		pub := e.browser(t)
		r = pub.get("/lacak/" + id)
		if strings.Contains(string(r.Body), "ibu_rawa") || strings.Contains(string(r.Body), "C1234567890") {
			t.Fatal("the public sees the source post")
		}
	})
}
