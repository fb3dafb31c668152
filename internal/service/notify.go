package service

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/mail"
)

// Staff notifications (issue 11). The store writes them in the
// transaction of the change (store/notify.go); here they are composed
// when the delivery worker sends them. A staff message carries the
// tracking ID, the unit, the deadline and a link, and nothing of the
// report's content: never a reporter's name, e-mail or phone (the
// identity is not opened here at all) and never an internal note.

// DigestHour is the hour of the day, in the instance's time zone, at
// which each staff user's daily digest is made.
const DigestHour = 7

// digestCutoff is the last digest time at or before now: today's 07:00
// in loc, or yesterday's before it. Its day names the digest.
func digestCutoff(now time.Time, loc *time.Location) (time.Time, string) {
	l := now.In(loc)
	c := time.Date(l.Year(), l.Month(), l.Day(), DigestHour, 0, 0, 0, loc)
	if l.Before(c) {
		c = c.AddDate(0, 0, -1)
	}
	return c, c.Format("2006-01-02")
}

// BuildDigests makes the daily digests that are due: every notice a user
// takes in a digest, written before the last 07:00, goes into that day's
// one digest delivery for the user. Several nodes may call it at once:
// each notice goes out once (the store claims them with the digest).
func (s *Service) BuildDigests(ctx context.Context, v Viewer) (_ int, err error) {
	defer domain.Wrap(&err, "service.BuildDigests")
	if err := authorize(v, domain.PermMaintain); err != nil {
		return 0, err
	}
	now := s.now()
	cut, day := digestCutoff(now, s.cfg.Location)
	return s.store.BuildDigests(ctx, cut, day, now)
}

