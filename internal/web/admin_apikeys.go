package web

import (
	"net/http"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
)

// The API keys, /staf/admin/kunci-api: keys for gateways and integrations.
// A new key is shown once, on the page that answers the form that made it;
// the list shows names and states, never keys.

type apiKeysData struct {
	Keys     []domain.APIKey
	Channels []string
	NewKey   string // just made; shown once
}

func (w *Web) adminAPIKeys(rw http.ResponseWriter, r *http.Request, p *page) error {
	if r.URL.Query().Get("ok") == "revoked" {
		p.Flash = i18n.T(p.Lang, "web.apikeys.revoked_done")
	}
	return w.showAPIKeys(rw, r, p, "", http.StatusOK)
}

func (w *Web) showAPIKeys(rw http.ResponseWriter, r *http.Request, p *page, newKey string, status int) error {
	keys, err := w.svc.APIKeys(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	p.Title = i18n.T(p.Lang, "web.apikeys.title")
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/kunci-api"
	p.Data = apiKeysData{Keys: keys, Channels: domain.KeyChannels, NewKey: newKey}
	w.render(rw, r, p, "admin_apikeys", status)
	return nil
}

// adminAddAPIKey makes a key and shows it once.
func (w *Web) adminAddAPIKey(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	_, key, err := w.svc.AddAPIKey(r.Context(), p.viewer(), values.Get("name"), values.Get("channel"))
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showAPIKeys(rw, r, p, "", httperr.PageStatusOf(err))
	}
	p.Form.Values = nil
	return w.showAPIKeys(rw, r, p, key, http.StatusOK)
}

func (w *Web) adminRevokeAPIKey(rw http.ResponseWriter, r *http.Request, p *page) error {
	if _, err := w.readForm(rw, r); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.ErrNotFound
	}
	if err := w.svc.RevokeAPIKey(r.Context(), p.viewer(), id); err != nil {
		return err
	}
	return redirect(rw, r, "/staf/admin/kunci-api?ok=revoked")
}
