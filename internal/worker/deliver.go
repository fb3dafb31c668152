package worker

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/gateway"
	"github.com/lapor-id/lapor/internal/mail"
	"github.com/lapor-id/lapor/internal/service"
)

// DeliveryOptions tune the delivery worker; zero values take defaults.
type DeliveryOptions struct {
	Interval time.Duration // between passes; default 10 seconds
	Lease    time.Duration // how long a claim holds before another worker may take it; default 5 minutes
	Batch    int           // deliveries claimed at a time; default 20
	BaseURL  string        // the public address the messages link to
	Now      func() time.Time
	Logger   *slog.Logger
	HTTP     *http.Client // for webhooks; default: a client with a 15-second timeout
	// Phones send WhatsApp and SMS deliveries, by channel; a channel
	// missing here goes to a log sink (deliver_phones.go).
	Phones map[string]gateway.Sender
}

// deadAfter is how long a delivery is tried before it is kept as dead.
const deadAfter = 24 * time.Hour

// Backoff is the wait after the n-th failed attempt (n from 1): 30
// seconds, doubled each time, at most an hour.
func Backoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// Deliverer sends the outbox's messages: at least once each, the same
// idempotency key on every attempt.
type Deliverer struct {
	svc   *service.Service
	send  mail.Sender
	opt   DeliveryOptions
	log   *slog.Logger
	token string // this worker's claims
}

// NewDeliverer returns a delivery worker sending through send.
func NewDeliverer(svc *service.Service, send mail.Sender, opt DeliveryOptions) *Deliverer {
	if opt.Interval <= 0 {
		opt.Interval = 10 * time.Second
	}
	if opt.Lease <= 0 {
		opt.Lease = 5 * time.Minute
	}
	if opt.Batch <= 0 {
		opt.Batch = 20
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.HTTP == nil {
		// A redirect is not followed: the registered address answers, or the delivery fails.
		opt.HTTP = &http.Client{Timeout: 15 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	b := make([]byte, 8)
	rand.Read(b)
	return &Deliverer{svc: svc, send: send, opt: opt, log: opt.Logger, token: hex.EncodeToString(b)}
}

// Run makes a pass at once and then every Interval until ctx ends.
func (d *Deliverer) Run(ctx context.Context) error {
	t := time.NewTicker(d.opt.Interval)
	defer t.Stop()
	for {
		if _, err := d.Pass(ctx); err != nil && ctx.Err() == nil {
			d.log.Error("delivery pass failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Pass claims and sends what is due, batch after batch, and returns how
// many deliveries it finished (sent, skipped or dead).
func (d *Deliverer) Pass(ctx context.Context) (int, error) {
	done := 0
	// The daily digests due are made first, as deliveries claimed like any other.
	if _, err := d.svc.BuildDigests(ctx, service.Operator); err != nil {
		return 0, err
	}
	for {
		claimed := time.Now()
		ds, err := d.svc.ClaimDeliveries(ctx, service.Operator, d.opt.Lease, d.opt.Batch, d.token)
		if err != nil || len(ds) == 0 {
			return done, err
		}
		for _, dl := range ds {
			if time.Since(claimed) > d.opt.Lease/2 {
				// Slow receivers ate half the lease: the rest of the batch
				// is left to run out, so that no claim is sent after another
				// node may have taken it over.
				break
			}
			finished, err := d.deliver(ctx, dl)
			if err != nil {
				return done, err
			}
			if finished {
				done++
			}
		}
	}
}

// deliver sends one claimed delivery and records the outcome; a send that
// fails is tried again after Backoff, or kept as dead after a day.
func (d *Deliverer) deliver(ctx context.Context, dl domain.Delivery) (bool, error) {
	// The log names the delivery by its key (tracking ID and step), never the address.
	log := d.log.With("delivery", dl.Key, "attempt", dl.Attempts)
	var sendErr error
	var m *mail.Message
	to := d.send.Name()
	if dl.Channel == domain.DeliveryWebhook {
		to = "webhook"
		req, err := d.svc.WebhookRequest(ctx, service.Operator, dl, d.opt.BaseURL)
		switch {
		case err != nil:
			sendErr = err
		case req == nil: // the webhook was deleted
			_, err := d.svc.FinishDelivery(ctx, service.Operator, dl, domain.DeliverySkipped, "", d.opt.Now())
			return err == nil, err
		default:
			sendErr = d.post(ctx, req)
		}
	} else if phoneChannel(dl.Channel) {
		to = d.phone(dl.Channel).Name()
		skip, err := d.sendText(ctx, dl) // deliver_phones.go
		if skip {
			_, err := d.svc.FinishDelivery(ctx, service.Operator, dl, domain.DeliverySkipped, "", d.opt.Now())
			return err == nil, err
		}
		sendErr = err
	} else {
		var err error
		if dl.Audience == domain.AudienceReporter {
			m, err = d.svc.ReporterMail(ctx, service.Operator, dl, d.opt.BaseURL)
		} else {
			m, err = d.svc.StaffMail(ctx, service.Operator, dl, d.opt.BaseURL)
		}
		switch {
		case err != nil:
			sendErr = err
		case m == nil:
			_, err := d.svc.FinishDelivery(ctx, service.Operator, dl, domain.DeliverySkipped, "", d.opt.Now())
			return err == nil, err
		default:
			sendErr = d.send.Send(ctx, *m)
		}
	}
	now := d.opt.Now()
	if sendErr == nil {
		ok, err := d.svc.FinishDelivery(ctx, service.Operator, dl, domain.DeliveryDelivered, "", now)
		log.Info("delivered", "to", to)
		return ok, err
	}
	if ctx.Err() != nil {
		return false, ctx.Err() // shutting down: the lease brings it back
	}
	status, next := domain.DeliveryPending, now.Add(Backoff(dl.Attempts))
	if now.Sub(dl.TriesFrom) >= deadAfter {
		status = domain.DeliveryDead
	}
	msg := sendErr.Error()
	if m != nil {
		// A server's refusal may quote the address; admins see this text.
		msg = strings.ReplaceAll(strings.ReplaceAll(msg, m.To, "[recipient]"), strings.ToLower(m.To), "[recipient]")
	}
	if len(msg) > 500 {
		msg = msg[:500]
	}
	log.Warn("delivery failed", "status", status, "err", msg)
	ok, err := d.svc.FinishDelivery(ctx, service.Operator, dl, status, msg, next)
	return ok && status == domain.DeliveryDead, err
}

// post sends a signed webhook request; any answer but 2xx is a failure to
// be tried again. The answer's body is not read beyond a little, and never
// kept: only its status is.
func (d *Deliverer) post(ctx context.Context, wr *service.WebhookRequest) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, wr.URL, bytes.NewReader(wr.Body))
	if err != nil {
		return err
	}
	for k, v := range wr.Headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("User-Agent", "Lapor-Webhook/1")
	res, err := d.opt.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("webhook answered %s", res.Status)
	}
	return nil
}
