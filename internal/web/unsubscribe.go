package web

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

// The unsubscribe link of a reporter's e-mails (List-Unsubscribe):
// GET /berhenti/{id}?t=... asks (a mail scanner that follows links stops
// nothing); POST stops every further e-mail about the report, from the
// page's button or a mail client's one-click (RFC 8058).

type unsubscribeData struct {
	TrackingID, Token string
	Done              bool
}

func (w *Web) unsubscribeForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	id := domain.NormalizeTrackingID(r.PathValue("id"))
	tok := r.URL.Query().Get("t")
	if id == "" || len(tok) != 32 {
		return domain.ErrNotFound
	}
	return w.showUnsubscribe(rw, r, p, unsubscribeData{TrackingID: id, Token: tok})
}

func (w *Web) unsubscribe(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	tok := values.Get("t")
	if tok == "" {
		tok = r.URL.Query().Get("t")
	}
	if err := w.svc.StopReporterMail(r.Context(), p.viewer(), r.PathValue("id"), tok); err != nil {
		return err
	}
	return w.showUnsubscribe(rw, r, p, unsubscribeData{TrackingID: domain.NormalizeTrackingID(r.PathValue("id")), Done: true})
}

func (w *Web) showUnsubscribe(rw http.ResponseWriter, r *http.Request, p *page, d unsubscribeData) error {
	rw.Header().Set("X-Robots-Tag", "noindex")
	rw.Header().Set("Referrer-Policy", "no-referrer")
	p.Title = i18n.T(p.Lang, "web.unsubscribe.title")
	p.Data = d
	w.render(rw, r, p, "unsubscribe", http.StatusOK)
	return nil
}
