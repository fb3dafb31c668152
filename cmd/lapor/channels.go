package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/gateway"
	"github.com/lapor-id/lapor/internal/mailin"
	"github.com/lapor-id/lapor/internal/service"
)

// whatsappAPI is the Cloud API client of --whatsapp-token and
// --whatsapp-phone-id; nil without a token.
func whatsappAPI(v *config.Values) *gateway.WhatsApp {
	token := strings.TrimSpace(v.String("whatsapp-token"))
	if token == "" {
		return nil
	}
	return &gateway.WhatsApp{Base: v.String("whatsapp-api"), PhoneID: strings.TrimSpace(v.String("whatsapp-phone-id")), Token: token,
		Template: strings.TrimSpace(v.String("whatsapp-template"))}
}

// whatsappSettings are serve's WhatsApp webhook settings.
func whatsappSettings(v *config.Values) service.WhatsAppConfig {
	return service.WhatsAppConfig{
		VerifyToken:   strings.TrimSpace(v.String("whatsapp-verify-token")),
		AppSecret:     strings.TrimSpace(v.String("whatsapp-app-secret")),
		PhoneNumberID: strings.TrimSpace(v.String("whatsapp-phone-id")),
		API:           whatsappAPI(v),
	}
}

// phoneSenders are the outbox's WhatsApp and SMS senders; a channel
// without its settings is left out and goes to a log sink, said once.
func phoneSenders(v *config.Values, log *slog.Logger) map[string]gateway.Sender {
	out := map[string]gateway.Sender{}
	if api := whatsappAPI(v); api != nil {
		out[domain.DeliveryWhatsApp] = api
	} else {
		log.Info("no --whatsapp-token (LAPOR_WHATSAPP_TOKEN) set: WhatsApp answers go to a log sink")
	}
	if u := v.String("sms-gateway"); u != "" {
		out[domain.DeliverySMS] = &gateway.SMS{URL: u, Key: strings.TrimSpace(v.String("sms-gateway-key"))}
	} else {
		log.Info("no --sms-gateway (LAPOR_SMS_GATEWAY) set: SMS to reporters goes to a log sink")
	}
	return out
}

// startMailIntake listens for reports by e-mail on --smtp-listen, when
// set, until the returned function is called.
func startMailIntake(v *config.Values, svc *service.Service, log *slog.Logger, stdout io.Writer) (func(), error) {
	addr := v.String("smtp-listen")
	if addr == "" {
		return func() {}, nil
	}
	intake := strings.TrimSpace(v.String("intake-address"))
	if intake != "" && !domain.ValidEmail(intake) {
		return nil, fmt.Errorf("--intake-address (LAPOR_INTAKE_ADDRESS) %q is not an e-mail address", intake)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for e-mail on %s: %w", addr, err)
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		log.Warn("the e-mail intake listens beyond loopback: any host that reaches it can deliver mail; put it behind the city's mail server or a firewall", "addr", ln.Addr().String())
	}
	srv := mailin.New(svc, mailin.Options{Intake: intake, Logger: log})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil {
			log.Error("e-mail intake stopped", "err", err)
		}
	}()
	to := intake
	if to == "" {
		to = "any recipient"
	}
	fmt.Fprintf(stdout, "Reports by e-mail are taken over SMTP at %s (for %s)\n", ln.Addr(), to)
	return func() {
		srv.Close()
		<-done
	}, nil
}