// StaffMail composes a delivery addressed to someone other than the
// reporter: a staff user's notice or digest, the supervising office's
// notice of an escalation, a citizen account's e-mail verification or a
// staff user's password reset. Only the delivery worker (RoleSystem) may
// call it. nil and no error: there is nobody to send to (the account is
// off, the office has no address), so the delivery is skipped.
func (s *Service) StaffMail(ctx context.Context, v Viewer, d domain.Delivery, baseURL string) (_ *mail.Message, err error) {
	defer domain.Wrap(&err, "service.StaffMail(%v)", d.ID)
	if err := authorize(v, domain.PermMaintain); err != nil {
		return nil, err
	}
	base := strings.TrimRight(baseURL, "/")
	switch d.Audience {
	case domain.AudienceStaff:
		if d.UserID == nil {
			return nil, errors.New("a staff delivery names no user")
		}
		u, err := s.store.UserByID(ctx, *d.UserID)
		if errors.Is(err, domain.ErrNotFound) || (err == nil && u.Disabled) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		_, l, err := s.store.NotifyPrefs(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		lang := i18n.ID
		if i18n.Valid(l) {
			lang = i18n.Lang(l)
		}
		var m *mail.Message
		switch d.Kind {
		case "digest":
			m, err = s.digestMail(ctx, lang, d, base)
		case "reset":
			m, err = s.resetMail(ctx, lang, d, base)
		default:
			m, err = s.noticeMail(ctx, lang, d, base, i18n.T(lang, "mail.staff.footer"), base+"/staf/akun")
		}
		if m == nil || err != nil {
			return nil, err
		}
		m.To = u.Email
		return m, nil
	case domain.AudienceOffice:
		to := s.deadlineSettings().SupervisingOfficeEmail
		if to == "" {
			return nil, nil
		}
		m, err := s.noticeMail(ctx, i18n.ID, d, base, i18n.T(i18n.ID, "mail.office.footer"), "")
		if m == nil || err != nil {
			return nil, err
		}
		m.To = to
		return m, nil
	case domain.AudienceCitizen:
		return s.verifyMail(ctx, d, base)
	}
	return nil, fmt.Errorf("no mail for audience %q", d.Audience)
}

// noticeFacts are what a staff notice says of its report: the unit and
// the deadline, read from the event (a notice's params), never its text.
func (s *Service) noticeFacts(ctx context.Context, lang i18n.Lang, d domain.Delivery) (unit, due string, err error) {
	unit = i18n.T(lang, "mail.staff.unit_none")
	if d.UnitID != nil {
		units, err := s.store.ListUnits(ctx)
		if err != nil {
			return "", "", err
		}
		for _, u := range units {
			if u.ID == *d.UnitID {
				unit = u.Name
			}
		}
	}
	evs, err := s.store.Events(ctx, d.ReportID)
	if err != nil {
		return "", "", err
	}
	for _, ev := range evs {
		if ev.Seq != d.EventSeq {
			continue
		}
		if t, err := time.Parse(time.RFC3339, ev.Params[domain.ParamDueAt]); err == nil {
			due = i18n.Formatter(lang, s.cfg.Location).DateTime(t)
		}
	}
	return unit, due, nil
}

func (s *Service) noticeMail(ctx context.Context, lang i18n.Lang, d domain.Delivery, base, footer, prefs string) (*mail.Message, error) {
	kind := d.Kind
	if !domain.ValidNotifyKind(domain.NotifyKind(kind)) {
		return nil, fmt.Errorf("unknown notice kind %q", kind)
	}
	unit, due, err := s.noticeFacts(ctx, lang, d)
	if err != nil {
		return nil, err
	}
	body := i18n.T(lang, "mail.staff.body."+kind, unit)
	if kind != string(domain.NotifyRouted) && kind != string(domain.NotifyReplied) {
		body = i18n.T(lang, "mail.staff.body."+kind, unit, due)
	}
	c := staffMailContent{
		Lines:  []staffLine{{Text: body}},
		Footer: footer, Prefs: prefs,
	}
	c.Lines = append(c.Lines, staffLine{Text: i18n.T(lang, "mail.staff.tracking", d.TrackingID)},
		staffLine{Text: i18n.T(lang, "mail.staff.link"), Link: base + "/staf/laporan/" + d.TrackingID})
	return c.message(i18n.T(lang, "mail.staff.subject."+kind, d.TrackingID), d)
}

func (s *Service) digestMail(ctx context.Context, lang i18n.Lang, d domain.Delivery, base string) (*mail.Message, error) {
	ns, err := s.store.DigestNotices(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	if len(ns) == 0 {
		return nil, nil
	}
	c := staffMailContent{Footer: i18n.T(lang, "mail.staff.footer"), Prefs: base + "/staf/akun",
		Lines: []staffLine{{Text: i18n.T(lang, "mail.digest.intro")}}}
	f := i18n.Formatter(lang, s.cfg.Location)
	for _, n := range ns {
		c.Items = append(c.Items, staffLine{
			Text: n.TrackingID + " (" + f.DateTime(n.CreatedAt) + "): " + i18n.T(lang, "mail.digest.line."+n.Kind),
			Link: base + "/staf/laporan/" + n.TrackingID})
	}
	return c.message(i18n.T(lang, "mail.digest.subject", len(ns)), d)
}

type staffLine struct{ Text, Link string }

type staffMailContent struct {
	Lines  []staffLine
	Items  []staffLine // a digest's notices
	Footer string
	Prefs  string // the account page, where the user chooses
}

func (c staffMailContent) message(subject string, d domain.Delivery) (*mail.Message, error) {
	var t strings.Builder
	for _, l := range c.Lines {
		t.WriteString(l.Text)
		if l.Link != "" {
			t.WriteString(" " + l.Link)
		}
		t.WriteString("\n\n")
	}
	for _, l := range c.Items {
		t.WriteString("- " + l.Text + "\n  " + l.Link + "\n")
	}
	if len(c.Items) > 0 {
		t.WriteString("\n")
	}
	t.WriteString("-- \n" + c.Footer)
	if c.Prefs != "" {
		t.WriteString(" " + c.Prefs)
	}
	t.WriteString("\n")
	var html bytes.Buffer
	if err := staffMailHTML.Execute(&html, c); err != nil {
		return nil, err
	}
	return &mail.Message{Subject: subject, Text: t.String(), HTML: html.String(), MessageID: d.Key + "@lapor", Key: d.Key}, nil
}

var staffMailHTML = template.Must(template.New("staffmail").Parse(`<!doctype html>
<html><body style="font-family:sans-serif;line-height:1.5">
{{range .Lines}}<p>{{.Text}}{{if .Link}} <a href="{{.Link}}">{{.Link}}</a>{{end}}</p>
{{end}}{{if .Items}}<ul>{{range .Items}}<li><a href="{{.Link}}">{{.Text}}</a></li>{{end}}</ul>{{end}}
<p style="color:#666;font-size:small">{{.Footer}}{{if .Prefs}} <a href="{{.Prefs}}">{{.Prefs}}</a>{{end}}</p>
</body></html>
`))

// NotifySettings are how a staff user hears of each kind of notice, and
// the language the notices are written in.
type NotifySettings struct {
	Modes map[domain.NotifyKind]string
	Lang  string
}

// NotifySettingsOf returns the caller's own notification settings.
func (s *Service) NotifySettingsOf(ctx context.Context, v Viewer) (_ NotifySettings, err error) {
	defer domain.Wrap(&err, "service.NotifySettingsOf")
	u, err := ownAccount(v)
	if err != nil {
		return NotifySettings{}, err
	}
	modes, lang, err := s.store.NotifyPrefs(ctx, u.ID)
	return NotifySettings{Modes: modes, Lang: lang}, err
}

// SetNotifySettings stores the caller's own choice, per kind, of now, a
// daily digest or off, and the notices' language. A mode or language not
// offered is refused and nothing changes.
func (s *Service) SetNotifySettings(ctx context.Context, v Viewer, ns NotifySettings) (err error) {
	defer domain.Wrap(&err, "service.SetNotifySettings")
	u, err := ownAccount(v)
	if err != nil {
		return err
	}
	f := domain.FieldErrors{}
	for k, m := range ns.Modes {
		if !domain.ValidNotifyKind(k) {
			f.Add("notify."+string(k), "field.notify.kind")
		} else if !domain.ValidNotifyMode(m) {
			f.Add("notify."+string(k), "field.notify.mode")
		}
	}
	if !i18n.Valid(ns.Lang) {
		f.Add("notify_lang", "field.notify.lang")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.store.SetNotifyPrefs(ctx, u.ID, ns.Modes, ns.Lang)
}

// SetUnitHead names the staff account told of a unit's escalations
// (userID 0: nobody). A disabled or unknown account is refused.
func (s *Service) SetUnitHead(ctx context.Context, v Viewer, code string, userID int64) (err error) {
	defer domain.Wrap(&err, "service.SetUnitHead(%q)", code)
	if err := authorize(v, domain.PermManageUnits); err != nil {
		return err
	}
	u, err := s.store.UnitByCode(ctx, domain.NormalizeCode(code))
	if err != nil {
		return err
	}
	var head *int64
	if userID != 0 {
		user, err := s.store.UserByID(ctx, userID)
		if errors.Is(err, domain.ErrNotFound) || (err == nil && user.Disabled) {
			return domain.InvalidField("head", "field.unit_head.unknown")
		}
		if err != nil {
			return err
		}
		head = &user.ID
	}
	return s.store.SetUnitHead(ctx, u.ID, head)
}

// UnitHeads maps each unit's id to its head's user id, for the units page.
func (s *Service) UnitHeads(ctx context.Context, v Viewer) (_ map[int64]int64, err error) {
	defer domain.Wrap(&err, "service.UnitHeads")
	if err := authorize(v, domain.PermManageUnits); err != nil {
		return nil, err
	}
	return s.store.UnitHeads(ctx)
}

// unsubscribeToken is the secret of a report's unsubscribe link: a keyed
// digest of its tracking ID, so only the instance can make one.
func (s *Service) unsubscribeToken(ctx context.Context, trackingID string) (string, error) {
	d, err := s.lookupDigest(ctx, "unsubscribe", trackingID)
	if err != nil {
		return "", err
	}
	return d[:32], nil
}

// StopReporterMail stops every further e-mail about a report to its
// reporter, for whoever holds the link of one of them (the token). A
// wrong token or an unknown report is not found, alike.
func (s *Service) StopReporterMail(ctx context.Context, v Viewer, trackingID, token string) (err error) {
	defer domain.Wrap(&err, "service.StopReporterMail")
	if err := authorize(v, domain.PermSubmit); err != nil {
		return err
	}
	id := domain.NormalizeTrackingID(trackingID)
	if id == "" || len(token) != 32 {
		return domain.ErrNotFound
	}
	want, err := s.unsubscribeToken(ctx, id)
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(want), []byte(token)) != 1 {
		return domain.ErrNotFound
	}
	r, err := s.store.ReportByTrackingID(ctx, id)
	if err != nil {
		return err
	}
	return s.store.StopReporterMail(ctx, r.ID, s.now())
}
