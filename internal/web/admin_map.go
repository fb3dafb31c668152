package web

import (
	"context"
	"net/http"

	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// The map settings, /staf/admin/peta: the tile server of the report form's
// map. Until an admin saves them, the serve setting (--tile-url) applies.

type mapSetData struct {
	Stored               bool // set by an admin; else the serve setting
	TileURL, Attribution string
	Default              string // the serve setting's tile URL, "" for none
}

// mapTiles is the tile server the report form uses: the admin's setting,
// else the serve setting.
func (w *Web) mapTiles(ctx context.Context) (service.MapSettings, bool, error) {
	m, stored, err := w.svc.MapSettingsOf(ctx, service.Public)
	if err != nil || stored {
		return m, stored, err
	}
	return service.MapSettings{TileURL: w.opt.TileURL, Attribution: w.opt.TileAttribution}, false, nil
}

func (w *Web) adminMap(rw http.ResponseWriter, r *http.Request, p *page) error {
	switch r.URL.Query().Get("ok") {
	case "map_saved":
		p.Flash = i18n.T(p.Lang, "web.mapset.saved")
	case "map_reset":
		p.Flash = i18n.T(p.Lang, "web.mapset.reset_done")
	}
	return w.showMap(rw, r, p, http.StatusOK)
}

func (w *Web) showMap(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	m, stored, err := w.mapTiles(r.Context())
	if err != nil {
		return err
	}
	d := mapSetData{Stored: stored, TileURL: m.TileURL, Attribution: m.Attribution, Default: w.opt.TileURL}
	if r.Method == http.MethodPost {
		d.TileURL, d.Attribution = p.Form.Get("tile_url"), p.Form.Get("tile_attribution")
	}
	p.Title = i18n.T(p.Lang, "web.mapset.title")
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/peta"
	p.Data = d
	w.render(rw, r, p, "admin_map", status)
	return nil
}

// adminSaveMap stores the tile server, or goes back to the serve setting
// (reset).
func (w *Web) adminSaveMap(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	if values.Get("reset") != "" {
		if err := w.svc.SetMapSettings(r.Context(), p.viewer(), nil); err != nil {
			return err
		}
		return redirect(rw, r, "/staf/admin/peta?ok=map_reset")
	}
	m := &service.MapSettings{TileURL: values.Get("tile_url"), Attribution: values.Get("tile_attribution")}
	if err := w.svc.SetMapSettings(r.Context(), p.viewer(), m); err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showMap(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/staf/admin/peta?ok=map_saved")
}
