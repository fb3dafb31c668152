package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/i18n"
)

// TestBrowserFormKeepsPhotoOnPhone: without JavaScript, on a phone, in
// both languages, a form sent with a photo and a body too short comes
// back listing the photo; fixing the body and sending again files the
// report with it, without choosing it again.
func TestBrowserFormKeepsPhotoOnPhone(t *testing.T) {
	needBrowser(t)
	pic := filepath.Join(t.TempDir(), "lubang.jpg")
	if err := os.WriteFile(pic, jpegBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			e := newEnv(t, envOptions{})
			ctx := tab(t)
			noScript(t, ctx)
			step(t, ctx, "send a short report with a photo", chromedp.Navigate(e.srv.URL+"/lapor?lang="+string(lang)),
				chromedp.Click(css("#kind-complaint")), chromedp.SendKeys(css("#title"), "Jalan berlubang di Jl. Ahmad Yani"),
				chromedp.SendKeys(css("#body"), "Pendek."), chromedp.SetUploadFiles(css("#attachments"), []string{pic}),
				chromedp.Click(css(`#report-form button[type=submit]`)), chromedp.WaitVisible(css("#held")))
			if got := textOf(t, ctx, "#held"); !strings.Contains(got, "lubang.jpg") || !strings.Contains(got, i18n.T(lang, "web.new.held", "1")) {
				t.Errorf("held list: %q", got)
			}
			noSideScroll(t, ctx, "form with a held photo")
			saveShot(t, ctx, "report-form-held-photo-"+string(lang), false)
			step(t, ctx, "lengthen the body and send", // typed after what is there: no script to clear it
				chromedp.SendKeys(css("#body"), " Lubang besar di depan SDN 003 sudah dua minggu, membahayakan pengendara motor."),
				chromedp.Click(css(`#report-form button[type=submit]`)), chromedp.WaitVisible(css("#tracking-id")))
			id := strings.TrimSpace(textOf(t, ctx, "#tracking-id"))
			rep, err := e.st.ReportByTrackingID(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			if files, err := e.st.Attachments(t.Context(), rep.ID); err != nil || len(files) != 1 {
				t.Errorf("the report has %d files (%v), want the held photo", len(files), err)
			}
		})
	}
}
