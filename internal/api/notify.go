package api

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// notifyJSON is how a staff user hears of each kind of notice: "now",
// "digest" (one e-mail a day at 07:00) or "off", and the notices' language.
type notifyJSON struct {
	Lang  string            `json:"lang"`
	Modes map[string]string `json:"modes"`
}

// myNotifications: GET /api/v1/me/notifications, the caller's own.
func (a *API) myNotifications(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	ns, err := a.svc.NotifySettingsOf(r.Context(), v)
	if err != nil {
		return err
	}
	out := notifyJSON{Lang: ns.Lang, Modes: map[string]string{}}
	for k, m := range ns.Modes {
		out.Modes[string(k)] = m
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// setMyNotifications: PUT /api/v1/me/notifications; kinds left out keep
// their mode.
func (a *API) setMyNotifications(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	data, err := readBody(w, r, 4<<10)
	if err != nil {
		return err
	}
	var req notifyJSON
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	ns := service.NotifySettings{Lang: req.Lang, Modes: map[domain.NotifyKind]string{}}
	for k, m := range req.Modes {
		ns.Modes[domain.NotifyKind(k)] = m
	}
	if err := a.svc.SetNotifySettings(r.Context(), v, ns); err != nil {
		return err
	}
	return a.myNotifications(w, r)
}
