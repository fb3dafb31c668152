package web

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/i18n"
)

// tileServer serves the same plain 256 px tile for every address and
// counts the requests.
func tileServer(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for y := range 256 {
		for x := range 256 {
			c := color.RGBA{226, 232, 220, 255}
			if x%64 < 3 || y%64 < 3 {
				c = color.RGBA{255, 255, 255, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	var n atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Write(buf.Bytes())
	}))
	t.Cleanup(ts.Close)
	return ts.URL + "/{z}/{x}/{y}.png", &n
}

// TestBrowserPublicMapAndStatisticsOnPhone: on a phone, in both
// languages, the map draws the tiles and the public reports' markers
// (Leaflet from the binary, clustered); without JavaScript it is the list
// of places; the statistics page draws its charts without JavaScript.
// None fits wider than the phone; the pictures go to the README.
func TestBrowserPublicMapAndStatisticsOnPhone(t *testing.T) {
	needBrowser(t)
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			e := newEnv(t, envOptions{})
			p := plantPublicFace(t, e, "Sampah menumpuk dan berbau di Pasar Rawa Indah")
			off := e.browser(t)
			off.login(officerEmail)
			mustStatus(t, off.act(p.shown, url.Values{"action": {"follow_up"},
				"message": {"Petugas kebersihan sudah mengangkut sampah pada hari Senin."}}), http.StatusSeeOther)
			tiles, requested := tileServer(t)
			adm := e.browser(t)
			adm.login(adminEmail)
			mustStatus(t, adm.post("/staf/admin/peta", url.Values{"tile_url": {tiles}, "tile_attribution": {"© Peta Uji"}}),
				http.StatusSeeOther)
			q := "?lang=" + string(lang)

			ctx := tab(t)
			step(t, ctx, "open the map", chromedp.Navigate(e.srv.URL+"/peta"+q),
				chromedp.WaitVisible(css("#peta .leaflet-tile-loaded")), chromedp.WaitReady(css("#peta[data-markers]")))
			if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("peta").getAttribute("data-markers")`)); got != "2" {
				t.Fatalf("markers: %q, want 2", got)
			}
			step(t, ctx, "see the markers", chromedp.WaitVisible(css("#peta .marker-cluster, #peta path.leaflet-interactive")))
			if requested.Load() == 0 {
				t.Error("no tile was requested")
			}
			noSideScroll(t, ctx, "map")
			saveShot(t, ctx, "public-map-"+string(lang), lang == i18n.ID)
			p.noSecrets(t, "the map page", pageText(t, ctx))

			plain := tab(t)
			noScript(t, plain)
			step(t, plain, "open the map without JavaScript", chromedp.Navigate(e.srv.URL+"/peta"+q),
				chromedp.WaitVisible(css("#places summary")))
			if visible, _ := chromedp.Run(plain, chromedp.Evaluate[bool](`!document.getElementById("peta").hidden`)); visible {
				t.Error("an empty map box without JavaScript")
			}
			step(t, plain, "open a kelurahan", chromedp.Click(css("#places summary")), chromedp.WaitVisible(css("#places details a")))
			mustContain(t, plain, "Api-Api", "Lampu jalan padam")
			noSideScroll(t, plain, "map without JavaScript")
			saveShot(t, plain, "public-map-list-"+string(lang), lang == i18n.ID)

			step(t, plain, "open the statistics", chromedp.Navigate(e.srv.URL+"/statistik"+q),
				chromedp.WaitVisible(css("#chart-unit-h")))
			mustContain(t, plain, i18n.T(lang, "web.stats.on_time"), "100")
			noSideScroll(t, plain, "statistics")
			saveShot(t, plain, "public-statistics-"+string(lang), lang == i18n.ID)
			p.noSecrets(t, "the statistics page", pageText(t, plain))
		})
	}
}
