package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// maxWebhookBody bounds a webhook registration.
const maxWebhookBody = 8 << 10

type webhookRequest struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
	Secret string   `json:"secret"`
}

// webhookJSON is a webhook as admins see it: never its secret.
type webhookJSON struct {
	ID        int64     `json:"id"`
	URL       string    `json:"url"`
	Events    []string  `json:"events"`
	CreatedAt time.Time `json:"created_at"`
}

func presentWebhook(w domain.Webhook) webhookJSON {
	return webhookJSON{ID: w.ID, URL: w.URL, Events: w.Events, CreatedAt: w.CreatedAt}
}

// addWebhook: POST /api/v1/webhooks, admins.
func (a *API) addWebhook(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	data, err := readBody(w, r, maxWebhookBody)
	if err != nil {
		return err
	}
	var req webhookRequest
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	hook, err := a.svc.AddWebhook(r.Context(), v, req.URL, req.Events, req.Secret)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, presentWebhook(hook))
	return nil
}

// webhooks: GET /api/v1/webhooks, admins.
func (a *API) webhooks(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	hooks, err := a.svc.Webhooks(r.Context(), v)
	if err != nil {
		return err
	}
	out := make([]webhookJSON, 0, len(hooks))
	for _, h := range hooks {
		out = append(out, presentWebhook(h))
	}
	writeJSON(w, http.StatusOK, map[string]any{"webhooks": out})
	return nil
}

// deleteWebhook: DELETE /api/v1/webhooks/{id}, admins.
func (a *API) deleteWebhook(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.ErrNotFound
	}
	if err := a.svc.DeleteWebhook(r.Context(), v, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
