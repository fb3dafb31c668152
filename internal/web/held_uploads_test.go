package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/i18n"
)

// TestFailedFormKeepsItsFiles (issue 10, item 8): a form refused for its
// text keeps the chosen photo: the page lists it, the next try sends it
// without choosing it again, and an unticked file is left out; after an
// hour the files are gone and the form says so instead of filing without
// them. Files that are themselves the problem are not kept.
func TestFailedFormKeepsItsFiles(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		ctx := context.Background()
		cit := e.browser(t)
		base := url.Values{"kind": {"complaint"}, "title": {"Jalan berlubang di Jl. Ahmad Yani"}, "body": {"Pendek."},
			"category": {"infrastruktur-jalan"}}
		photo := sentFile{"attachments", "foto.jpg", jpegBytes}
		pdf := sentFile{"attachments", "foto-kedua.jpg", jpegBytes}
		r := cit.postMultipart("/lapor?lang=id", base, photo)
		mustStatus(t, r, http.StatusUnprocessableEntity)
		held := r.Doc.Find("#held")
		token := held.Find(`input[name="held"]`).AttrOr("value", "")
		if token == "" || held.Find(`input[name="held_keep"][checked]`).Length() != 1 || !strings.Contains(held.Text(), "foto.jpg") ||
			!strings.Contains(held.Text(), i18n.T(i18n.ID, "web.new.held", "1")) {
			t.Fatalf("the refused form does not list the held photo: %s", held.Text())
		}
		if strings.Contains(r.Doc.Find("main").Text(), i18n.T(i18n.ID, "web.form.reattach")) {
			t.Errorf("the form asks to choose the files again although it holds them")
		}

		// Second try: still too short, and a second photo added; both are held under a new token.
		r = cit.postMultipart("/lapor", merge(base, url.Values{"held": {token}, "held_keep": {"0"}}), pdf)
		mustStatus(t, r, http.StatusUnprocessableEntity)
		token2 := r.Doc.Find(`#held input[name="held"]`).AttrOr("value", "")
		if token2 == "" || token2 == token || r.Doc.Find(`#held input[name="held_keep"]`).Length() != 2 {
			t.Fatalf("second hold: %q %s", token2, r.Doc.Find("#held").Text())
		}
		// Third try: the text fixed, the second photo unticked: the report has the photo only.
		ok := merge(base, url.Values{"body": {"Lubang besar di depan SDN 003 sudah dua minggu, membahayakan pengendara motor."},
			"held": {token2}, "held_keep": {"0"}})
		r = cit.postMultipart("/lapor", ok)
		mustStatus(t, r, http.StatusSeeOther)
		r = cit.follow(r)
		id := strings.TrimSpace(r.Doc.Find("#tracking-id").Text())
		rep, err := e.st.ReportByTrackingID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		files, err := e.st.Attachments(ctx, rep.ID)
		if err != nil || len(files) != 1 || !strings.HasPrefix(files[0].Name, "foto.") {
			t.Fatalf("attachments of the report: %+v %v", files, err)
		}
		// The token is spent: sent again it holds nothing, and the form says so.
		r = cit.postMultipart("/lapor", ok)
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Doc.Find("#attachments-err").Text(), i18n.T(i18n.ID, "field.attachments.held_gone")) {
			t.Errorf("a spent token: %d %s", r.StatusCode, text(r))
		}

		// Held more than an hour: gone.
		r = cit.postMultipart("/lapor", base, photo)
		token3 := r.Doc.Find(`#held input[name="held"]`).AttrOr("value", "")
		e.clock.Advance(61 * time.Minute)
		r = cit.postMultipart("/lapor", merge(ok, url.Values{"held": {token3}}))
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Doc.Find("#attachments-err").Text(), i18n.T(i18n.ID, "field.attachments.held_gone")) {
			t.Errorf("an hour later: %d %s", r.StatusCode, text(r))
		}

		// A file that is itself refused is not held.
		r = cit.postMultipart("/lapor", base, sentFile{"attachments", "virus.exe", []byte("MZ\x90\x00 not a picture")})
		if r.Doc.Find("#held").Length() != 0 || !strings.Contains(r.Doc.Find("main").Text(), i18n.T(i18n.ID, "web.form.reattach")) {
			t.Errorf("a refused file was held: %s", text(r))
		}
	})
}

// merge returns a copy of a with b's values set over it.
func merge(a, b url.Values) url.Values {
	out := url.Values{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
