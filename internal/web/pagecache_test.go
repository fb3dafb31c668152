package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A public report's page is rendered once a second for visitors nobody
// knows: an officer's answer reaches them within a second, at once for
// the officer and for any page with a query, and a Dukung on this node
// shows at once.
func TestPublicReportPageCachedForASecond(t *testing.T) {
	e := newEnv(t, envOptions{})
	adm, off, pub := e.browser(t), e.browser(t), e.browser(t)
	adm.login(adminEmail)
	off.login(officerEmail)
	id, _ := e.browser(t).fileReport(url.Values{})
	mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
	const answer = "Lubang sudah ditambal tim jalan pagi ini."
	first := pub.get("/laporan/" + id)
	mustStatus(t, first, http.StatusOK)
	mustStatus(t, off.act(id, url.Values{"action": {"follow_up"}, "message": {answer}}), http.StatusSeeOther)
	start := time.Now()
	if again := pub.get("/laporan/" + id); time.Since(start) < time.Second-100*time.Millisecond && again.Body != first.Body {
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
}
