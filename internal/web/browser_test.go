package web

// Browser tests: Debian's chromium, headless, on a phone-sized viewport,
// drives the pages as a citizen, an admin and an officer would. They skip
// when chromium is missing, unless testenv.Required() (CI), where they fail.

import (
	"bytes"
	"context"
	"fmt"
	"github.com/lapor-id/lapor/internal/service"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/catalog"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/testenv"
)

// The phone the tests hold: 390 x 844 CSS pixels (a common recent phone).
const phoneW, phoneH = 390, 844

// formBudget is the most the report form may transfer on a first visit.
const formBudget = 100 * 1024

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc = func() {}
	allocCancel   context.CancelFunc = func() {}
	browserErr    error
	browserDir    string
	shotDir       string
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Shutdown()
	browserCancel()
	allocCancel()
	if browserDir != "" {
		os.RemoveAll(browserDir)
	}
	os.Exit(code)
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// needBrowser returns the shared browser, starting it on first use.
func needBrowser(t *testing.T) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		if testenv.Required() {
			t.Fatal("chromium not found, and CI is set: browser tests are required (apt-get install chromium)")
		}
		t.Skip("chromium not found: install Debian's chromium package to run browser tests; required when CI is set")
	}
	browserOnce.Do(func() {
		browserDir, browserErr = os.MkdirTemp("", "lapor-chromium-")
		if browserErr != nil {
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
			chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("no-first-run", true),
			chromedp.Flag("no-default-browser-check", true), chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true), chromedp.Flag("disable-extensions", true),
			chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
			chromedp.Flag("hide-scrollbars", true), chromedp.Flag("mute-audio", true),
			chromedp.UserDataDir(browserDir), chromedp.WindowSize(phoneW, phoneH),
		}
		var allocCtx context.Context
		allocCtx, allocCancel = chromedp.NewExecAllocator(context.Background(), opts...)
		browserCtx, browserCancel = chromedp.NewContext(allocCtx)
		browserErr = chromedp.Do(browserCtx) // starts the browser
	})
	if browserErr != nil {
		t.Fatalf("start chromium (%s): %v", path, browserErr)
	}
	return browserCtx
}

// tab opens a tab in a fresh browser context (its own cookies, like
// another person's phone) with a phone viewport.
func tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(needBrowser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	return ctx
}

// step runs actions with a time limit, failing the test with a screenshot
// of the page when one fails.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		path := saveShot(t, ctx, "failed-"+strings.ReplaceAll(what, " ", "-"), false)
		body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 800) : ""`))
		t.Fatalf("%s: %v\npage text: %s\nscreenshot: %s", what, err, body, path)
	}
}

// textOf returns the text of the first element matching a CSS selector.
func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(sctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func pageText(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatalf("read page: %v", err)
	}
	return s
}

func mustContain(t *testing.T, ctx context.Context, want ...string) {
	t.Helper()
	body := pageText(t, ctx)
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Fatalf("page does not say %q:\n%s", w, body)
		}
	}
}

// saveShot saves a full-page PNG in the run's screenshot folder and, for
// docs shots, also in $LAPOR_SCREENSHOTS when that is set.
func saveShot(t *testing.T, ctx context.Context, name string, docs bool) string {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	// Load lazy images too, so the picture shows the whole page.
	chromedp.Do(sctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("img[loading=lazy]").forEach(i => i.loading = "eager")`),
		chromedp.Sleep(250))
	png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	if shotDir == "" {
		shotDir, _ = os.MkdirTemp("", "lapor-screenshots-")
		t.Logf("screenshots in %s", shotDir)
	}
	path := filepath.Join(shotDir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Logf("save screenshot: %v", err)
	}
	if dir := os.Getenv("LAPOR_SCREENSHOTS"); dir != "" && docs {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(moduleRoot(), dir)
		}
		if err := os.MkdirAll(dir, 0o755); err == nil {
			os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
		}
	}
	return path
}

