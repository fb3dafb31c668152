package service

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// AddWebhook registers url to be told of events, signed with secret. The
// secret is sealed at rest and never returned again.
func (s *Service) AddWebhook(ctx context.Context, v Viewer, url string, events []string, secret string) (_ domain.Webhook, err error) {
	defer domain.Wrap(&err, "service.AddWebhook")
	if err := authorize(v, domain.PermManageWebhooks); err != nil {
		return domain.Webhook{}, err
	}
	url = strings.TrimSpace(url)
	if err := domain.ValidateWebhook(url, events, secret); err != nil {
		return domain.Webhook{}, err
	}
	w := domain.Webhook{URL: url, Events: domain.NormalizeHookEvents(events), CreatedAt: s.now()}
	err = s.store.AddWebhook(ctx, &w, func(id int64) []byte {
		return s.sealer.Seal([]byte(secret), webhookSecretAAD(id))
	})
	return w, err
}

// Webhooks lists the registered webhooks, without their secrets.
func (s *Service) Webhooks(ctx context.Context, v Viewer) (_ []domain.Webhook, err error) {
	defer domain.Wrap(&err, "service.Webhooks")
	if err := authorize(v, domain.PermManageWebhooks); err != nil {
		return nil, err
	}
	return s.store.Webhooks(ctx)
}

// DeleteWebhook stops webhook id; what it was still owed is skipped.
func (s *Service) DeleteWebhook(ctx context.Context, v Viewer, id int64) (err error) {
	defer domain.Wrap(&err, "service.DeleteWebhook(%d)", id)
	if err := authorize(v, domain.PermManageWebhooks); err != nil {
		return err
	}
	return s.store.DeleteWebhook(ctx, id, s.now())
}

func webhookSecretAAD(id int64) []byte { return []byte("webhook-secret:" + strconv.FormatInt(id, 10)) }

// WebhookRequest is one signed POST the delivery worker sends.
type WebhookRequest struct {
	URL     string
	Body    []byte
	Headers map[string]string // X-Lapor-Event, X-Lapor-Delivery, X-Lapor-Signature, Content-Type
}

// HookPayload is the JSON body of a webhook delivery: what the public may
// see of the report, plus the unit it is with. It never carries the
// reporter's identity, an internal note, or anything of a report that is
// not public beyond its tracking ID, kind, status and unit.
type HookPayload struct {
	Event      string     `json:"event"`
	Delivery   string     `json:"delivery"`
	OccurredAt time.Time  `json:"occurred_at"`
	Report     HookReport `json:"report"`
}

// HookReport is the report part of a webhook payload.
type HookReport struct {
	TrackingID string    `json:"tracking_id"`
	Kind       string    `json:"kind"`
	Status     string    `json:"status"`
	Channel    string    `json:"channel"`
	Unit       *HookUnit `json:"unit"`
	Public     bool      `json:"public"` // verified and not confidential: the fields below are filled
	Title      string    `json:"title,omitempty"`
	Body       string    `json:"body,omitempty"`
	Category   string    `json:"category,omitempty"`
	Message    string    `json:"message,omitempty"` // the step's public text, e.g. a follow-up
	URL        string    `json:"url,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// HookUnit names a unit in a webhook payload.
type HookUnit struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// WebhookRequest builds the signed request delivery d owes its webhook.
// Only the delivery worker (RoleSystem) may call it. nil and no error:
// the webhook was deleted, so there is nothing to send.
func (s *Service) WebhookRequest(ctx context.Context, v Viewer, d domain.Delivery, baseURL string) (_ *WebhookRequest, err error) {
	defer domain.Wrap(&err, "service.WebhookRequest(%v)", d.ID)
	if err := authorize(v, domain.PermMaintain); err != nil {
		return nil, err
	}
	if d.WebhookID == nil {
		return nil, errors.New("a webhook delivery without its webhook")
	}
	w, sealed, err := s.store.Webhook(ctx, *d.WebhookID)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && w.DeletedAt != nil) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	secret, err := s.sealer.Open(sealed, webhookSecretAAD(w.ID))
	if err != nil {
		return nil, err
	}
	hook, ok := domain.HookEvent(d.EventType)
	if !ok {
		return nil, errors.New("the delivery's event raises no webhook")
	}
	p, err := s.hookPayload(ctx, d, hook, baseURL)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return &WebhookRequest{URL: w.URL, Body: body, Headers: map[string]string{
		"Content-Type":      "application/json",
		"X-Lapor-Event":     hook,
		"X-Lapor-Delivery":  d.Key,
		"X-Lapor-Signature": domain.SignHook(secret, s.now(), body),
	}}, nil
}

// hookPayload is built from the timeline up to the event (its status and
// unit) and, for what the public may read, from the public view at the
// time of sending, so it can show no more than the public page does then.
func (s *Service) hookPayload(ctx context.Context, d domain.Delivery, hook, baseURL string) (*HookPayload, error) {
	r, err := s.store.ReportByTrackingID(ctx, d.TrackingID)
	if err != nil {
		return nil, err
	}
	evs, err := s.store.Events(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	var ev *domain.Event
	for i := range evs {
		if evs[i].Seq == d.EventSeq {
			ev = &evs[i]
			// The status and unit as the event left them, not as they are now.
			evs = evs[:i+1]
			break
		}
	}
	if ev == nil {
		return nil, errors.New("the delivery's event is missing")
	}
	status, unitID, _ := domain.Replay(evs)
	p := &HookPayload{Event: hook, Delivery: d.Key, OccurredAt: ev.CreatedAt.UTC(), Report: HookReport{
		TrackingID: r.TrackingID, Kind: string(r.Kind), Status: string(status), Channel: string(r.Channel),
		CreatedAt: r.CreatedAt.UTC()}}
	if unitID != nil {
		units, err := s.store.ListUnits(ctx)
		if err != nil {
			return nil, err
		}
		for _, u := range units {
			if u.ID == *unitID {
				p.Report.Unit = &HookUnit{Code: u.Code, Name: u.Name}
			}
		}
	}
	pub, err := s.Report(ctx, r.TrackingID, Public)
	if errors.Is(err, domain.ErrNotFound) || domain.ErrorCode(err) == domain.CodeForbidden {
		return p, nil // not public: nothing more
	}
	if err != nil {
		return nil, err
	}
	p.Report.Public = true
	p.Report.Title, p.Report.Body = pub.Report.Title, pub.Report.Body
	if pub.Category != nil {
		p.Report.Category = pub.Category.Name
	}
	for _, e := range pub.Timeline {
		if e.Seq == ev.Seq && !e.Internal {
			p.Report.Message = e.Message
		}
	}
	p.Report.URL = strings.TrimRight(baseURL, "/") + "/laporan/" + r.TrackingID
	return p, nil
}
