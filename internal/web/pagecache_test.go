package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// A public report's page is rendered once a second for visitors nobody
// knows: a change made elsewhere (another node, the API) reaches them
// within a second; a Dukung or a staff action on this node's pages at
// once; the officer and any page with a query always get a fresh page.
func TestPublicReportPageCachedForASecond(t *testing.T) {
	e := newEnv(t, envOptions{})
	ctx := context.Background()
	adm, off, pub := e.browser(t), e.browser(t), e.browser(t)
	adm.login(adminEmail)
	off.login(officerEmail)
	id, _ := e.browser(t).fileReport(url.Values{})
	mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
	first := pub.get("/laporan/" + id)
	mustStatus(t, first, http.StatusOK)

	// Elsewhere: the service itself, as another node would.
	const answer = "Lubang sudah ditambal tim jalan pagi ini."
	officer, err := e.st.UserByEmail(ctx, officerEmail)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := e.svc.Act(ctx, id, service.Staff(&officer), domain.ActionInput{Action: domain.ActionFollowUp, Message: answer}, nil); err != nil {
		t.Fatal(err)
	}
	if again := pub.get("/laporan/" + id); time.Since(start) < 900*time.Millisecond && again.Body != first.Body {
		t.Error("a second view within the second was rendered again")
	}
	if r := pub.get("/laporan/" + id + "?lang=id"); !strings.Contains(r.Body, answer) {
		t.Error("a page with a query was served from the cache")
	}
	if r := off.get("/laporan/" + id); !strings.Contains(r.Body, answer) {
		t.Error("the officer does not see the answer at once")
	}
	time.Sleep(time.Second + 50*time.Millisecond)
	if r := pub.get("/laporan/" + id); !strings.Contains(r.Body, answer) {
		t.Error("a second later the public page still lacks the answer")
	}

	// A Dukung forgets this node's copy.
	pub.get("/laporan/" + id)
	mustStatus(t, pub.post("/laporan/"+id+"/dukung", url.Values{}), http.StatusSeeOther)
	if c := strings.TrimSpace(pub.get("/laporan/" + id).Doc.Find("#support-count").Text()); !strings.HasPrefix(c, "1 ") {
		t.Errorf("after Dukung the page shows %q", c)
	}
	// A change through this node's staff pages shows at once: made
	// confidential, the report leaves the public at once, no stale copy.
	mustStatus(t, adm.act(id, url.Values{"action": {"set_confidential"}}), http.StatusSeeOther)
	mustStatus(t, pub.get("/laporan/"+id), http.StatusNotFound)
}