// noSideScroll fails when a page is wider than the phone: mobile pages
// must never scroll sideways.
func noSideScroll(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	over, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.documentElement.scrollWidth - %d`, phoneW)))
	if err != nil {
		t.Fatal(err)
	}
	if over > 0 {
		t.Errorf("%s: the page is %d px wider than the phone", name, over)
	}
}

// moduleRoot finds the folder of go.mod, so LAPOR_SCREENSHOTS may be
// given relative to the repository.
func moduleRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// photo writes a small JPEG (a road with a pothole, roughly) to a file.
func photo(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for y := 0; y < 240; y++ {
		for x := 0; x < 320; x++ {
			c := color.RGBA{110, 110, 115, 255}
			if y < 90 {
				c = color.RGBA{120, 170, 220, 255}
			}
			if dx, dy := x-160, (y-170)*2; dx*dx+dy*dy < 60*60 {
				c = color.RGBA{40, 35, 30, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "jalan-berlubang.jpg")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func css(s string) chromedp.CSS { return chromedp.CSS(s) }

// TestBrowserReportFlow: a citizen files a complaint with a photo on a
// phone and gets a tracking ID; the admin verifies and routes it; the
// officer follows it up; the citizen accepts and rates it. In Indonesian,
// then in English.
func TestBrowserReportFlow(t *testing.T) {
	needBrowser(t)
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) { browserFlow(t, lang) })
	}
}

func browserFlow(t *testing.T, lang i18n.Lang) {
	e := newEnv(t, envOptions{})
	base := e.srv.URL
	T := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	docs := lang == i18n.ID
	shot := func(ctx context.Context, name string) {
		noSideScroll(t, ctx, name)
		n := name
		if !docs {
			n = name + "-" + string(lang)
		}
		saveShot(t, ctx, n, docs)
	}
	pic := photo(t)

	// The citizen, on the home page.
	cit := tab(t)
	step(t, cit, "open home", chromedp.Navigate(base+"/?lang="+string(lang)), chromedp.WaitVisible(css("a.btn.primary")))
	mustContain(t, cit, T("web.home.title"), T("web.step.3"), T("web.kind.information_request"))
	shot(cit, "home")
	step(t, cit, "open form", chromedp.Click(css("a.btn.primary")), chromedp.WaitVisible(css("#report-form")))
	mustContain(t, cit, T("web.new.title"), T("web.new.anonymous_hint"))
	// The category filter narrows the list as the citizen types.
	step(t, cit, "filter categories", chromedp.SendKeys(css(`input[data-filter="category"]`), "drain"))
	// It lists the match first and leaves the choice to the citizen.
	if v, _ := chromedp.Run(cit, chromedp.Value(css("#category"))); v != "" {
		t.Fatalf("typing 'drain' chose %q by itself", v)
	}
	if v, _ := chromedp.Run(cit, chromedp.Evaluate[string](`document.querySelector("#category option[value]:not([value=''])").value`)); v != "infrastruktur-drainase" {
		t.Fatalf("typing 'drain' listed %q first, want the only match infrastruktur-drainase", v)
	}
	step(t, cit, "fill the form",
		chromedp.Evaluate[chromedp.Void](`(f => { f.value = ""; f.dispatchEvent(new Event("input")) })(document.querySelector('input[data-filter="category"]'))`),
		chromedp.Click(css("#kind-complaint")),
		chromedp.SendKeys(css("#title"), "Jalan berlubang di Jl. Ahmad Yani"),
		chromedp.SendKeys(css("#body"), "Lubang besar di depan SDN 003 sudah dua minggu dan membahayakan pengendara motor."),
		chromedp.SetValue(css("#category"), "infrastruktur-jalan"),
		chromedp.SendKeys(css("#location-kecamatan"), "Bontang Utara"),
		chromedp.SendKeys(css("#location-kelurahan"), "Api-Api"),
		chromedp.SendKeys(css("#location-address"), "Jl. Ahmad Yani, depan SDN 003"),
		chromedp.SetUploadFiles(css("#attachments"), []string{pic}),
		chromedp.Click(css("#anonymous")),
		chromedp.SendKeys(css("#reporter-name"), "Budi Santoso"),
		chromedp.SendKeys(css("#reporter-email"), "budi@example.id"),
	)
	// The plain sentence of who sees what follows the choice.
	if s := textOf(t, cit, `[data-privacy="10"]`); s != T("web.privacy.10") {
		t.Fatalf("privacy sentence for anonymous = %q", s)
	}
	shot(cit, "report-form")
	step(t, cit, "send the report", chromedp.Click(css(`#report-form button[type=submit]`)), chromedp.WaitVisible(css("#tracking-id")))
	id := textOf(t, cit, "#tracking-id")
	receipt := textOf(t, cit, "#receipt")
	if len(id) != 9 || len(receipt) < 26 {
		t.Fatalf("tracking ID %q / receipt %q", id, receipt)
	}
	mustContain(t, cit, T("web.receipt.title"), T("web.receipt.next_title"))
	if loc, _ := chromedp.Run(cit, chromedp.Location()); strings.Contains(loc, strings.ReplaceAll(receipt, "-", "")) || strings.Contains(loc, receipt) {
		t.Fatalf("the receipt is in the address bar: %s", loc)
	}
	step(t, cit, "QR code drawn", chromedp.WaitVisible(css(".qr svg")))
	shot(cit, "receipt")

	// Two older reports wait in the queue too (filed by SMS and WhatsApp
	// days ago), so the queue shows its order and how long each waited.
	for i, old := range []struct {
		title   string
		channel domain.Channel
		days    int
	}{{"Lampu jalan padam di Jl. Pattimura", domain.ChannelSMS, 6}, {"Sampah tidak diangkut di Pasar Rawa Indah", domain.ChannelWhatsApp, 2}} {
		at := e.clock.Now().Add(-time.Duration(old.days)*24*time.Hour + time.Duration(i)*time.Hour)
		_, err := e.svc.WithClock(func() time.Time { return at }).Submit(context.Background(), service.Public, domain.Submission{
			Kind: domain.KindComplaint, Title: old.title, Body: "Sudah beberapa hari belum ada tindakan dari petugas.",
			Category: "infrastruktur-jalan", Channel: old.channel}, nil)
		if err != nil {
			t.Fatal(err)
		}
	}

	// The admin verifies it and routes it with the searchable unit picker.
	adm := tab(t)
	step(t, adm, "admin login", chromedp.Navigate(base+"/masuk?lang="+string(lang)),
		chromedp.SendKeys(css("#email"), adminEmail), chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css("main form button[type=submit]")), chromedp.WaitVisible(css(`a[href="/staf/laporan/`+id+`"]`)))
	mustContain(t, adm, T("web.queue.title"), T("web.queue.received"), T("web.queue.overdue"),
		T("web.queue.waiting", T("web.waited.days", 6)))
	shot(adm, "admin-queue")
	step(t, adm, "open the report", chromedp.Click(css(`a[href="/staf/laporan/`+id+`"]`)), chromedp.WaitVisible(css("#act-verify")))
	if body := pageText(t, adm); strings.Contains(body, "Budi") || strings.Contains(body, "budi@example.id") {
		t.Fatal("the admin sees the identity of an anonymous reporter")
	}
	mustContain(t, adm, T("web.report.anonymous"))
	saveShot(t, adm, "admin-report-"+string(lang), false)
	step(t, adm, "search the unit", chromedp.SendKeys(css(`input[data-filter="verify-unit"]`), "pekerjaan umum"))
	if v, _ := chromedp.Run(adm, chromedp.Evaluate[string](`document.querySelector("#verify-unit option:not([value=''])").value`)); v != "dpupr" {
		t.Fatalf("unit picker listed %q first, want dpupr", v)
	}
	step(t, adm, "pick the unit", chromedp.SetValue(css("#verify-unit"), "dpupr"))
	step(t, adm, "verify", chromedp.SendKeys(css("#verify-note"), "Mohon segera ditangani."),
		chromedp.Click(css(`#act-verify button[type=submit]`)), chromedp.WaitVisible(css(".flash")))
	mustContain(t, adm, T("web.flash.verify"), T("web.status.dispositioned"))

	// The officer of the unit follows it up with a photo.
	off := tab(t)
	step(t, off, "officer login", chromedp.Navigate(base+"/masuk?lang="+string(lang)),
		chromedp.SendKeys(css("#email"), officerEmail), chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css("main form button[type=submit]")), chromedp.WaitVisible(css(`a[href="/staf/laporan/`+id+`"]`)))
	mustContain(t, off, T("web.inbox.tab.new"))
	step(t, off, "open the report", chromedp.Click(css(`a[href="/staf/laporan/`+id+`"]`)), chromedp.WaitVisible(css("#act-follow_up")))
	step(t, off, "write the follow-up",
		chromedp.SendKeys(css("#follow_up-message"), "Lubang sudah ditambal oleh tim Bidang Jalan pada hari ini."),
		chromedp.SetUploadFiles(css("#follow_up-attachments"), []string{pic}))
	shot(off, "officer-report")
	step(t, off, "follow up", chromedp.Click(css(`#act-follow_up button[type=submit]`)), chromedp.WaitVisible(css(".flash")))
	mustContain(t, off, T("web.flash.follow_up"), T("web.status.followed_up"))

	// The citizen, later and on another phone, opens it with the receipt,
	// accepts and rates it.
	cit2 := tab(t)
	step(t, cit2, "track", chromedp.Navigate(base+"/lacak?lang="+string(lang)),
		chromedp.SendKeys(css("#tracking_id"), id), chromedp.SendKeys(css("#receipt"), receipt),
		chromedp.Click(css("main form button[type=submit]")), chromedp.WaitVisible(css("#complete-h")))
	mustContain(t, cit2, T("web.event.followed_up", "Dinas Pekerjaan Umum dan Penataan Ruang"))
	step(t, cit2, "rate", chromedp.Click(css(`label[for="rating-5"]`)),
		chromedp.SendKeys(css("#complete-message"), "Terima kasih, cepat sekali."),
		chromedp.Click(css(`#complete-h ~ form button[type=submit]`)), chromedp.WaitVisible(css(".flash")))
	mustContain(t, cit2, T("web.flash.complete"), T("web.status.completed"), T("web.event.completed_rated", 5))
	shot(cit2, "tracking-timeline")
}

