package web

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/i18n"
)

// TestBrowserBulkOnPhone: an admin on a phone, without JavaScript, ticks
// two reports in the queue and routes them to a unit in one go, in
// Indonesian and in English; the page fits the phone and says what was done.
func TestBrowserBulkOnPhone(t *testing.T) {
	needBrowser(t)
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			T := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
			e := newEnv(t, envOptions{})
			cit := e.browser(t)
			a, _ := cit.fileReport(nil)
			b, _ := cit.fileReport(nil)
			ctx := tab(t)
			if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				t.Fatal(err)
			}
			step(t, ctx, "log in", chromedp.Navigate(e.srv.URL+"/masuk?lang="+string(lang)),
				chromedp.SendKeys(css("#email"), adminEmail), chromedp.SendKeys(css("#password"), testPassword),
				chromedp.Click(css(`form[action="/masuk"] button[type=submit]`)), chromedp.WaitVisible(css(`form[action="/keluar"]`)))
			step(t, ctx, "open the queue", chromedp.Navigate(e.srv.URL+"/staf/antrean?lang="+string(lang)), chromedp.WaitVisible(css("form#bulk")))
			mustContain(t, ctx, T("web.bulk.legend"), T("web.bulk.route"), T("web.bulk.archive"))
			noSideScroll(t, ctx, "queue with the bulk form")
			saveShot(t, ctx, "staff-bulk-queue-"+string(lang), false)
			step(t, ctx, "tick two and route them",
				chromedp.Click(css(`input.pick[value="`+a+`"]`)), chromedp.Click(css(`input.pick[value="`+b+`"]`)),
				chromedp.SetValue(css("#bulk-unit"), "dpupr"),
				chromedp.Click(css(`form#bulk button[value=route]`)), chromedp.WaitVisible(css("#bulk-result")))
			if got, want := textOf(t, ctx, "#bulk-result"), T("web.bulk.done.route", "2"); got != want {
				t.Errorf("result %q, want %q", got, want)
			}
			mustContain(t, ctx, a, b)
			noSideScroll(t, ctx, "bulk result")
			saveShot(t, ctx, "staff-bulk-result-"+string(lang), false)
			step(t, ctx, "back to the queue", chromedp.Click(css(`main a[href="/staf/antrean"]`)), chromedp.WaitVisible(css("main h1")))
			mustContain(t, ctx, T("web.queue.empty"))
		})
	}
}

// TestBrowserBulkPickAll: with JavaScript, one box ticks every report of
// the page; without it that box is not shown (it would do nothing).
func TestBrowserBulkPickAll(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	cit := e.browser(t)
	for range 3 {
		cit.fileReport(nil)
	}
	ctx := tab(t)
	step(t, ctx, "log in", chromedp.Navigate(e.srv.URL+"/masuk?lang=id"),
		chromedp.SendKeys(css("#email"), adminEmail), chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css(`form[action="/masuk"] button[type=submit]`)), chromedp.WaitVisible(css(`form[action="/keluar"]`)))
	step(t, ctx, "open the queue and tick all", chromedp.Navigate(e.srv.URL+"/staf/antrean"),
		chromedp.WaitVisible(css("#bulk-all")), chromedp.Click(css("#bulk-all")))
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("input.pick:checked").length`))
	if err != nil || n != 3 {
		t.Fatalf("ticking all ticked %d of 3 (%v)", n, err)
	}
	step(t, ctx, "untick all", chromedp.Click(css("#bulk-all")))
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("input.pick:checked").length`)); n != 0 {
		t.Fatalf("unticking all left %d ticked", n)
	}

	off := tab(t)
	if _, err := chromedp.Call(off, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	step(t, off, "log in without JavaScript", chromedp.Navigate(e.srv.URL+"/masuk?lang=id"),
		chromedp.SendKeys(css("#email"), adminEmail), chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css(`form[action="/masuk"] button[type=submit]`)), chromedp.WaitVisible(css(`form[action="/keluar"]`)))
	step(t, off, "open the queue", chromedp.Navigate(e.srv.URL+"/staf/antrean"), chromedp.WaitVisible(css("form#bulk")))
	if shown, _ := chromedp.Run(off, chromedp.Evaluate[bool](`document.querySelector("#bulk-all").offsetParent !== null`)); shown {
		t.Errorf("the select-all box is shown without JavaScript")
	}
}
