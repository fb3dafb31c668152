package service

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/gateway"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/store"
)

// WhatsAppConfig are the settings of the WhatsApp Business Cloud API
// channel. Without an app secret the webhook is refused; without API the
// channel cannot fetch photos or answer.
type WhatsAppConfig struct {
	VerifyToken   string // what Meta sends back on the webhook's verification
	AppSecret     string // signs each webhook (X-Hub-Signature-256)
	PhoneNumberID string // the business number's id: messages to another are ignored
	API           *gateway.WhatsApp
}

// A conversation is kept a day after its last message (WhatsApp's own
// window to answer); a message id is remembered for a week (the Cloud
// API retries a webhook for up to a week), and older messages are ignored.
const (
	conversationTTL = 24 * time.Hour
	seenTTL         = 7 * 24 * time.Hour
	maxWhatsAppBody = 1 << 20 // the API's bound on a webhook's body
	maxWAPhotos     = 3
)

// MaxWhatsAppBody bounds a webhook's request body.
const MaxWhatsAppBody = maxWhatsAppBody

// VerifyWhatsApp answers the Cloud API's verification of the webhook:
// hub.mode "subscribe" and the configured verify token give back the
// challenge; anything else is refused.
func (s *Service) VerifyWhatsApp(mode, token, challenge string) (_ string, err error) {
	defer domain.Wrap(&err, "service.VerifyWhatsApp")
	want := s.cfg.WhatsApp.VerifyToken
	if want == "" || subtle.ConstantTimeCompare([]byte(token), []byte(want)) != 1 {
		return "", domain.ErrForbidden
	}
	if mode != "subscribe" {
		return "", domain.InvalidField("hub.mode", "field.whatsapp.mode")
	}
	if challenge == "" || len(challenge) > 200 || strings.ContainsFunc(challenge, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
		return "", domain.InvalidField("hub.challenge", "field.whatsapp.challenge")
	}
	return challenge, nil
}

