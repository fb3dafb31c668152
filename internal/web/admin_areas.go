package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
)

// The admins' list of kecamatan and kelurahan: add, rename, hide.

type areasData struct {
	Groups    []areaGroup // every kecamatan with every kelurahan, hidden ones too
	Kecamatan int
	Kelurahan int
}

const areasPath = "/staf/admin/wilayah"

func (w *Web) adminAreas(rw http.ResponseWriter, r *http.Request, p *page) error {
	p.Flash = areaFlash(p.Lang, r.URL.Query())
	return w.showAreas(rw, r, p, http.StatusOK)
}

func (w *Web) showAreas(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	areas, err := w.svc.Areas(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	d := areasData{Groups: areaGroups(areas, true)}
	for _, a := range areas {
		if a.IsKecamatan() {
			d.Kecamatan++
		} else {
			d.Kelurahan++
		}
	}
	p.Title = i18n.T(p.Lang, "web.areas.title")
	p.Nav = "admin"
	p.Wide = true
	p.Path = areasPath
	p.Data = d
	w.render(rw, r, p, "admin_areas", status)
	return nil
}

// adminAddArea adds a kecamatan, or a kelurahan when a kecamatan is chosen.
func (w *Web) adminAddArea(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	f := domain.FieldErrors{}
	var kec int64
	if id := parseAreaID(f, "kecamatan", trimmed(values, "kecamatan")); id != nil {
		kec = *id
	}
	err = f.Err()
	if err == nil {
		_, err = w.svc.AddArea(r.Context(), p.viewer(), values.Get("name"), kec)
	}
	if err != nil {
		if e := domain.AsError(err); e.Fields["parent"] != "" {
			err = domain.InvalidField("kecamatan", e.Fields["parent"])
		}
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showAreas(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, areasPath+"?ok=area_added")
}

// areaAction names the edit form of an area on the page.
func areaAction(id int64) string { return "area-" + strconv.FormatInt(id, 10) }

// adminEditArea renames an area and hides or shows it (its row's form).
func (w *Web) adminEditArea(rw http.ResponseWriter, r *http.Request, p *page) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.ErrNotFound
	}
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values, p.Form.Action = values, areaAction(id)
	if err := w.svc.EditArea(r.Context(), p.viewer(), id, values.Get("name"), checked(values, "hidden")); err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showAreas(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, areasPath+"?ok=area_updated#"+areaAction(id))
}

func areaFlash(lang i18n.Lang, q url.Values) string {
	switch ok := q.Get("ok"); ok {
	case "area_added", "area_updated":
		return i18n.T(lang, "web.flash."+ok)
	}
	return ""
}
