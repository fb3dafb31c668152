package web

// Browser tests of issue 10's walk through the citizen's pages, with
// JavaScript and without.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/lapor-id/lapor/internal/catalog"
	"github.com/lapor-id/lapor/internal/i18n"
)

// noScript turns scripts off in a tab.
func noScript(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
}

// sendReport fills the report form with the least it needs and sends it,
// ending on the receipt.
func sendReport(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	step(t, ctx, "send a report", chromedp.Navigate(base+"/lapor?lang=id"), chromedp.WaitVisible(css("#report-form")),
		chromedp.Click(css("#kind-complaint")),
		chromedp.SendKeys(css("#title"), "Lampu jalan padam"),
		chromedp.SendKeys(css("#body"), "Lampu jalan di depan pasar padam sejak minggu lalu."),
		chromedp.Click(css(`#report-form button[type=submit]`)), chromedp.WaitVisible(css("#tracking-id")))
}

// shown returns, for each selector, whether its first element is
// displayed (its own display is not none).
func shown(t *testing.T, ctx context.Context, sels ...string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, s := range sels {
		js := `(el => !!el && getComputedStyle(el).display !== "none")(document.querySelector(` + jsString(s) + `))`
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			t.Fatalf("look at %s: %v", s, err)
		}
		out[s] = v
	}
	return out
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// The buttons and search boxes the script powers are shown only when it
// runs: without JavaScript they would do nothing.
func TestBrowserScriptOnlyControls(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	form := []string{`input[data-filter="category"]`, `input[data-filter="unit"]`, "[data-locate]"}
	receipt := []string{`[data-copy="tracking-id"]`, `[data-copy="receipt"]`, "[data-print]"}
	for _, js := range []bool{false, true} {
		ctx := tab(t)
		if !js {
			noScript(t, ctx)
		}
		step(t, ctx, "open the form", chromedp.Navigate(e.srv.URL+"/lapor?lang=id"), chromedp.WaitVisible(css("#report-form")))
		for s, v := range shown(t, ctx, form...) {
			if v != js {
				t.Errorf("JavaScript %v: the form shows %s: %v", js, s, v)
			}
		}
		sendReport(t, ctx, e.srv.URL)
		for s, v := range shown(t, ctx, receipt...) {
			if v != js {
				t.Errorf("JavaScript %v: the receipt shows %s: %v", js, s, v)
			}
		}
	}
}

// openAsReporter opens a report's page in a tab with its receipt.
func openAsReporter(t *testing.T, ctx context.Context, base, id, receipt string) {
	t.Helper()
	step(t, ctx, "open the report with its receipt", chromedp.Navigate(base+"/lacak?lang=id"),
		chromedp.SendKeys(css("#tracking_id"), id), chromedp.SendKeys(css("#receipt"), receipt),
		chromedp.Click(css("main form button[type=submit]")), chromedp.WaitVisible(css("h1")))
}

// The stars read from 1 on the left to 5 on the right, and the arrow keys
// move the choice the way they point; the chosen star and those before
// it are lit.
func TestBrowserStarRating(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	id, receipt := followedUp(t, e)
	ctx := tab(t)
	openAsReporter(t, ctx, e.srv.URL, id, receipt)
	step(t, ctx, "see the stars", chromedp.WaitVisible(css(`label[for="rating-5"]`)))
	xs, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[1,2,3,4,5].map(n => document.querySelector('label[for="rating-'+n+'"]').getBoundingClientRect().left)`))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(xs); i++ {
		if xs[i] <= xs[i-1] {
			t.Fatalf("star %d is not right of star %d: %v", i+1, i, xs)
		}
	}
	checked := func() string {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('input[name=rating]:checked') || {value: ""}).value`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	lit := func() int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[1,2,3,4,5].filter(n => getComputedStyle(document.querySelector('label[for="rating-'+n+'"]')).color === "rgb(180, 83, 9)").length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	step(t, ctx, "choose 3 stars", chromedp.ScrollIntoView(css(`label[for="rating-3"]`)), chromedp.Click(css(`label[for="rating-3"]`)),
		chromedp.MouseClickXY(1, 1)) // and move the pointer away from the stars
	if v := checked(); v != "3" {
		t.Fatalf("clicking the third star chose %q", v)
	}
	if n := lit(); n != 3 {
		t.Errorf("three stars chosen, %d lit", n)
	}
	step(t, ctx, "arrow right", chromedp.Focus(css("#rating-3")), chromedp.KeyEvent(kb.ArrowRight))
	if v := checked(); v != "4" {
		t.Errorf("the right arrow from 3 stars chose %q, want 4", v)
	}
	step(t, ctx, "arrow left twice", chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowLeft))
	if v := checked(); v != "2" {
		t.Errorf("the left arrow twice from 4 stars chose %q, want 2", v)
	}
	if n := lit(); n != 2 {
		t.Errorf("two stars chosen, %d lit", n)
	}
}

