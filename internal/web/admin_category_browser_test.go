package web

import (
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
