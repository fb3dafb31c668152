// Package api serves Lapor's JSON API v1.
package api

import (
	_ "embed"
	"log/slog"
	"net/http"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/upload"
)

// API is the JSON API.
type API struct {
	svc     *service.Service
	log     *slog.Logger
	uploads *upload.Reader // multipart bodies (payload.go)
}

// New builds the API.
func New(svc *service.Service, log *slog.Logger) *API {
	return &API{svc: svc, log: log, uploads: upload.New(upload.Options{})}
}

// handlerFunc is a handler that returns its error for one adapter to render.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (a *API) wrap(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			httperr.WriteJSON(w, r, a.log, err)
		}
	})
}

// Register adds every API route to mux. All routes are listed here.
func (a *API) Register(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/openapi.json", a.wrap(a.openAPI))
	mux.Handle("POST /api/v1/reports", a.wrap(a.submit))
	mux.Handle("GET /api/v1/reports", a.wrap(a.inbox))
	mux.Handle("GET /api/v1/reports/{tracking_id}", a.wrap(a.report))
	mux.Handle("POST /api/v1/reports/{tracking_id}/actions", a.wrap(a.act))
	mux.Handle("POST /api/v1/reports/bulk", a.wrap(a.bulkAct))
	mux.Handle("GET /api/v1/reports/{tracking_id}/attachments/{id}", a.wrap(a.attachment))
	mux.Handle("POST /api/v1/reports/{tracking_id}/support", a.wrap(a.support))
	mux.Handle("GET /api/v1/public/reports", a.wrap(a.publicReports))
	mux.Handle("GET /api/v1/public/information", a.wrap(a.informationRegister))
	mux.Handle("POST /api/v1/sessions", a.wrap(a.login))
	mux.Handle("DELETE /api/v1/sessions", a.wrap(a.logout))
	mux.Handle("GET /api/v1/units", a.wrap(a.units))
	mux.Handle("GET /api/v1/categories", a.wrap(a.categories))
	mux.Handle("PATCH /api/v1/categories/{code}", a.wrap(a.patchCategory))
	mux.Handle("GET /api/v1/areas", a.wrap(a.areas))
	// Deadlines and evaluation (calendar.go, evaluation.go).
	mux.Handle("GET /api/v1/calendar/{year}", a.wrap(a.calendar))
	mux.Handle("POST /api/v1/calendar/holidays", a.wrap(a.addHoliday))
	mux.Handle("DELETE /api/v1/calendar/holidays/{date}", a.wrap(a.removeHoliday))
	mux.Handle("POST /api/v1/calendar/import", a.wrap(a.importHolidays))
	mux.Handle("GET /api/v1/settings/deadlines", a.wrap(a.deadlineSettings))
	mux.Handle("PUT /api/v1/settings/deadlines", a.wrap(a.putDeadlineSettings))
	mux.Handle("GET /api/v1/evaluation", a.wrap(a.evaluation("")))
	mux.Handle("GET /api/v1/evaluation.csv", a.wrap(a.evaluation("csv")))
	mux.Handle("GET /api/v1/evaluation.xlsx", a.wrap(a.evaluation("xlsx")))
	mux.Handle("GET /api/v1/sanctions", a.wrap(a.sanctions))
	mux.Handle("GET /api/v1/me", a.wrap(a.me))
	mux.Handle("GET /api/v1/me/notifications", a.wrap(a.myNotifications))
	mux.Handle("PUT /api/v1/me/notifications", a.wrap(a.setMyNotifications))
	mux.Handle("POST /api/v1/me/totp", a.wrap(a.beginTOTP))
	mux.Handle("POST /api/v1/me/totp/confirm", a.wrap(a.confirmTOTP))
	mux.Handle("DELETE /api/v1/me/totp", a.wrap(a.disableTOTP))
	mux.Handle("GET /api/v1/settings/security", a.wrap(a.securitySettings))
	mux.Handle("PUT /api/v1/settings/security", a.wrap(a.putSecuritySettings))
	mux.Handle("GET /api/v1/settings/ppid", a.wrap(a.ppidSettings))
	mux.Handle("PUT /api/v1/settings/ppid", a.wrap(a.putPPIDSettings))
	// Channels in (channels.go): gateways holding an API key.
	mux.Handle("POST /api/v1/channels/sms", a.wrap(a.sms))
	mux.Handle("POST /api/v1/channels/social", a.wrap(a.social))
	mux.Handle("POST /api/v1/channels/email", a.wrap(a.email)) // channels_email.go: a raw message
	// The WhatsApp Cloud API's webhook, signed with the app secret (channels_whatsapp.go).
	mux.Handle("GET /api/v1/channels/whatsapp", a.wrap(a.whatsappVerify))
	mux.Handle("POST /api/v1/channels/whatsapp", a.wrap(a.whatsapp))
	mux.Handle("GET /api/v1/outbox", a.wrap(a.outbox))
	mux.Handle("POST /api/v1/outbox/{id}/retry", a.wrap(a.retryDelivery))
	mux.Handle("POST /api/v1/webhooks", a.wrap(a.addWebhook))
	mux.Handle("GET /api/v1/webhooks", a.wrap(a.webhooks))
	mux.Handle("DELETE /api/v1/webhooks/{id}", a.wrap(a.deleteWebhook))
	mux.Handle("/api/", a.wrap(func(w http.ResponseWriter, r *http.Request) error { return domain.ErrNotFound }))
}

//go:embed openapi.json
var openAPIDoc []byte

func (a *API) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	_, err := w.Write(openAPIDoc)
	return err
}

// viewer reads the caller's credentials: "Bearer <token>" for staff,
// "Receipt <receipt>" for a reporter, nothing for the public. A bearer
// token that is not valid is an error, not a silent downgrade.
func (a *API) viewer(r *http.Request) (service.Viewer, error) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	if h == "" {
		return service.Public, nil
	}
	scheme, cred, _ := strings.Cut(h, " ")
	cred = strings.TrimSpace(cred)
	switch strings.ToLower(scheme) {
	case "bearer":
		u, err := a.svc.Authenticate(r.Context(), cred)
		if err != nil {
			return service.Public, err
		}
		return service.Staff(u), nil
	case "receipt":
		v := service.ReporterViewer(cred)
		if v.ReceiptHash == "" {
			return v, domain.ErrUnauthorized
		}
		return v, nil
	}
	return service.Public, domain.ErrUnauthorized
}