// TestBrowserFormWeight loads the report form fresh, with the whole
// lapor.go.id category tree, and adds up the bytes transferred.
func TestBrowserFormWeight(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{categories: catalog.Default()})
	ctx := tab(t)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	meter := meterNetwork(t, ctx)
	step(t, ctx, "load the form", chromedp.Navigate(e.srv.URL+"/lapor"), chromedp.WaitVisible(css("#report-form")))
	// Late requests (the icon, anything a script fetches) count too: wait
	// until nothing has been in flight for a while.
	count, total := meter.waitIdle(t, 500*time.Millisecond, 15*time.Second)
	t.Logf("report form first load: %d responses, %.1f KB transferred (budget %d KB)", count, total/1024, formBudget/1024)
	if count < 3 {
		t.Fatalf("saw only %d responses; the measurement is broken", count)
	}
	if total > formBudget {
		t.Fatalf("the report form transferred %.0f bytes, over the budget of %d", total, formBudget)
	}
}

// netMeter follows the network traffic of a tab: the requests in flight
// and the bytes of those that finished. Call Network.enable first.
type netMeter struct {
	mu       sync.Mutex
	inFlight map[network.RequestID]string // id: URL
	finished int
	bytes    float64
	lastSeen time.Time // when a request last started or ended
}

