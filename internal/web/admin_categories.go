package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/lapor-id/lapor/internal/catalog"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
)

type categoriesData struct {
	Tree         []catNode
	Count        int
	Offered      int // of Count, how many citizens are offered
	DefaultCount int
}

func (w *Web) adminCategories(rw http.ResponseWriter, r *http.Request, p *page) error {
	p.Flash = staffFlash(p.Lang, r.URL.Query())
	return w.showCategories(rw, r, p, http.StatusOK)
}

func (w *Web) showCategories(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	cats, err := w.categories(r.Context())
	if err != nil {
		return err
	}
	p.Title = i18n.T(p.Lang, "web.admin.categories")
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/kategori"
	p.Data = categoriesData{Tree: categoryTree(cats), Count: len(cats), Offered: len(domain.OfferedCategories(cats)), DefaultCount: catalog.Count(catalog.Default())}
	w.render(rw, r, p, "admin_categories", status)
	return nil
}

// adminImportCategories imports the embedded lapor.go.id tree or an
// uploaded file of the same shape. Imports are repeatable: existing codes
// are updated, not duplicated.
func (w *Web) adminImportCategories(rw http.ResponseWriter, r *http.Request, p *page) error {
	form, err := w.readFormWithFiles(rw, r)
	form.Done() // the file is parsed, not processed: no slot needed
	values, files := form.Values, form.Files
	if err != nil {
		if e := domain.AsError(err); e.Code == domain.CodeTooLarge || e.Fields["attachments"] != "" {
			err = domain.InvalidField("file", "web.admin.import_too_large")
		}
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showCategories(rw, r, p, httperr.PageStatusOf(err))
	}
	var tree []domain.CategoryNode
	switch values.Get("source") {
	case "default":
		tree = catalog.Default()
	default:
		if len(files) == 0 {
			p.Form.setError(p.Lang, domain.InvalidField("file", "field.required"))
			return w.showCategories(rw, r, p, http.StatusUnprocessableEntity)
		}
		tree, err = catalog.ParseLaporCategories(bytes.NewReader(files[0].Data))
		if err != nil {
			w.log.Info("category import refused", "err", err)
			p.Form.setError(p.Lang, domain.InvalidField("file", "web.admin.import_bad"))
			return w.showCategories(rw, r, p, http.StatusUnprocessableEntity)
		}
	}
	n, err := w.svc.ImportCategories(r.Context(), p.viewer(), tree)
	if err != nil {
		return err
	}
	return redirect(rw, r, "/staf/admin/kategori?ok=imported&n="+strconv.Itoa(n))
}
