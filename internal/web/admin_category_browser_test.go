package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/i18n"
)

// TestBrowserCategoryPageOnPhone: an admin on a phone opens a category,
// merges it into another and sees it marked, in both languages; the page
// fits the phone.
func TestBrowserCategoryPageOnPhone(t *testing.T) {
	needBrowser(t)
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			T := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
			e := newEnv(t, envOptions{})
			ctx := tab(t)
			step(t, ctx, "log in", chromedp.Navigate(e.srv.URL+"/masuk?lang="+string(lang)),
				chromedp.SendKeys(css("#email"), adminEmail), chromedp.SendKeys(css("#password"), testPassword),
				chromedp.Click(css(`form[action="/masuk"] button[type=submit]`)), chromedp.WaitVisible(css(`form[action="/keluar"]`)))
			step(t, ctx, "open the category", chromedp.Navigate(e.srv.URL+"/staf/admin/kategori/kesehatan-puskesmas"),
				chromedp.WaitVisible(css("#merge_into")))
			mustContain(t, ctx, T("web.categories.rename"), T("web.categories.hide"), T("web.categories.merge_text"))
			noSideScroll(t, ctx, "category page")
			step(t, ctx, "merge it", chromedp.SetValue(css("#merge_into"), "lainnya"),
				chromedp.Click(css(`button[value=merge]`)), chromedp.WaitVisible(css("#cat-state")))
			if got, want := textOf(t, ctx, "#cat-state"), T("web.categories.merged_into", "Lainnya"); got != want {
				t.Errorf("state %q, want %q", got, want)
			}
			noSideScroll(t, ctx, "merged category")
			saveShot(t, ctx, "staff-category-merged-"+string(lang), false)
		})
	}
}

// TestBrowserCommonCategoriesAndKecamatanOnPhone: on a phone, in both
// languages, the report form offers the often chosen categories first,
// and the leaders' evaluation narrows to one kecamatan from its select.
func TestBrowserCommonCategoriesAndKecamatanOnPhone(t *testing.T) {
	needBrowser(t)
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			T := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
			e := newEnv(t, envOptions{})
			areas := addAreas(t, e)
			adm := e.browser(t)
			adm.login(adminEmail)
			for _, kel := range []string{"Kanaan", "Api-Api"} {
				id, _ := e.browser(t).fileReport(url.Values{"location.area": {areas.id(kel)}, "location.kelurahan": {""}, "location.kecamatan": {""}})
				mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
			}
			ctx := tab(t)
			step(t, ctx, "open the form", chromedp.Navigate(e.srv.URL+"/lapor?lang="+string(lang)), chromedp.WaitVisible(css("#category")))
			first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#category optgroup").label`))
			if err != nil || first != T("web.form.category_common") {
				t.Errorf("the first group is %q (%v)", first, err)
			}
			if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#category optgroup").textContent`)); !strings.Contains(got, "Jalan Rusak") {
				t.Errorf("the often chosen group holds %q", got)
			}
			step(t, ctx, "log in", chromedp.Navigate(e.srv.URL+"/masuk?lang="+string(lang)),
				chromedp.SendKeys(css("#email"), adminEmail), chromedp.SendKeys(css("#password"), testPassword),
				chromedp.Click(css(`form[action="/masuk"] button[type=submit]`)), chromedp.WaitVisible(css(`form[action="/keluar"]`)))
			step(t, ctx, "evaluation by kecamatan", chromedp.Navigate(e.srv.URL+"/staf/evaluasi"), chromedp.WaitVisible(css("#kecamatan")),
				chromedp.SetValue(css("#kecamatan"), areas.id("Bontang Utara")),
				chromedp.Click(css(`form.evalfilters button[type=submit]`)),
				// the server marks the chosen option: wait for the filtered page, not the old one
				chromedp.WaitReady(css(`#kecamatan option[selected][value="`+areas.id("Bontang Utara")+`"]`)), chromedp.WaitVisible(css(".evaltiles")))
			if got := strings.TrimSpace(textOf(t, ctx, ".evaltiles li b")); got != "1" {
				t.Errorf("Bontang Utara received %q, want 1", got)
			}
			noSideScroll(t, ctx, "evaluation by kecamatan")
		})
	}
}
