package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestPublicMap: /peta without a tile server is the list of public
// reports by kecamatan and kelurahan; with one, it also carries the map
// (Leaflet and the cluster plug-in served from the binary) fed by
// /peta/data.json, which has the public reports with a point and no
// other.
func TestPublicMap(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		p := plantPublicFace(t, e)
		pub := e.browser(t)
		r := pub.get("/peta")
		mustStatus(t, r, http.StatusOK)
		p.noSecrets(t, "/peta", r.Body)
		if r.Doc.Find("#peta").Length() != 0 || r.Doc.Find("#peta-none").Length() != 1 {
			t.Error("a map without a tile server")
		}
		places := r.Doc.Find("#places")
		if !strings.Contains(places.Find("h3").Text(), "Bontang Utara") || !strings.Contains(places.Find("summary").Text(), "Api-Api") {
			t.Errorf("places: %q", strings.TrimSpace(places.Text()))
		}
		var listed []string
		places.Find("a[href^='/laporan/']").Each(func(_ int, s *goquery.Selection) {
			listed = append(listed, strings.TrimPrefix(s.AttrOr("href", ""), "/laporan/"))
		})
		slices.Sort(listed)
		want := []string{p.shown, p.anon}
		slices.Sort(want)
		if !slices.Equal(listed, want) {
			t.Errorf("places list %v, want %v", listed, want)
		}

		d := pub.get("/peta/data.json")
		mustStatus(t, d, http.StatusOK)
		p.noSecrets(t, "/peta/data.json", d.Body)
		var data struct {
			Points    [][]any `json:"points"`
			Truncated bool    `json:"truncated"`
		}
		if err := json.Unmarshal([]byte(d.Body), &data); err != nil {
			t.Fatalf("data.json: %v: %s", err, d.Body)
		}
		var ids []string
		for _, pt := range data.Points {
			ids = append(ids, pt[2].(string))
			if pt[2] == p.shown && (pt[0].(float64) != 0.1361 || pt[1].(float64) != 117.498 || pt[4] != "dispositioned") {
				t.Errorf("point %v", pt)
			}
		}
		slices.Sort(ids)
		if !slices.Equal(ids, want) || data.Truncated {
			t.Errorf("points %v (truncated %v), want %v", ids, data.Truncated, want)
		}

		adm := e.browser(t)
		adm.login(adminEmail)
		mustStatus(t, adm.post("/staf/admin/peta", map[string][]string{"tile_url": {"http://tile.kota.go.id/{z}/{x}/{y}.png"},
			"tile_attribution": {"© Pemkot Bontang"}}), http.StatusSeeOther)
		r = e.browser(t).get("/peta?lang=en")
		m := r.Doc.Find("#peta")
		if m.AttrOr("data-tiles", "") != "http://tile.kota.go.id/{z}/{x}/{y}.png" || m.AttrOr("data-points", "") != "/peta/data.json" {
			t.Errorf("the map: %v", m.Nodes)
		}
		if !strings.Contains(r.Header.Get("Content-Security-Policy"), "http://tile.kota.go.id") {
			t.Errorf("the tiles' origin is not allowed: %s", r.Header.Get("Content-Security-Policy"))
		}
		for _, src := range []string{"leaflet.js", "markercluster.js", "peta.js"} {
			found := ""
			r.Doc.Find("script[src]").Each(func(_ int, s *goquery.Selection) {
				if strings.HasPrefix(s.AttrOr("src", ""), "/static/"+strings.TrimSuffix(src, ".js")+".") {
					found = s.AttrOr("src", "")
				}
			})
			if found == "" {
				t.Errorf("no %s on the page", src)
				continue
			}
			mustStatus(t, pub.get(found), http.StatusOK)
		}
		if r.Doc.Find("#places a[href^='/laporan/']").Length() != 2 {
			t.Error("the list of places is gone when the map is there")
		}
	})
}
