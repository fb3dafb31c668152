package service

import (
	"context"
	"errors"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/gateway"
	"github.com/lapor-id/lapor/internal/i18n"
)

// ReporterText composes the text message delivery d owes its reporter on
// the channel the report came from (WhatsApp or SMS). Only the delivery
// worker (RoleSystem) may call it: it opens the sealed number to send to.
// A WhatsApp report's submission is answered with the text kept when it
// was filed (its tracking ID and receipt); later public steps with their
// own text and the tracking link, never an internal note. nil and no
// error: there is no number to send to.
func (s *Service) ReporterText(ctx context.Context, v Viewer, d domain.Delivery, baseURL string) (_ *gateway.Message, err error) {
	defer domain.Wrap(&err, "service.ReporterText(%v)", d.ID)
	if err := authorize(v, domain.PermMaintain); err != nil {
		return nil, err
	}
	r, err := s.store.ReportByTrackingID(ctx, d.TrackingID)
	if err != nil {
		return nil, err
	}
	id, err := s.openIdentity(r)
	if err != nil {
		return nil, err
	}
	if id == nil || id.Phone == "" {
		return nil, nil
	}
	msg := &gateway.Message{To: id.Phone, Key: d.Key}
	if d.EventType == domain.EventSubmitted && r.Channel == domain.ChannelWhatsApp {
		msgKey, sealed, err := s.store.ChannelReplyOfReport(ctx, r.ID)
		if err == nil {
			if msg.Text, err = s.openChannelReply(msgKey, sealed); err != nil {
				return nil, err
			}
			return msg, nil
		}
		if !errors.Is(err, domain.ErrNotFound) {
			return nil, err
		}
	}
	ev, err := s.reporterEvent(ctx, r, d)
	if err != nil {
		return nil, err
	}
	lang := reporterLang(id)
	msg.Later, msg.Lang = true, string(lang) // a later step: perhaps days after the citizen last wrote
	var b strings.Builder
	b.WriteString(i18n.T(lang, "mail.reporter.subject."+string(ev.Type), r.TrackingID) + "\n")
	b.WriteString(i18n.T(lang, "mail.reporter.body."+string(ev.Type)) + "\n")
	if ev.Message != "" {
		b.WriteString(i18n.T(lang, "mail.reporter.message") + " " + ev.Message + "\n")
	}
	if ev.Type == domain.EventSubmitted && r.Schedule.DueAt != nil {
		b.WriteString(i18n.T(lang, "mail.reporter.due", i18n.Formatter(lang, s.cfg.Location).Date(*r.Schedule.DueAt)) + "\n")
	}
	b.WriteString(strings.TrimRight(baseURL, "/") + "/lacak/" + r.TrackingID)
	msg.Text = b.String()
	return msg, nil
}