// The category search matches the starts of words, lists the best
// matches first and never chooses for the citizen.
func TestBrowserCategorySearch(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{categories: catalog.Default()})
	ctx := tab(t)
	step(t, ctx, "open the form", chromedp.Navigate(e.srv.URL+"/lapor?lang=id"), chromedp.WaitVisible(css("#report-form")))
	listed := func() []string {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#category option")).filter(o => o.value).map(o => o.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	value := func() string {
		v, err := chromedp.Run(ctx, chromedp.Value(css("#category")))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	typeIn := func(s string) {
		step(t, ctx, "type "+s, chromedp.Evaluate[chromedp.Void](`(f => { f.value = `+jsString(s)+`; f.dispatchEvent(new Event("input")) })(document.querySelector('input[data-filter="category"]'))`))
	}
	everything := len(listed())
	typeIn("jalan")
	got := listed()
	if len(got) == 0 || len(got) == everything {
		t.Fatalf("'jalan' listed %d of %d categories", len(got), everything)
	}
	for _, o := range got {
		if strings.Contains(strings.ToLower(o), "menjalankan") && !strings.Contains(strings.ToLower(o), "jalan ") {
			t.Errorf("'jalan' lists %q, which only has it inside a word", o)
		}
	}
	if first := strings.ToLower(got[0]); !strings.Contains(first, "jalan") || strings.Contains(first, "lainnya") {
		t.Errorf("'jalan' lists %q first, want a road category", got[0])
	}
	if v := value(); v != "" {
		t.Fatalf("typing 'jalan' chose %q by itself", v)
	}
	typeIn("")
	if v, n := value(), len(listed()); v != "" || n != everything {
		t.Fatalf("after clearing the search: chosen %q, %d of %d listed", v, n, everything)
	}
	// A choice made stays made whatever is typed next.
	typeIn("jalan ber")
	step(t, ctx, "choose", chromedp.Evaluate[chromedp.Void](`(s => { s.selectedIndex = 1; s.dispatchEvent(new Event("change")) })(document.querySelector("#category"))`))
	chosen := value()
	if chosen == "" {
		t.Fatal("nothing chosen")
	}
	for _, s := range []string{"puskesmas", "zzz", ""} {
		typeIn(s)
		if v := value(); v != chosen {
			t.Fatalf("typing %q changed the choice %q to %q", s, chosen, v)
		}
	}
}

// With JavaScript, a counter beside the body says how many characters it
// holds; without, the limits alone are stated.
func TestBrowserLengthCounter(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	for _, lang := range i18n.Langs {
		ctx := tab(t)
		step(t, ctx, "type a short body", chromedp.Navigate(e.srv.URL+"/lapor?lang="+string(lang)), chromedp.WaitVisible(css("#report-form")),
			chromedp.SendKeys(css("#body"), "Lampu mat"))
		if got, want := textOf(t, ctx, `[data-counter="body"]`), i18n.T(lang, "web.form.counter", 9); got != want {
			t.Errorf("%s: the counter says %q, want %q", lang, got, want)
		}
		mustContain(t, ctx, i18n.T(lang, "web.form.limit", "10", i18n.Formatter(lang, nil).Int(10000)))
	}
	ctx := tab(t)
	noScript(t, ctx)
	step(t, ctx, "open the form", chromedp.Navigate(e.srv.URL+"/lapor?lang=id"), chromedp.WaitVisible(css("#report-form")))
	if s := shown(t, ctx, `[data-counter="body"]`); s[`[data-counter="body"]`] {
		t.Error("an empty counter is shown without JavaScript")
	}
	mustContain(t, ctx, i18n.T(i18n.ID, "web.form.limit", "10", "10.000"))
}

// With JavaScript, a file over the limit is not sent: the form stays, says
// why, and sends once the file is taken off.
func TestBrowserTooBigFileNotSent(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	big := filepath.Join(t.TempDir(), "video-besar.mp4")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(30 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ctx := tab(t)
	step(t, ctx, "fill the form with a 30 MB file", chromedp.Navigate(e.srv.URL+"/lapor?lang=id"), chromedp.WaitVisible(css("#report-form")),
		chromedp.Click(css("#kind-complaint")),
		chromedp.SendKeys(css("#title"), "Lampu jalan padam"),
		chromedp.SendKeys(css("#body"), "Lampu jalan di depan pasar padam sejak minggu lalu."),
		chromedp.SetUploadFiles(css("#attachments"), []string{big}),
		chromedp.Evaluate[chromedp.Void](`window.stayed = true`),
		chromedp.Click(css(`#report-form button[type=submit]`)), chromedp.Sleep(700*time.Millisecond))
	stayed, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.stayed === true && !!document.querySelector("#report-form")`))
	if err != nil || !stayed {
		t.Fatalf("the form was sent with a 30 MB file (%v)", err)
	}
	if got := textOf(t, ctx, "#attachments-too-big"); got != i18n.T(i18n.ID, "web.form.too_big") {
		t.Errorf("the form says %q about the file", got)
	}
	step(t, ctx, "take the file off and send", chromedp.Evaluate[chromedp.Void](`(f => { f.value = ""; f.dispatchEvent(new Event("change")) })(document.querySelector("#attachments"))`),
		chromedp.Click(css(`#report-form button[type=submit]`)), chromedp.WaitVisible(css("#tracking-id")))
}
