package service

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/mail"
)

// Deliveries lists the outbox's deliveries in one state (pending, dead,
// delivered, skipped) for an admin. They hold no address or name.
func (s *Service) Deliveries(ctx context.Context, v Viewer, status string) (_ []domain.Delivery, err error) {
	defer domain.Wrap(&err, "service.Deliveries(%q)", status)
	if err := authorize(v, domain.PermManageOutbox); err != nil {
		return nil, err
	}
	switch status {
	case domain.DeliveryPending, domain.DeliveryDead, domain.DeliveryDelivered, domain.DeliverySkipped:
	default:
		return nil, domain.InvalidField("status", "field.delivery_status.unknown")
	}
	return s.store.ListDeliveries(ctx, status, 200)
}

// RetryDelivery puts a dead delivery back in line, with a new day of tries.
func (s *Service) RetryDelivery(ctx context.Context, v Viewer, id int64) (err error) {
	defer domain.Wrap(&err, "service.RetryDelivery(%v)", id)
	if err := authorize(v, domain.PermManageOutbox); err != nil {
		return err
	}
	return s.store.RetryDelivery(ctx, id, s.now())
}

// ClaimDeliveries takes due deliveries for the delivery worker (token
// names its claim) for lease.
func (s *Service) ClaimDeliveries(ctx context.Context, v Viewer, lease time.Duration, limit int, token string) (_ []domain.Delivery, err error) {
	defer domain.Wrap(&err, "service.ClaimDeliveries")
	if err := authorize(v, domain.PermMaintain); err != nil {
		return nil, err
	}
	return s.store.ClaimDeliveries(ctx, s.now(), lease, limit, token)
}

// FinishDelivery records how a claimed delivery went; false when the
// claim had expired and another worker holds it.
func (s *Service) FinishDelivery(ctx context.Context, v Viewer, d domain.Delivery, status, lastError string, next time.Time) (_ bool, err error) {
	defer domain.Wrap(&err, "service.FinishDelivery(%v)", d.ID)
	if err := authorize(v, domain.PermMaintain); err != nil {
		return false, err
	}
	return s.store.FinishDelivery(ctx, d.ID, d.Claim, status, lastError, s.now(), next)
}

