package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// /laporan/{id}: the public page of a report, always the public view (the
// one /lacak shows anyone without a receipt: timeline without internal
// notes, the reporter only as they chose, personal numbers masked), with
// its supports and the Dukung button.

type publicReportData struct {
	View      *service.ReportView
	Supported bool // this browser has just supported it
}

// publicID normalises the {id} of /laporan/{id}; another spelling is
// redirected to the canonical address.
func publicID(rw http.ResponseWriter, r *http.Request, suffix string) (string, bool) {
	raw := r.PathValue("id")
	id := domain.NormalizeTrackingID(raw)
	if id == "" {
		return "", false
	}
	if id != raw && r.Method == http.MethodGet {
		http.Redirect(rw, r, "/laporan/"+id+suffix, http.StatusMovedPermanently)
		return "", true
	}
	return id, true
}

func notPublic() error { return domain.Errorf(domain.CodeNotFound, "web.public.not_found") }

func (w *Web) publicReport(rw http.ResponseWriter, r *http.Request, p *page) error {
	id, ok := publicID(rw, r, "")
	if !ok {
		return notPublic()
	}
	if id == "" {
		return nil
	}
	key := pageCacheKey("/laporan/"+id, p.Lang)
	shared := cacheable(r, p)
	if shared {
		if pg := w.pages.get(key); pg != nil {
			pg.write(rw, r, p.Lang)
			return nil
		}
	}
	ctx := r.Context()
	if r.URL.Query().Get("ok") == "dukung" {
		ctx = service.Fresh(ctx) // their own support, not a replica's older count
	}
	rv, err := w.svc.Report(ctx, id, service.Public)
	if err != nil && shared {
		w.pages.forget("/laporan/" + id) // no longer public: no stale copy either
	}
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return notPublic()
	}
	if err != nil {
		return err
	}
	d := publicReportData{View: rv, Supported: r.URL.Query().Get("ok") == "dukung"}
	if d.Supported {
		p.Flash = i18n.T(p.Lang, "web.public.supported")
	}
	p.Title = rv.Report.Title
	p.Nav = "public"
	p.Path = "/laporan/" + id
	p.Data = d
	if !shared {
		w.render(rw, r, p, "public_report", http.StatusOK)
		return nil
	}
	body, status, ok := w.renderBody(r, p, "public_report", http.StatusOK)
	if !ok {
		w.pages.forget("/laporan/" + id)
		return domain.Internal(errors.New("the public report page did not render"))
	}
	if status != http.StatusOK { // the error page: not kept
		w.pages.forget("/laporan/" + id)
		pageHeaders(rw, p.Lang)
		writeCompressed(rw, r, status, body)
		return nil
	}
	w.pages.put(key, body, status).write(rw, r, p.Lang)
	return nil
}

// publicSupport is the Dukung button: a citizen logged in counts once for
// the account, anyone else once for the browser (the cookie the API's
// support also reads). Cross-origin posts are refused by w.page.
func (w *Web) publicSupport(rw http.ResponseWriter, r *http.Request, p *page) error {
	id, ok := publicID(rw, r, "")
	if !ok || id == "" {
		return notPublic()
	}
	if _, err := w.readForm(rw, r); err != nil {
		return err
	}
	v := service.Public
	if p.Citizen != nil {
		v = service.Viewer{Citizen: p.Citizen}
	}
	if _, err := w.svc.Support(r.Context(), id, v, w.supportToken(rw, r)); err != nil {
		if domain.ErrorCode(err) == domain.CodeNotFound {
			return notPublic()
		}
		return err
	}
	w.pages.forget("/laporan/" + id) // the next view on this node shows the new count
	return redirect(rw, r, "/laporan/"+id+"?ok=dukung")
}

// supportToken is the browser's support token, set in a cookie for a
// year when it has none.
func (w *Web) supportToken(rw http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(service.SupportCookie); err == nil && service.ValidSupportToken(c.Value) {
		return c.Value
	}
	token := service.NewSupportToken()
	w.setCookie(rw, r, service.SupportCookie, token, "/", 400*24*time.Hour)
	return token
}
