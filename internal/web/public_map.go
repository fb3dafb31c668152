package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// /peta: the public reports on a map (Leaflet with clustered markers,
// vendored under static/, drawn from /peta/data.json) when an admin has
// set a tile server, and always the list of the public reports by
// kecamatan and kelurahan, which is all a browser without JavaScript or
// an instance without tiles shows.

type publicMapData struct {
	Map    *mapConfig
	Labels string // the statuses' names by code, JSON, for the markers' pop-ups
	Places []service.KecamatanPlaces
}

// publicMap: GET /peta
func (w *Web) publicMap(rw http.ResponseWriter, r *http.Request, p *page) error {
	tiles, _, err := w.mapTiles(r.Context())
	if err != nil {
		return err
	}
	places, err := w.svc.PublicPlaces(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	d := publicMapData{Places: places}
	if tiles.TileURL != "" {
		d.Map = &mapConfig{URL: tiles.TileURL, Attribution: tiles.Attribution, Lat: w.opt.MapLat, Lon: w.opt.MapLon, Zoom: w.opt.MapZoom}
		labels := map[string]string{}
		for _, st := range domain.Statuses {
			if st.Public() {
				labels[string(st)] = i18n.T(p.Lang, "web.status."+string(st))
			}
		}
		b, _ := json.Marshal(labels)
		d.Labels = string(b)
		if strings.HasPrefix(tiles.TileURL, "http://") {
			// As on the report form: tiles over plain HTTP need their origin allowed.
			if u, err := url.Parse(tiles.TileURL); err == nil {
				rw.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https: http://"+u.Host+
					"; script-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
			}
		}
	}
	p.Title = i18n.T(p.Lang, "web.peta.title")
	p.Nav = "map"
	p.Path = "/peta"
	p.Feed = "/feed.atom"
	p.Data = d
	w.render(rw, r, p, "public_map", http.StatusOK)
	return nil
}

// publicMapData: GET /peta/data.json, the markers: {"points": [[lat, lon,
// tracking_id, title, status], ...], "truncated": bool}, newest first.
func (w *Web) publicMapPoints(rw http.ResponseWriter, r *http.Request, p *page) error {
	pts, err := w.svc.PublicMapPoints(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	rows := make([][]any, len(pts.Points))
	for i, pt := range pts.Points {
		rows[i] = []any{pt.Lat, pt.Lon, pt.TrackingID, pt.Title, string(pt.Status)}
	}
	b, err := json.Marshal(map[string]any{"points": rows, "truncated": pts.Truncated})
	if err != nil {
		return domain.Internal(err)
	}
	h := rw.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "public, max-age=120")
	writeCompressed(rw, r, http.StatusOK, append(b, '\n'))
	return nil
}