// meterNetwork starts following the traffic of the tab ctx, from now on.
func meterNetwork(t *testing.T, ctx context.Context) *netMeter {
	t.Helper()
	m := &netMeter{inFlight: map[network.RequestID]string{}, lastSeen: time.Now()}
	lctx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	// Listen, not Events: a request's start and its end must be seen in
	// the order the browser sent them.
	err := chromedp.Listen(lctx, func(ev any) {
		m.mu.Lock()
		defer m.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent: // also each hop of a redirect, under the same id
			u := ""
			if ev.Request != nil {
				u = ev.Request.URL
			}
			m.inFlight[ev.RequestID] = u
		case *network.EventLoadingFinished:
			delete(m.inFlight, ev.RequestID)
			m.finished++
			m.bytes += ev.EncodedDataLength
		case *network.EventLoadingFailed:
			delete(m.inFlight, ev.RequestID)
		default:
			return
		}
		m.lastSeen = time.Now()
	})
	if err != nil {
		t.Fatalf("follow the network: %v", err)
	}
	return m
}

// waitIdle waits until no request has been in flight for quiet, and
// returns how many responses finished and their bytes on the wire. It fails
// the test when the network is not idle within limit.
func (m *netMeter) waitIdle(t *testing.T, quiet, limit time.Duration) (responses int, transferred float64) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		m.mu.Lock()
		idle := len(m.inFlight) == 0 && time.Since(m.lastSeen) >= quiet
		responses, transferred = m.finished, m.bytes
		var pending []string
		for _, u := range m.inFlight {
			pending = append(pending, u)
		}
		m.mu.Unlock()
		if idle {
			return responses, transferred
		}
		if time.Now().After(deadline) {
			t.Fatalf("the network was not idle for %v within %v; in flight: %q", quiet, limit, pending)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestBrowserWithoutJavaScript files a report with scripts turned off:
// every page must work with plain forms.
func TestBrowserWithoutJavaScript(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	ctx := tab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "fill the form without JavaScript", chromedp.Navigate(e.srv.URL+"/lapor?lang=id"),
		chromedp.WaitVisible(css("#report-form")),
		chromedp.Click(css("#kind-aspiration")),
		chromedp.SendKeys(css("#title"), "Usul"),
		chromedp.SendKeys(css("#body"), "Mohon ditambah lampu jalan di taman kota agar aman malam hari."),
		chromedp.Click(css(`#report-form button[type=submit]`)),
		chromedp.WaitVisible(css("#problems")))
	// The title was too short: the error is at the top and by the field,
	// and what was typed is still there.
	mustContain(t, ctx, i18n.T(i18n.ID, "web.form.problems"), i18n.T(i18n.ID, domain.TooShortKey(domain.MinTitle)))
	if v, _ := chromedp.Run(ctx, chromedp.Value(css("#body"))); !strings.Contains(v, "lampu jalan") {
		t.Fatalf("the body was lost: %q", v)
	}
	step(t, ctx, "fix and send", chromedp.SendKeys(css("#title"), " lampu taman"),
		chromedp.Click(css(`#report-form button[type=submit]`)), chromedp.WaitVisible(css("#tracking-id")))
	if hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("[data-copy]").hidden`)); !hidden {
		t.Fatal("a JavaScript-only button is shown without JavaScript")
	}
}

// TestBrowserMapPin: with a tile server configured, the citizen taps the
// map and the point lands in the latitude and longitude fields.
func TestBrowserMapPin(t *testing.T) {
	mapPin(t, func(tiles string) *env {
		return newEnv(t, envOptions{web: Options{TileURL: tiles, TileAttribution: "© Peta Uji"}})
	})
}

// TestBrowserMapPinAdminSetting: no serve setting; an admin sets the tile
// server on the settings page, and the form's map works (issue 10, item 7).
func TestBrowserMapPinAdminSetting(t *testing.T) {
	mapPin(t, func(tiles string) *env {
		e := newEnv(t, envOptions{})
		adm := e.browser(t)
		adm.login(adminEmail)
		mustStatus(t, adm.post("/staf/admin/peta", url.Values{"tile_url": {tiles}, "tile_attribution": {"© Peta Uji"}}), http.StatusSeeOther)
		return e
	})
}

// mapPin taps the report form's map, served by a test tile server that
// start configures.
func mapPin(t *testing.T, start func(tileURL string) *env) {
	needBrowser(t)
	var mu sync.Mutex
	tiles := 0
	tile := func() []byte {
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		for y := 0; y < 256; y++ {
			for x := 0; x < 256; x++ {
				c := color.RGBA{232, 228, 216, 255}
				if x%64 < 4 || y%64 < 4 {
					c = color.RGBA{255, 255, 255, 255}
				}
				img.Set(x, y, c)
			}
		}
		var buf bytes.Buffer
		jpeg.Encode(&buf, img, nil)
		return buf.Bytes()
	}()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tiles++
		mu.Unlock()
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write(tile)
	}))
	defer ts.Close()
	e := start(ts.URL + "/{z}/{x}/{y}.jpg")
	ctx := tab(t)
	step(t, ctx, "open the map", chromedp.Navigate(e.srv.URL+"/lapor?lang=id"),
		chromedp.Click(css("#location details > summary")), chromedp.WaitVisible(css("#map img")))
	step(t, ctx, "tap the map", chromedp.ScrollIntoView(css("#map")), chromedp.Click(css("#map")))
	lat, _ := chromedp.Run(ctx, chromedp.Value(css("#location-lat")))
	lon, _ := chromedp.Run(ctx, chromedp.Value(css("#location-lon")))
	var la, lo float64
	if _, err := fmt.Sscan(lat+" "+lon, &la, &lo); err != nil {
		t.Fatalf("the tap did not fill the point: %q %q", lat, lon)
	}
	if d := la - 0.1333; d > 0.02 || d < -0.02 {
		t.Errorf("latitude %v, want near the map centre 0.1333", la)
	}
	if d := lo - 117.5; d > 0.02 || d < -0.02 {
		t.Errorf("longitude %v, want near the map centre 117.5", lo)
	}
	saveShot(t, ctx, "map-pin", false)
	mu.Lock()
	defer mu.Unlock()
	if tiles == 0 {
		t.Fatal("no tile was requested")
	}
}

// contrastJS computes, for every element with its own visible text, the
// contrast ratio of its colour against the background behind it, and
// returns those below WCAG AA (4.5:1, or 3:1 for large text).
const contrastJS = `(() => {
  const parse = c => { const m = c.match(/[\d.]+/g) || [0, 0, 0, 0]; return [+m[0], +m[1], +m[2], m[3] === undefined ? 1 : +m[3]]; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const bg = el => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c[3] > 0.5) return c; } return [255, 255, 255, 1]; };
  const bad = [];
  for (const el of document.querySelectorAll("body *")) {
    if (!el.offsetParent && getComputedStyle(el).position !== "fixed") continue;
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest(".sr,svg,option")) continue;
    const s = getComputedStyle(el);
    if (s.visibility === "hidden" || +s.opacity === 0) continue;
    const fg = parse(s.color), b = bg(el);
    const l1 = lum(fg), l2 = lum(b), ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(s.fontSize), large = size >= 24 || (size >= 18.66 && +s.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(el.tagName + "." + el.className + " '" + el.textContent.trim().slice(0, 30) + "' " + ratio.toFixed(2));
  }
  return bad;
})()`

// TestBrowserContrast checks the text contrast of the main pages,
// including a form showing errors and the staff pages, and that none
// scrolls sideways on the phone.
func TestBrowserContrast(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	b := e.browser(t)
	id, _ := b.fileReport(nil)
	ctx := tab(t)
	check := func(path string, prepare ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		step(t, ctx, "open "+path, append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(e.srv.URL + path), chromedp.WaitVisible(css("main"))}, prepare...)...)
		bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](contrastJS))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			t.Errorf("%s: low contrast: %s", path, b)
		}
		noSideScroll(t, ctx, path)
	}
	check("/?lang=id")
	check("/lapor", chromedp.Click(css(`#report-form button[type=submit]`)), chromedp.WaitVisible(css("#problems")))
	check("/lacak/" + id)
	step(t, ctx, "login", chromedp.Navigate(e.srv.URL+"/masuk"), chromedp.SendKeys(css("#email"), adminEmail),
		chromedp.SendKeys(css("#password"), testPassword), chromedp.Click(css("main form button[type=submit]")),
		chromedp.WaitVisible(css(".list")))
	check("/staf/antrean")
	check("/staf/laporan/" + id)
	check("/staf/kotak-masuk?tab=all")
	check("/staf/admin/instansi")
	check("/staf/admin/kategori")
	check("/staf/admin/pengguna")
	check("/staf/admin/tenggat")
	check("/staf/admin/kalender")
	check("/staf/admin/peta")
	check("/akun/daftar")
}
