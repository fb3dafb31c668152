package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

type outboxData struct {
	Sender        string
	Pending, Dead []outboxRow
}

// outboxRow is a delivery with the time its table shows: when it is next
// tried, or when it was given up.
type outboxRow struct {
	domain.Delivery
	When time.Time
	Hook string // the webhook event a webhook delivery carries
}

func outboxRows(ds []domain.Delivery) []outboxRow {
	out := make([]outboxRow, len(ds))
	for i, d := range ds {
		out[i] = outboxRow{Delivery: d, When: d.NextAt}
		if d.Channel == domain.DeliveryWebhook {
			out[i].Hook, _ = domain.HookEvent(d.EventType)
		}
		if d.DoneAt != nil {
			out[i].When = *d.DoneAt
		}
	}
	return out
}

// adminOutbox shows the deliveries still owed and those kept as dead.
// Rows name the report by its tracking ID and the step; never a contact.
func (w *Web) adminOutbox(rw http.ResponseWriter, r *http.Request, p *page) error {
	pending, err := w.svc.Deliveries(r.Context(), p.viewer(), domain.DeliveryPending)
	if err != nil {
		return err
	}
	dead, err := w.svc.Deliveries(r.Context(), p.viewer(), domain.DeliveryDead)
	if err != nil {
		return err
	}
	p.Flash = staffFlash(p.Lang, r.URL.Query())
	p.Title = i18n.T(p.Lang, "web.outbox.title")
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/pengiriman"
	p.Data = outboxData{Sender: w.opt.MailSender, Pending: outboxRows(pending), Dead: outboxRows(dead)}
	w.render(rw, r, p, "admin_outbox", http.StatusOK)
	return nil
}

// adminRetryDelivery puts a dead delivery back in line.
func (w *Web) adminRetryDelivery(rw http.ResponseWriter, r *http.Request, p *page) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.ErrNotFound
	}
	if err := w.svc.RetryDelivery(r.Context(), p.viewer(), id); err != nil {
		return err
	}
	return redirect(rw, r, "/staf/admin/pengiriman?ok=delivery_retried")
}
