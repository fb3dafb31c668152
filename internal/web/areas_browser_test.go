package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/i18n"
)

// On a phone, in both languages, with and without JavaScript, the citizen
// picks the kelurahan from the list grouped by kecamatan and the report
// keeps it.
func TestBrowserAreaSelect(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	areas := addAreas(t, e)
	for _, lang := range i18n.Langs {
		for _, js := range []bool{true, false} {
			ctx := tab(t)
			if !js {
				noScript(t, ctx)
			}
			step(t, ctx, "open the form", chromedp.Navigate(e.srv.URL+"/lapor?lang="+string(lang)), chromedp.WaitVisible(css("#location-area")))
			label := textOf(t, ctx, `label[for="location-area"]`)
			if !strings.Contains(label, i18n.T(lang, "web.field.kelurahan")) {
				t.Errorf("%s: the select is labelled %q", lang, label)
			}
			groups, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("#location-area optgroup")].map(g => g.label).join("|")`))
			if err != nil || groups != "Kecamatan Bontang Barat|Kecamatan Bontang Utara" {
				t.Errorf("%s: groups %q (%v)", lang, groups, err)
			}
			noSideScroll(t, ctx, "report form with areas")
			step(t, ctx, "file under Kanaan", chromedp.Click(css("#kind-complaint")),
				chromedp.SendKeys(css("#title"), "Drainase tersumbat"),
				chromedp.SendKeys(css("#body"), "Saluran di depan rumah warga tersumbat sampah sejak seminggu."),
				chromedp.SetValue(css("#location-area"), areas.id("Kanaan")),
				chromedp.Click(css(`#report-form button[type=submit]`)), chromedp.WaitVisible(css("#tracking-id")))
			id := strings.TrimSpace(textOf(t, ctx, "#tracking-id"))
			r, err := e.st.ReportByTrackingID(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if r.Location.AreaID == nil || *r.Location.AreaID != areas["Kanaan"].ID || r.Location.Kecamatan != "Bontang Barat" {
				t.Errorf("%s, script %v: stored %+v", lang, js, r.Location)
			}
		}
	}
}
