package web

import (
	"net/http"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// /informasi: the public register of answered information requests (issue
// 13): outcome, ground in words, dates and the link when granted; no
// identities, no confidential requests.

const registerPerPage = 20

type registerData struct {
	Entries []service.RegisterEntry
	Pager   pager
}

func (w *Web) informationRegister(rw http.ResponseWriter, r *http.Request, p *page) error {
	page := 1
	if s := r.URL.Query().Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return domain.InvalidField("page", "field.page.invalid")
		}
		page = n
	}
	entries, err := w.svc.InformationRegister(r.Context(), p.viewer(), page, registerPerPage)
	if err != nil {
		return err
	}
	d := registerData{Pager: pager{Page: page, Pages: page}}
	if page > 1 {
		d.Pager.Prev = pageLink(r.URL, page-1, "")
	}
	if len(entries) == registerPerPage { // perhaps more: a next page, empty at worst
		d.Pager.Next = pageLink(r.URL, page+1, "")
		d.Pager.Pages = page + 1
	}
	d.Entries = entries
	p.Title = i18n.T(p.Lang, "info.register.title")
	p.Nav = "information"
	p.Path = r.URL.RequestURI()
	p.Data = d
	w.render(rw, r, p, "info_register", http.StatusOK)
	return nil
}
