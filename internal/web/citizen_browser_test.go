package web

// Browser tests of issue 10's walk through the citizen's pages, with
// JavaScript and without.

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
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

func jsString(s string) string { return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"` }

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
