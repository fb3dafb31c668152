package web

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

func (w *Web) home(rw http.ResponseWriter, r *http.Request, p *page) error {
	p.Title = i18n.T(p.Lang, "web.home.title")
	p.Data = struct{ Kinds []domain.Kind }{domain.Kinds}
	w.render(rw, r, p, "home", http.StatusOK)
	return nil
}
