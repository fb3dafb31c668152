package service

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/store"
)

// SMSMessage is one text message an SMS gateway passes on.
type SMSMessage struct {
	ID   string // the gateway's message id: the same id twice is the same message
	From string // the sender's phone number
	Text string
	Lang i18n.Lang // of the answer; Indonesian when empty
}

// Limits of an SMS message (a long concatenated SMS is about 1,600 characters).
const (
	MaxSMSID    = 200
	MaxSMSText  = 2000
	smsTitleLen = 60 // runes of the text that become the title; the admin tidies it
)

// ReceiveSMS answers an SMS passed on by a gateway holding key:
// "LAPOR <text>" files a complaint (once per message id) and answers with
// its tracking ID and receipt, "STATUS <tracking ID>" answers the status,
// anything else answers how to use the service.
func (s *Service) ReceiveSMS(ctx context.Context, key string, m SMSMessage) (reply string, err error) {
	defer domain.Wrap(&err, "service.ReceiveSMS")
	if _, err := s.AuthenticateAPIKey(ctx, key, string(domain.ChannelSMS)); err != nil {
		return "", err
	}
	if err := validateSMS(m); err != nil {
		return "", err
	}
	lang := m.Lang
	if !i18n.Valid(string(lang)) {
		lang = i18n.ID
	}
	word, rest := smsCommand(m.Text)
	switch word {
	case "LAPOR":
		return s.smsReport(ctx, m, rest, lang)
	case "STATUS":
		return s.smsStatus(ctx, m, rest, lang)
	}
	return i18n.T(lang, "sms.help"), nil
}

func validateSMS(m SMSMessage) error {
	f := domain.FieldErrors{}
	switch {
	case strings.TrimSpace(m.ID) == "":
		f.Add("id", "field.required")
	case len(m.ID) > MaxSMSID || !utf8.ValidString(m.ID):
		f.Add("id", "field.too_long")
	}
	if m.From == "" {
		f.Add("from", "field.required")
	} else if !domain.ValidPhone(m.From) {
		f.Add("from", "field.phone.invalid")
	}
	if !utf8.ValidString(m.Text) {
		f.Add("text", "field.utf8")
	} else if utf8.RuneCountInString(m.Text) > MaxSMSText {
		f.Add("text", "field.too_long")
	}
	return f.Err()
}

// smsCommand splits the first word, in capitals, from the rest.
func smsCommand(text string) (word, rest string) {
	text = strings.TrimSpace(text)
	i := strings.IndexFunc(text, unicode.IsSpace)
	if i < 0 {
		return strings.ToUpper(text), ""
	}
	return strings.ToUpper(text[:i]), strings.TrimSpace(text[i:])
}

// smsReport files the complaint of message m, or answers again what the
// first delivery of m was answered.
func (s *Service) smsReport(ctx context.Context, m SMSMessage, text string, lang i18n.Lang) (string, error) {
	msgKey := store.ChannelMessageKey(domain.ChannelSMS, m.ID)
	if sealed, err := s.store.ChannelReply(ctx, msgKey); err == nil {
		return s.openChannelReply(msgKey, sealed)
	} else if !errors.Is(err, domain.ErrNotFound) {
		return "", err
	}
	sub := domain.Submission{Kind: domain.KindComplaint, Title: smsTitle(text), Body: text,
		Reporter: domain.Identity{Phone: m.From}, Channel: domain.ChannelSMS}
	p, err := s.prepareSubmission(ctx, sub, nil)
	if domain.ErrorCode(err) == domain.CodeInvalid {
		return i18n.T(lang, "sms.report.invalid"), nil // the citizen can send it again, better
	}
	if err != nil {
		return "", err
	}
	sealed, isNew, err := s.store.CreateChannelReport(ctx, msgKey, p.report, p.event, p.files, func(r *domain.Report) ([]byte, error) {
		reply := i18n.T(lang, "sms.report.filed", r.TrackingID, p.receipt, r.TrackingID)
		return s.sealer.Seal([]byte(reply), channelReplyAAD(msgKey)), nil
	})
	if err != nil {
		return "", err
	}
	if isNew {
		s.filed(p.report)
	}
	return s.openChannelReply(msgKey, sealed)
}

func (s *Service) openChannelReply(msgKey string, sealed []byte) (string, error) {
	pt, err := s.sealer.Open(sealed, channelReplyAAD(msgKey))
	if err != nil {
		return "", err
	}
	return string(pt), nil
}

// channelReplyAAD binds a stored answer to its message.
func channelReplyAAD(msgKey string) []byte { return []byte("channel-reply:" + msgKey) }

// smsTitle is the start of the text, cut at a word.
func smsTitle(text string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if utf8.RuneCountInString(line) <= smsTitleLen {
		return line
	}
	r := []rune(line)[:smsTitleLen]
	if i := strings.LastIndexFunc(string(r), unicode.IsSpace); i > smsTitleLen/2 {
		return strings.TrimSpace(string(r)[:i]) + "…"
	}
	return string(r) + "…"
}

// smsStatus answers the status of a report to whoever may know it: anyone
// for a public report or one waiting for verification (what its receipt's
// QR code tells), and the reporter, from the phone they reported with, for
// any of theirs. Everything else reads as not found.
func (s *Service) smsStatus(ctx context.Context, m SMSMessage, text string, lang i18n.Lang) (string, error) {
	word, _ := smsCommand(text)
	id := domain.NormalizeTrackingID(word)
	if id == "" {
		return i18n.T(lang, "sms.status.usage"), nil
	}
	notFound := i18n.T(lang, "sms.status.not_found", word)
	r, err := s.store.ReportByTrackingID(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return notFound, nil
	}
	if err != nil {
		return "", err
	}
	answer := func() string {
		return i18n.T(lang, "sms.status.is", r.TrackingID, i18n.T(lang, "web.status."+string(r.Status)))
	}
	if _, err := s.Report(ctx, r.TrackingID, Public); err == nil {
		return answer(), nil
	}
	if _, err := s.Received(ctx, r.TrackingID); err == nil {
		return answer(), nil
	}
	if who, err := s.openIdentity(r); err == nil && who != nil && samePhone(who.Phone, m.From) {
		return answer(), nil
	}
	return notFound, nil
}

// samePhone compares two numbers by their digits, 08... and +628... alike.
func samePhone(a, b string) bool {
	norm := func(s string) string {
		var d strings.Builder
		for _, r := range s {
			if r >= '0' && r <= '9' {
				d.WriteRune(r)
			}
		}
		out := d.String()
		if strings.HasPrefix(out, "0") {
			out = "62" + out[1:]
		}
		return out
	}
	na := norm(a)
	return na != "" && na == norm(b)
}
