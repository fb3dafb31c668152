package web

import (
	"net/http"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// /laporan: the public list of verified, non-confidential reports, with
// search, filters, sorts and pages, all in one GET form (no JavaScript).

// publicPerPage is the length of a page of /laporan.
const publicPerPage = 20

type publicListData struct {
	Items      []service.PublicItem
	Total      int
	MoreThan   bool
	Pager      pager
	Kinds      []domain.Kind
	Statuses   []domain.Status
	Units      []unitOption
	Categories []catNode
	Kecamatan  []domain.Area // the visible kecamatan of the admins' list
	Sorts      []string
	Filtered   bool // a filter beyond the search is set: the filters stay open
}

func (w *Web) publicList(rw http.ResponseWriter, r *http.Request, p *page) error {
	q := r.URL.Query()
	keys := []string{"q", "kind", "category", "unit", "kecamatan", "status", "from", "to", "sort"}
	for _, k := range keys {
		if x := q.Get(k); x != "" {
			p.Form.Values.Set(k, x)
		}
	}
	units, err := w.units(r.Context())
	if err != nil {
		return err
	}
	cats, err := w.svc.Categories(r.Context(), service.Public)
	if err != nil {
		return err
	}
	d := publicListData{Kinds: domain.Kinds, Units: unitOptions(units), Categories: categoryTree(domain.OfferedCategories(cats)),
		Sorts: []string{service.SortNewest, service.SortSupported, service.SortOldestOpen}}
	for _, st := range domain.Statuses {
		if st.Public() {
			d.Statuses = append(d.Statuses, st)
		}
	}
	kec, err := w.kecamatanList(r.Context(), service.Public)
	if err != nil {
		return err
	}
	for _, a := range kec {
		if !a.Hidden {
			d.Kecamatan = append(d.Kecamatan, a)
		}
	}
	for _, k := range keys[1:] {
		d.Filtered = d.Filtered || q.Get(k) != ""
	}
	page, badPage := 1, false
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		page, badPage = max(n, 1), err != nil || n < 1
	}
	query := service.PublicQuery{Q: q.Get("q"), Kind: q.Get("kind"), Category: q.Get("category"), Unit: q.Get("unit"),
		Status: q.Get("status"), From: q.Get("from"), To: q.Get("to"), Sort: q.Get("sort"), Page: page, PerPage: publicPerPage,
		Kecamatan: service.KecamatanParam(q.Get("kecamatan"))}
	status := http.StatusOK
	var res *service.PublicPage
	if badPage {
		err = domain.InvalidField("page", "field.page.invalid")
	} else {
		res, err = w.svc.PublicReports(r.Context(), p.viewer(), query)
	}
	if err != nil {
		// Bad input is shown on the form itself, answered 400.
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		status = http.StatusBadRequest
	} else {
		d.Items, d.Total, d.MoreThan = res.Items, res.Total, res.MoreThan
		p.Feed = feedPath(q.Get("unit"), q.Get("category"))
		d.Pager = pager{Page: page, Pages: max(page, (res.Total+publicPerPage-1)/publicPerPage)}
		if page > 1 {
			d.Pager.Prev = pageLink(r.URL, page-1, "")
		}
		if res.HasNext {
			d.Pager.Next = pageLink(r.URL, page+1, "")
			d.Pager.Pages = max(d.Pager.Pages, page+1)
		}
	}
	p.Title = i18n.T(p.Lang, "web.public.title")
	p.Nav = "public"
	p.Path = r.URL.RequestURI()
	p.Data = d
	w.render(rw, r, p, "public_list", status)
	return nil
}
