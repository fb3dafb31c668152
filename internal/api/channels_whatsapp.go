package api

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/service"
)

// whatsappVerify answers the Cloud API's verification of the webhook
// with the challenge, as plain text.
func (a *API) whatsappVerify(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	challenge, err := a.svc.VerifyWhatsApp(q.Get("hub.mode"), q.Get("hub.verify_token"), q.Get("hub.challenge"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write([]byte(challenge))
	return err
}

// whatsapp takes in a webhook of the Cloud API, signed with the app
// secret; the answers go back through the Cloud API, not in the response.
func (a *API) whatsapp(w http.ResponseWriter, r *http.Request) error {
	data, err := readBody(w, r, service.MaxWhatsAppBody)
	if err != nil {
		return err
	}
	if err := a.svc.ReceiveWhatsApp(r.Context(), data, r.Header.Get("X-Hub-Signature-256")); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}
