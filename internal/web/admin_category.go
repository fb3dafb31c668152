package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
)

// One category's page for admins: rename, hide or show, move among its
// siblings, merge into another.

type categoryData struct {
	Cat      domain.Category
	Group    string    // the name of its group, if it has one
	Children int       // sub-categories: a group cannot be merged
	MergedTo string    // the name of the category it counts as
	Offered  bool      // neither it nor its group is hidden
	Targets  []catNode // what it may be merged into: categories still offered
	Radius   string    // its duplicate radius in metres, "" for the default
}

const categoriesPath = "/staf/admin/kategori"

func (w *Web) adminCategory(rw http.ResponseWriter, r *http.Request, p *page) error {
	p.Flash = categoryFlash(p.Lang, r.URL.Query())
	return w.showCategory(rw, r, p, r.PathValue("code"), http.StatusOK)
}

func (w *Web) showCategory(rw http.ResponseWriter, r *http.Request, p *page, code string, status int) error {
	cats, err := w.svc.Categories(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	i := slices.IndexFunc(cats, func(c domain.Category) bool { return c.Code == code })
	if i < 0 {
		return domain.ErrNotFound
	}
	c := cats[i]
	d := categoryData{Cat: c, Offered: domain.CategoryOffered(cats, c)}
	var targets []domain.Category
	for _, x := range cats {
		switch {
		case c.ParentID != nil && x.ID == *c.ParentID:
			d.Group = x.Name
		case c.MergedInto != nil && x.ID == *c.MergedInto:
			d.MergedTo = x.Name
		}
		if x.ParentID != nil && *x.ParentID == c.ID {
			d.Children++
		}
		if x.ID != c.ID && domain.CategoryOffered(cats, x) {
			targets = append(targets, x)
		}
	}
	if d.Children == 0 && c.MergedInto == nil {
		d.Targets = categoryTree(targets)
	}
	radii, err := w.svc.DuplicateRadii(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	if m, ok := radii[c.Code]; ok {
		d.Radius = strconv.Itoa(m)
	}
	p.Title = c.Name
	p.Nav = "admin"
	p.Path = categoriesPath
	p.Data = d
	w.render(rw, r, p, "admin_category", status)
	return nil
}

// adminEditCategory does what the pressed button says: save the name,
// hide, show, move up or down, merge.
func (w *Web) adminEditCategory(rw http.ResponseWriter, r *http.Request, p *page) error {
	code := r.PathValue("code")
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	var ch domain.CategoryChange
	yes, no := true, false
	switch do := values.Get("do"); do {
	case "rename":
		name := values.Get("name")
		ch.Name = &name
	case "hide":
		ch.Hidden = &yes
	case "show":
		ch.Hidden = &no
	case "up":
		ch.Move = -1
	case "down":
		ch.Move = 1
	case "merge":
		into := trimmed(values, "merge_into")
		if into == "" {
			err = domain.InvalidField("merge_into", "field.required")
		}
		ch.MergeInto = &into
	case "radius":
		m, perr := 0, error(nil)
		if s := trimmed(values, "radius"); s != "" {
			if m, perr = strconv.Atoi(s); perr != nil {
				err = domain.InvalidField("radius", "field.radius.range")
			}
		}
		if err == nil {
			err = w.svc.SetDuplicateRadius(r.Context(), p.viewer(), code, m)
		}
	default:
		err = domain.InvalidField("do", "field.category.move")
	}
	if err == nil && values.Get("do") != "radius" {
		_, err = w.svc.UpdateCategory(r.Context(), p.viewer(), code, ch)
	}
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showCategory(rw, r, p, code, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, categoriesPath+"/"+url.PathEscape(code)+"?ok=category_"+values.Get("do"))
}

func categoryFlash(lang i18n.Lang, q url.Values) string {
	switch ok := q.Get("ok"); ok {
	case "category_rename", "category_hide", "category_show", "category_up", "category_down", "category_merge", "category_radius":
		return i18n.T(lang, "web.flash."+ok)
	}
	return ""
}
