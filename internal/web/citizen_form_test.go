package web

// Tests of issue 10's walk through the citizen's pages: the report form,
// the receipt and the tracking look-up.

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A receipt copied with the printed groups, typed with spaces or in
// capitals opens the report.
func TestTrackReceiptSpellings(t *testing.T) {
	e := newEnv(t, envOptions{})
	id, printed := e.browser(t).fileReport(nil)
	bare := strings.ReplaceAll(printed, "-", "")
	spaced := strings.ReplaceAll(printed, "-", " ")
	for _, typed := range []string{printed, spaced, strings.ToUpper(spaced), " " + bare[:13] + "  " + bare[13:] + " ", strings.ToUpper(printed)} {
		b := e.browser(t)
		r := b.post("/lacak", url.Values{"tracking_id": {strings.ToLower(id)}, "receipt": {typed}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("receipt typed as %q: status %d: %s", typed, r.StatusCode, text(r))
		}
		r = b.follow(r)
		if r.Doc.Find("form.forget").Length() == 0 {
			t.Fatalf("receipt typed as %q: the page is not the reporter's: %s", typed, text(r))
		}
	}
}
