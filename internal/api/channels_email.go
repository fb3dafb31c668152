package api

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// email files the complaint of a raw RFC 5322 message a mail gateway
// posts (the body is the message itself) and answers its tracking ID; the
// sender's answer goes by e-mail.
func (a *API) email(w http.ResponseWriter, r *http.Request) error {
	key, err := a.gatewayKey(r, domain.ChannelEmail)
	if err != nil {
		return err
	}
	data, err := readBody(w, r, service.MaxEmailSize)
	if err != nil {
		return err
	}
	id, err := a.svc.ReceiveEmail(r.Context(), key, data)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"tracking_id": id})
	return nil
}
