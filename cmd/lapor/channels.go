package main

import (
	"log/slog"
	"strings"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/gateway"
	"github.com/lapor-id/lapor/internal/service"
)

// whatsappAPI is the Cloud API client of --whatsapp-token and
// --whatsapp-phone-id; nil without a token.
func whatsappAPI(v *config.Values) *gateway.WhatsApp {
	token := strings.TrimSpace(v.String("whatsapp-token"))
	if token == "" {
		return nil
	}
	return &gateway.WhatsApp{Base: v.String("whatsapp-api"), PhoneID: strings.TrimSpace(v.String("whatsapp-phone-id")), Token: token}
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
