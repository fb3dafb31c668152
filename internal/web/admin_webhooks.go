package web

import (
	"net/http"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
)

// The webhooks, /staf/admin/webhook: addresses told of report events,
// signed with a secret that is typed once and never shown again.

type webhooksData struct {
	Hooks   []domain.Webhook
	Events  []string
	Checked map[string]bool // the events ticked in the form being shown again
}

func (w *Web) adminWebhooks(rw http.ResponseWriter, r *http.Request, p *page) error {
	switch r.URL.Query().Get("ok") {
	case "added":
		p.Flash = i18n.T(p.Lang, "webhook.page.added")
	case "deleted":
		p.Flash = i18n.T(p.Lang, "webhook.page.deleted")
	}
	return w.showWebhooks(rw, r, p, nil, http.StatusOK)
}

func (w *Web) showWebhooks(rw http.ResponseWriter, r *http.Request, p *page, checked map[string]bool, status int) error {
	hooks, err := w.svc.Webhooks(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	p.Title = i18n.T(p.Lang, "webhook.page.title")
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/webhook"
	p.Data = webhooksData{Hooks: hooks, Events: domain.HookEvents(), Checked: checked}
	w.render(rw, r, p, "admin_webhooks", status)
	return nil
}

func (w *Web) adminAddWebhook(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	events := values["events"]
	if _, err := w.svc.AddWebhook(r.Context(), p.viewer(), values.Get("url"), events, values.Get("secret")); err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		values.Del("secret") // never written back into the page
		p.Form.Values = values
		checked := map[string]bool{}
		for _, e := range events {
			checked[e] = true
		}
		return w.showWebhooks(rw, r, p, checked, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/staf/admin/webhook?ok=added")
}

func (w *Web) adminDeleteWebhook(rw http.ResponseWriter, r *http.Request, p *page) error {
	if _, err := w.readForm(rw, r); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.ErrNotFound
	}
	if err := w.svc.DeleteWebhook(r.Context(), p.viewer(), id); err != nil {
		return err
	}
	return redirect(rw, r, "/staf/admin/webhook?ok=deleted")
}
