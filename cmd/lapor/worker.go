package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/mail"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/worker"
)

// schedulerOptions are serve's scheduler settings (--scheduler, --interval).
type schedulerOptions struct {
	enabled  bool
	interval time.Duration
}

func schedulerSettings(v *config.Values) *schedulerOptions {
	return &schedulerOptions{enabled: v.Bool("scheduler"), interval: config.Get[time.Duration](v, "interval")}
}

// start runs the scheduler in the background when enabled; the function it
// returns stops it and waits for the pass under way to end.
func (o *schedulerOptions) start(ctx context.Context, svc *service.Service, st *store.Store, log *slog.Logger, passed func(worker.Result)) func() {
	if !o.enabled {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	w := worker.New(svc, st, worker.Options{Interval: o.interval, Logger: log, Passed: passed})
	go func() {
		defer close(done)
		_ = w.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

// cmdWorker runs the scheduler alone, e.g. on a node that serves no
// requests. Several may run against one database.
func cmdWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	v, err := c.load(config.Worker, args)
	if err != nil {
		return err
	}
	interval := config.Get[time.Duration](v, "interval")
	log := newLogger(stderr, v.String("log-format"))
	send, err := mailSender(v, log)
	if err != nil {
		return err
	}
	svc, st, err := c.open(ctx, log, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	w := worker.New(svc, st, worker.Options{Interval: interval, Logger: log})
	if v.Bool("once") {
		res, err := w.Pass(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "checked %d reports: %d reminded, %d escalated, %d auto-completed, %d archived, %d flagged for the Ombudsman\n",
			res.Checked, res.Reminded, res.Escalated, res.AutoCompleted, res.Archived, res.Flagged)
		return nil
	}
	fmt.Fprintf(stdout, "Lapor scheduler is running every %s (database: %s; e-mail: %s)\n", interval, redact(c.db), send.Name())
	defer startDeliveries(ctx, svc, send, deliveryOptions(v, log))()
	return w.Run(ctx)
}

// deliveryOptions are the delivery worker's settings.
func deliveryOptions(v *config.Values, log *slog.Logger) worker.DeliveryOptions {
	return worker.DeliveryOptions{BaseURL: v.String("base-url"), Logger: log,
		Interval: config.Get[time.Duration](v, "delivery-interval"), Lease: config.Get[time.Duration](v, "delivery-lease"),
		Phones: phoneSenders(v, log)} // channels.go
}

// mailSender is the SMTP server of --smtp, or the log sink without one.
func mailSender(v *config.Values, log *slog.Logger) (mail.Sender, error) {
	raw := strings.TrimSpace(v.String("smtp"))
	if raw == "" {
		log.Warn("no --smtp (LAPOR_SMTP) set: e-mail to reporters goes to a log sink and is not sent")
		return mail.LogSink{Log: log}, nil
	}
	cfg, err := mail.ParseSMTPURL(raw, strings.TrimSpace(v.String("mail-from")))
	if err != nil {
		return nil, err
	}
	return mail.NewSMTP(cfg), nil
}

// startDeliveries runs the outbox's delivery worker until the returned
// function is called; a claim cut short is taken up again after its lease.
func startDeliveries(ctx context.Context, svc *service.Service, send mail.Sender, opt worker.DeliveryOptions) func() {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	d := worker.NewDeliverer(svc, send, opt)
	go func() {
		defer close(done)
		_ = d.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

// mailSenderName is what the outbox page says mail goes to: the server of
// --smtp (no credentials), or the log sink.
func mailSenderName(v *config.Values) string {
	if !v.Bool("scheduler") {
		return "" // deliveries run in another process (lapor worker)
	}
	raw := strings.TrimSpace(v.String("smtp"))
	if raw == "" {
		return mail.LogSink{}.Name()
	}
	cfg, err := mail.ParseSMTPURL(raw, v.String("mail-from"))
	if err != nil {
		return ""
	}
	return mail.NewSMTP(cfg).Name()
}
