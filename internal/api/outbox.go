package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// deliveryJSON is one outbox delivery as admins see it: no address, no
// name, only the report's public tracking ID and the step.
type deliveryJSON struct {
	ID          int64      `json:"id"`
	Key         string     `json:"idempotency_key"`
	Channel     string     `json:"channel"`
	Audience    string     `json:"audience"`
	Kind        string     `json:"kind"` // what the message is: the step, a staff notice's kind, digest, verify, reset
	TrackingID  string     `json:"tracking_id"`
	Event       string     `json:"event"`
	Status      string     `json:"status"`
	Attempts    int        `json:"attempts"`
	NextAttempt time.Time  `json:"next_attempt_at"`
	LastError   string     `json:"last_error"`
	CreatedAt   time.Time  `json:"created_at"`
	DoneAt      *time.Time `json:"done_at,omitempty"`
	WebhookID   *int64     `json:"webhook_id,omitempty"`    // a webhook delivery: its webhook
	HookEvent   string     `json:"webhook_event,omitempty"` // and the event it carries
}

func presentDelivery(d domain.Delivery) deliveryJSON {
	out := deliveryJSON{ID: d.ID, Key: d.Key, Channel: d.Channel, Audience: d.Audience, Kind: d.Kind, TrackingID: d.TrackingID,
		Event: string(d.EventType), Status: d.Status, Attempts: d.Attempts, NextAttempt: d.NextAt,
		LastError: d.LastError, CreatedAt: d.CreatedAt, DoneAt: d.DoneAt, WebhookID: d.WebhookID}
	if d.Channel == domain.DeliveryWebhook {
		out.HookEvent, _ = domain.HookEvent(d.EventType)
	}
	return out
}

// outbox: GET /api/v1/outbox?status=pending|dead|delivered|skipped, admins.
func (a *API) outbox(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	status := r.URL.Query().Get("status")
	if status == "" {
		status = domain.DeliveryPending
	}
	ds, err := a.svc.Deliveries(r.Context(), v, status)
	if err != nil {
		return err
	}
	out := make([]deliveryJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, presentDelivery(d))
	}
	writeJSON(w, http.StatusOK, map[string]any{"deliveries": out})
	return nil
}

// retryDelivery: POST /api/v1/outbox/{id}/retry, admins: a dead delivery
// goes back in line.
func (a *API) retryDelivery(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.ErrNotFound
	}
	if err := a.svc.RetryDelivery(r.Context(), v, id); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "status": domain.DeliveryPending})
	return nil
}