// ReporterMail composes the e-mail delivery d owes its reporter. Only the
// delivery worker (RoleSystem) may call it: it is the one place the
// sealed contact is opened to send to it. nil and no error: the reporter
// gave no e-mail, so there is nothing to send. Only the public step's
// own text is used, never an internal note.
func (s *Service) ReporterMail(ctx context.Context, v Viewer, d domain.Delivery, baseURL string) (_ *mail.Message, err error) {
	defer domain.Wrap(&err, "service.ReporterMail(%v)", d.ID)
	if err := authorize(v, domain.PermMaintain); err != nil {
		return nil, err
	}
	r, err := s.store.ReportByTrackingID(ctx, d.TrackingID)
	if err != nil {
		return nil, err
	}
	// A follower (the reporter of a duplicate) is written to at the contact
	// of their own report, about the original, while the public sees it.
	contact := r
	if d.Audience == domain.DeliveryFollower {
		if domain.ReportAccess(r, domain.Reader{Role: domain.RolePublic}) != AccessPublic {
			return nil, nil
		}
		if contact, err = s.store.ReportByTrackingID(ctx, d.Follower); err != nil {
			return nil, err
		}
	}
	id, err := s.openIdentity(contact)
	if err != nil {
		return nil, err
	}
	if id == nil || id.Email == "" {
		return nil, nil
	}
	if stopped, err := s.store.ReporterMailStopped(ctx, r.ID); err != nil || stopped {
		return nil, err // unsubscribed: nothing more is sent
	}
	token, err := s.unsubscribeToken(ctx, r.TrackingID)
	if err != nil {
		return nil, err
	}
	stop := strings.TrimRight(baseURL, "/") + "/berhenti/" + r.TrackingID + "?t=" + token
	ev, err := s.reporterEvent(ctx, r, d)
	if err != nil {
		return nil, err
	}
	lang := reporterLang(id)
	c := reporterMailContent{
		Body:     i18n.T(lang, "mail.reporter.body."+string(ev.Type)),
		Tracking: i18n.T(lang, "mail.reporter.tracking", r.TrackingID),
		LinkText: i18n.T(lang, "mail.reporter.link"),
		Link:     strings.TrimRight(baseURL, "/") + "/lacak/" + r.TrackingID,
		Footer:   i18n.T(lang, "mail.reporter.footer"),
		StopText: i18n.T(lang, "mail.reporter.unsubscribe"),
		Stop:     stop,
	}
	if d.Audience == domain.DeliveryFollower {
		// The follower holds no receipt of the original: its public page.
		c.Link = strings.TrimRight(baseURL, "/") + "/laporan/" + r.TrackingID
		c.Tracking += " " + i18n.T(lang, "mail.follower.why", contact.TrackingID)
	}
	if ev.Message != "" {
		c.MessageLabel, c.Message = i18n.T(lang, "mail.reporter.message"), ev.Message
	}
	if ev.Type == domain.EventSubmitted && r.Schedule.DueAt != nil {
		c.Due = i18n.T(lang, "mail.reporter.due", i18n.Formatter(lang, s.cfg.Location).Date(*r.Schedule.DueAt))
	}
	infoMailLines(&c, lang, s.cfg.Location, ev)
	if err := s.emailReceipt(ctx, &c, r, ev, lang); err != nil { // email_in.go: a reply to an e-mailed report
		return nil, err
	}
	var html bytes.Buffer
	if err := reporterMailHTML.Execute(&html, c); err != nil {
		return nil, err
	}
	return &mail.Message{
		To:        id.Email,
		Subject:   i18n.T(lang, "mail.reporter.subject."+string(ev.Type), r.TrackingID),
		Text:      c.text(),
		HTML:      html.String(),
		MessageID: d.Key + "@lapor",
		Key:       d.Key,
		// RFC 2369 and RFC 8058: a mail client's one-click unsubscribe POSTs to the link.
		Headers: map[string]string{"List-Unsubscribe": "<" + stop + ">", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
	}, nil
}

type reporterMailContent struct {
	Body, MessageLabel, Message, Due, Tracking, LinkText, Link, Footer, StopText, Stop string
}

func (c reporterMailContent) text() string {
	var b strings.Builder
	b.WriteString(c.Body + "\n\n")
	if c.Message != "" {
		b.WriteString(c.MessageLabel + "\n" + c.Message + "\n\n")
	}
	if c.Due != "" {
		b.WriteString(c.Due + "\n\n")
	}
	b.WriteString(c.Tracking + "\n" + c.LinkText + " " + c.Link + "\n\n-- \n" + c.Footer + "\n" + c.StopText + " " + c.Stop + "\n")
	return b.String()
}

var reporterMailHTML = template.Must(template.New("mail").Parse(`<!doctype html>
<html><body style="font-family:sans-serif;line-height:1.5">
<p>{{.Body}}</p>
{{if .Message}}<p><strong>{{.MessageLabel}}</strong><br>{{.Message}}</p>{{end}}
{{if .Due}}<p>{{.Due}}</p>{{end}}
<p>{{.Tracking}}<br>{{.LinkText}} <a href="{{.Link}}">{{.Link}}</a></p>
<p style="color:#666;font-size:small">{{.Footer}}<br>{{.StopText}} <a href="{{.Stop}}">{{.Stop}}</a></p>
</body></html>
`))

// reporterEvent is the public step delivery d tells report r's reporter
// of, on any channel.
func (s *Service) reporterEvent(ctx context.Context, r *domain.Report, d domain.Delivery) (*domain.Event, error) {
	evs, err := s.store.Events(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	for i := range evs {
		if evs[i].Seq == d.EventSeq && domain.ReporterHears(evs[i]) {
			return &evs[i], nil
		}
	}
	return nil, errors.New("the delivery's event is missing or not public")
}

// reporterLang is the language the reporter wrote in, Indonesian when
// unknown.
func reporterLang(id *domain.Identity) i18n.Lang {
	if i18n.Valid(id.Lang) {
		return i18n.Lang(id.Lang)
	}
	return i18n.ID
}