// waWebhook is the part of a Cloud API webhook Lapor reads.
type waWebhook struct {
	Object string `json:"object"`
	Entry  []struct {
		Changes []struct {
			Field string `json:"field"`
			Value struct {
				Metadata struct {
					PhoneNumberID string `json:"phone_number_id"`
				} `json:"metadata"`
				Contacts []struct {
					WaID    string `json:"wa_id"`
					Profile struct {
						Name string `json:"name"`
					} `json:"profile"`
				} `json:"contacts"`
				Messages []waMessage `json:"messages"`
			} `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

type waMessage struct {
	ID        string `json:"id"`
	From      string `json:"from"`
	Timestamp string `json:"timestamp"`
	Type      string `json:"type"`
	Text      *struct {
		Body string `json:"body"`
	} `json:"text"`
	Image *struct {
		ID      string `json:"id"`
		Caption string `json:"caption"`
	} `json:"image"`
	Location *struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
		Name      string  `json:"name"`
		Address   string  `json:"address"`
	} `json:"location"`
}

// ReceiveWhatsApp takes in a webhook of the Cloud API: body is the raw
// request body and signature its X-Hub-Signature-256 header, checked
// against the app secret before anything is read. Each message moves its
// sender's conversation on (text, photo, location; "kirim" files the
// report, "STATUS <id>" answers the status, "batal" starts again) and is
// answered through the Cloud API; a message seen before does nothing.
// The report's own answer, with its tracking ID and receipt, goes out
// through the outbox.
func (s *Service) ReceiveWhatsApp(ctx context.Context, body []byte, signature string) (err error) {
	defer domain.Wrap(&err, "service.ReceiveWhatsApp")
	cfg := s.cfg.WhatsApp
	if cfg.AppSecret == "" {
		return domain.Errorf(domain.CodeForbidden, "error.whatsapp.off")
	}
	if strings.TrimSpace(signature) == "" {
		return domain.Errorf(domain.CodeUnauthorized, "error.whatsapp.signature_missing")
	}
	if !gateway.SignatureOK(cfg.AppSecret, body, signature) {
		return domain.Errorf(domain.CodeForbidden, "error.whatsapp.signature_bad")
	}
	var hook waWebhook
	if err := json.Unmarshal(body, &hook); err != nil || hook.Object != "whatsapp_business_account" {
		return domain.InvalidField("body", "field.whatsapp.malformed")
	}
	for _, e := range hook.Entry {
		for _, c := range e.Changes {
			if c.Field != "messages" {
				continue
			}
			v := c.Value
			if cfg.PhoneNumberID != "" && v.Metadata.PhoneNumberID != cfg.PhoneNumberID {
				s.log.Warn("whatsapp message for another number ignored")
				continue
			}
			names := map[string]string{}
			for _, ct := range v.Contacts {
				names[ct.WaID] = ct.Profile.Name
			}
			for _, m := range v.Messages {
				if err := s.waMessage(ctx, m, names[m.From]); err != nil {
					return err
				}
			}
		}
	}
	s.dropOldConversations(ctx)
	return nil
}

// waState is a conversation's content, kept sealed.
type waState struct {
	Text  string   `json:"text,omitempty"`
	Lat   *float64 `json:"lat,omitempty"`
	Lon   *float64 `json:"lon,omitempty"`
	Place string   `json:"place,omitempty"`
	Files []waFile `json:"files,omitempty"`
}

type waFile struct {
	Name string `json:"name"`
	Data []byte `json:"data"` // already checked and stripped
}

func conversationAAD(convKey string) []byte { return []byte("conversation:" + convKey) }

// waMessage takes in one message; its errors are the service's own (a
// message the citizen got wrong is answered, not refused).
func (s *Service) waMessage(ctx context.Context, m waMessage, name string) error {
	if m.ID == "" || len(m.ID) > MaxSMSID || !utf8.ValidString(m.ID) || !domain.ValidPhone("+"+m.From) {
		s.log.Warn("whatsapp message without a usable id or sender ignored")
		return nil
	}
	now := s.now()
	if sec, err := strconv.ParseInt(m.Timestamp, 10, 64); err == nil && now.Sub(time.Unix(sec, 0)) > seenTTL {
		s.log.Warn("stale whatsapp message ignored", "message", m.ID)
		return nil
	}
	msgKey := store.ChannelMessageKey(domain.ChannelWhatsApp, m.ID)
	if seen, err := s.store.ChannelSeen(ctx, msgKey); err != nil || seen {
		return err
	}
	convKey, err := s.lookupDigest(ctx, "whatsapp-sender", digitsOf(m.From))
	if err != nil {
		return err
	}
	lang := i18n.ID
	phone := "+" + digitsOf(m.From)
	var reply string
	// step changes the state; nil: leave it as it is.
	var step func(*waState) (*waState, error)
	switch m.Type {
	case "text":
		if m.Text == nil {
			return nil
		}
		word, rest := smsCommand(m.Text.Body)
		switch word {
		case "KIRIM":
			return s.waFile(ctx, m, msgKey, convKey, phone, name, lang)
		case "STATUS":
			if reply, err = s.smsStatus(ctx, SMSMessage{From: phone}, rest, lang); err != nil {
				return err
			}
		case "BATAL":
			reply = i18n.T(lang, "wa.cancelled")
			step = func(*waState) (*waState, error) { return nil, nil }
		case "HELP", "BANTUAN", "?":
			reply = i18n.T(lang, "wa.help")
		default:
			text := strings.TrimSpace(m.Text.Body)
			if w, r := smsCommand(text); w == "LAPOR" {
				text = r // "LAPOR <text>" as on SMS
			}
			reply = i18n.T(lang, "wa.text.added")
			step = func(st *waState) (*waState, error) {
				if utf8.RuneCountInString(st.Text)+utf8.RuneCountInString(text) > domain.MaxBody {
					reply = i18n.T(lang, "wa.text.too_long")
					return st, nil
				}
				st.Text = strings.TrimSpace(st.Text + "\n" + text)
				return st, nil
			}
		}
	case "image":
		if m.Image == nil {
			return nil
		}
		file, bad := s.waPhoto(ctx, m.Image.ID, lang)
		if bad != "" {
			reply = bad
			break
		}
		reply = i18n.T(lang, "wa.photo.added")
		caption := strings.TrimSpace(m.Image.Caption)
		step = func(st *waState) (*waState, error) {
			if len(st.Files) >= maxWAPhotos {
				reply = i18n.T(lang, "wa.photo.too_many", maxWAPhotos)
				return st, nil
			}
			st.Files = append(st.Files, *file)
			if caption != "" && utf8.RuneCountInString(st.Text)+utf8.RuneCountInString(caption) <= domain.MaxBody {
				st.Text = strings.TrimSpace(st.Text + "\n" + caption)
			}
			return st, nil
		}
	case "location":
		l := m.Location
		if l == nil || !(l.Latitude >= -90 && l.Latitude <= 90 && l.Longitude >= -180 && l.Longitude <= 180) {
			reply = i18n.T(lang, "wa.location.bad")
			break
		}
		reply = i18n.T(lang, "wa.location.added")
		lat, lon := l.Latitude, l.Longitude
		place := strings.TrimSpace(strings.Join(nonEmpty(l.Name, l.Address), ", "))
		if utf8.RuneCountInString(place) > 200 || !utf8.ValidString(place) {
			place = ""
		}
		step = func(st *waState) (*waState, error) {
			st.Lat, st.Lon, st.Place = &lat, &lon, place
			return st, nil
		}
	default:
		reply = i18n.T(lang, "wa.unsupported")
	}
	seen, err := s.store.ConversationStep(ctx, msgKey, convKey, now, now.Add(-conversationTTL), func(prev []byte) ([]byte, error) {
		if step == nil {
			return prev, nil
		}
		st := &waState{}
		if prev != nil {
			pt, err := s.sealer.Open(prev, conversationAAD(convKey))
			if err != nil {
				return nil, err
			}
			if err := json.Unmarshal(pt, st); err != nil {
				return nil, err
			}
		}
		next, err := step(st)
		if err != nil || next == nil {
			return nil, err
		}
		pt, err := json.Marshal(next)
		if err != nil {
			return nil, err
		}
		return s.sealer.Seal(pt, conversationAAD(convKey)), nil
	})
	if err != nil || seen {
		return err
	}
	s.waReply(ctx, phone, reply, msgKey)
	return nil
}

// waPhoto fetches and checks a photo; a photo that cannot be taken gives
// the answer to send instead.
func (s *Service) waPhoto(ctx context.Context, mediaID string, lang i18n.Lang) (*waFile, string) {
	api := s.cfg.WhatsApp.API
	if api == nil || mediaID == "" {
		return nil, i18n.T(lang, "wa.photo.bad")
	}
	data, err := api.Media(ctx, mediaID, MaxFileSize)
	if errors.Is(err, gateway.ErrMediaTooLarge) {
		return nil, i18n.T(lang, "wa.photo.too_large")
	}
	if err != nil {
		s.log.Warn("whatsapp photo not fetched", "err", err)
		return nil, i18n.T(lang, "wa.photo.bad")
	}
	files, err := prepareUploads([]Upload{{Name: "whatsapp", Data: data}})
	if err != nil {
		return nil, i18n.T(lang, "wa.photo.bad")
	}
	return &waFile{Name: files[0].Name, Data: files[0].Data}, ""
}

// waFile files the report the conversation put together.
func (s *Service) waFile(ctx context.Context, m waMessage, msgKey, convKey, phone, name string, lang i18n.Lang) error {
	now := s.now()
	answer := func(key string) error {
		seen, err := s.store.ConversationStep(ctx, msgKey, convKey, now, now.Add(-conversationTTL),
			func(prev []byte) ([]byte, error) { return prev, nil })
		if err == nil && !seen {
			s.waReply(ctx, phone, i18n.T(lang, key), msgKey)
		}
		return err
	}
	c, err := s.store.Conversation(ctx, convKey, now.Add(-conversationTTL))
	if errors.Is(err, domain.ErrNotFound) {
		return answer("wa.kirim.empty")
	}
	if err != nil {
		return err
	}
	pt, err := s.sealer.Open(c.Sealed, conversationAAD(convKey))
	if err != nil {
		return err
	}
	var st waState
	if err := json.Unmarshal(pt, &st); err != nil {
		return err
	}
	if strings.TrimSpace(st.Text) == "" {
		return answer("wa.kirim.empty")
	}
	uploads := make([]Upload, len(st.Files))
	for i, f := range st.Files {
		uploads[i] = Upload{Name: f.Name, Data: f.Data}
	}
	sub := domain.Submission{Kind: domain.KindComplaint, Title: smsTitle(st.Text), Body: st.Text,
		Location: domain.Location{Lat: st.Lat, Lon: st.Lon, Address: st.Place},
		Reporter: domain.Identity{Phone: phone, Name: name, Lang: string(lang)}, Channel: domain.ChannelWhatsApp}
	p, err := s.prepareSubmission(ctx, sub, uploads)
	if domain.ErrorCode(err) == domain.CodeInvalid || domain.ErrorCode(err) == domain.CodeTooLarge {
		return answer("wa.report.invalid")
	}
	if err != nil {
		return err
	}
	filed, err := s.store.FileConversation(ctx, msgKey, c, p.report, p.event, p.files, func(r *domain.Report) ([]byte, error) {
		reply := i18n.T(lang, "wa.report.filed", r.TrackingID, p.receipt, r.TrackingID)
		return s.sealer.Seal([]byte(reply), channelReplyAAD(msgKey)), nil
	}, now)
	if domain.ErrorCode(err) == domain.CodeConflict {
		return answer("wa.kirim.again") // another message came in meanwhile
	}
	if err != nil {
		return err
	}
	if filed {
		s.filed(p.report) // its answer, with the tracking ID, is the outbox's (channel_out.go)
	}
	return nil
}

// waReply sends an answer at once; one that fails is logged (without the
// number) and not tried again: the citizen sends again.
func (s *Service) waReply(ctx context.Context, phone, text, msgKey string) {
	api := s.cfg.WhatsApp.API
	if api == nil || text == "" {
		return
	}
	if err := api.Send(ctx, gateway.Message{To: phone, Text: text, Key: msgKey + ".reply"}); err != nil {
		s.log.Warn("whatsapp answer not sent", "message", msgKey, "err", err)
	}
}

var lastConversationSweep atomic.Int64

// dropOldConversations forgets stale conversations and old message ids,
// at most once an hour per process.
func (s *Service) dropOldConversations(ctx context.Context) {
	now := s.now()
	last := lastConversationSweep.Load()
	if now.Unix()-last < 3600 || !lastConversationSweep.CompareAndSwap(last, now.Unix()) {
		return
	}
	if _, err := s.store.DropConversations(ctx, now.Add(-conversationTTL), now.Add(-2*seenTTL)); err != nil {
		s.log.Warn("old whatsapp conversations not dropped", "err", err)
	}
}

func digitsOf(phone string) string {
	var b strings.Builder
	for _, r := range phone {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if strings.HasPrefix(out, "0") {
		out = "62" + out[1:]
	}
	return out
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
