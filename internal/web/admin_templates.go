package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// The admins' reply templates: ready answers officers start a follow-up
// from, per unit and category.

type templatesData struct {
	Items      []templateItem
	Units      []unitOption
	Categories []catNode
}

type templateItem struct {
	domain.ReplyTemplate
	Unit, Category         string // names; empty: any
	UnitCode, CategoryCode string
}

const templatesPath = "/staf/admin/templat"

func (w *Web) adminTemplates(rw http.ResponseWriter, r *http.Request, p *page) error {
	switch ok := r.URL.Query().Get("ok"); ok {
	case "template_saved", "template_deleted":
		p.Flash = i18n.T(p.Lang, "web.flash."+ok)
	}
	return w.showTemplates(rw, r, p, http.StatusOK)
}

func (w *Web) showTemplates(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	ts, err := w.svc.ReplyTemplates(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	units, err := w.units(r.Context())
	if err != nil {
		return err
	}
	cats, err := w.categories(r.Context())
	if err != nil {
		return err
	}
	d := templatesData{Units: unitOptions(units), Categories: categoryTree(domain.OfferedCategories(cats))}
	for _, t := range ts {
		it := templateItem{ReplyTemplate: t}
		for _, u := range units {
			if t.UnitID != nil && u.ID == *t.UnitID {
				it.Unit, it.UnitCode = u.Name, u.Code
			}
		}
		for _, c := range cats {
			if t.CategoryID != nil && c.ID == *t.CategoryID {
				it.Category, it.CategoryCode = c.Name, c.Code
			}
		}
		d.Items = append(d.Items, it)
	}
	p.Title = i18n.T(p.Lang, "web.templates.title")
	p.Nav = "admin"
	p.Wide = true
	p.Path = templatesPath
	p.Data = d
	w.render(rw, r, p, "admin_templates", status)
	return nil
}

// adminSaveTemplate adds a template (no id in the path) or saves or
// deletes one (its row's form).
func (w *Web) adminSaveTemplate(rw http.ResponseWriter, r *http.Request, p *page) error {
	var id int64
	if s := r.PathValue("id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return domain.ErrNotFound
		}
		id = n
	}
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	if id != 0 {
		p.Form.Action = "tpl-" + strconv.FormatInt(id, 10)
	}
	if values.Get("do") == "delete" {
		if err := w.svc.DeleteReplyTemplate(r.Context(), p.viewer(), id); err != nil {
			return err
		}
		return redirect(rw, r, templatesPath+"?ok=template_deleted")
	}
	_, err = w.svc.SaveReplyTemplate(r.Context(), p.viewer(), service.TemplateChoice{ID: id, Unit: trimmed(values, "unit"),
		Category: trimmed(values, "category"), Title: values.Get("title"), Body: values.Get("body")})
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showTemplates(rw, r, p, httperr.PageStatusOf(err))
	}
	q := url.Values{"ok": {"template_saved"}}
	return redirect(rw, r, templatesPath+"?"+q.Encode())
}
