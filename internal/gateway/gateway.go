// Package gateway holds the adapters that carry a text message to a
// phone: the WhatsApp Business Cloud API and an HTTP SMS gateway, behind
// one interface, and a log sink for an instance with neither. It also
// fetches the media a WhatsApp message refers to and checks the Cloud
// API's webhook signature.
package gateway

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Message is one text to a phone number.
type Message struct {
	To   string // the number, +62... or 62...
	Text string
	Key  string // idempotency key, the same on every attempt
	// Later marks a message that may go out after WhatsApp's 24-hour
	// window since the citizen last wrote (a later step of a report): the
	// Cloud API takes it only as an approved template (WhatsApp.Template).
	Later bool
	Lang  string // the language of the text: id or en (a template's language)
}

// Sender sends text messages on one channel.
type Sender interface {
	// Name says where messages go, for logs and the outbox page; never a secret.
	Name() string
	Send(ctx context.Context, m Message) error
}

// client is the HTTP client of an adapter: a short timeout and no
// redirects followed.
func client(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{Timeout: 15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// digits is the number without "+", spaces or dashes: 62812...
func digits(phone string) string {
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

// post sends body as JSON with a bearer token; anything but 2xx fails.
// The answer is read only a little and never kept.
func post(ctx context.Context, c *http.Client, target, token, key string, body any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("User-Agent", "Lapor/1")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	res, err := c.Do(req)
	if err != nil {
		return redactURL(err, target)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("gateway answered %s", res.Status)
	}
	return nil
}

// redactURL keeps a URL's query (which may hold a token) out of an error.
func redactURL(err error, target string) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(target); perr == nil {
			u.RawQuery, u.User = "", nil
			return fmt.Errorf("%s %s: %w", ue.Op, u.String(), ue.Err)
		}
	}
	return err
}

// WhatsApp sends through the WhatsApp Business Cloud API.
type WhatsApp struct {
	Base    string // e.g. https://graph.facebook.com/v21.0
	PhoneID string // the business phone number's id
	Token   string // the access token
	// Template is the name of an approved template with one body
	// parameter, {{1}}, that carries later messages (Message.Later);
	// "" sends them as text, which the Cloud API takes only within 24
	// hours of the citizen's last message.
	Template string
	HTTP     *http.Client
}

// Name is where messages go.
func (w *WhatsApp) Name() string { return "whatsapp cloud api " + w.Base }

// Send posts a text message: POST {base}/{phone-number-id}/messages.
func (w *WhatsApp) Send(ctx context.Context, m Message) error {
	type text struct {
		Body       string `json:"body"`
		PreviewURL bool   `json:"preview_url"`
	}
	body := struct {
		Product string `json:"messaging_product"`
		Type    string `json:"recipient_type"`
		To      string `json:"to"`
		Kind    string `json:"type"`
		Text    text   `json:"text"`
	}{"whatsapp", "individual", digits(m.To), "text", text{Body: m.Text}}
	target := strings.TrimRight(w.Base, "/") + "/" + url.PathEscape(w.PhoneID) + "/messages"
	if m.Later && w.Template != "" {
		return post(ctx, client(w.HTTP), target, w.Token, m.Key, w.template(m))
	}
	return post(ctx, client(w.HTTP), strings.TrimRight(w.Base, "/")+"/"+url.PathEscape(w.PhoneID)+"/messages", w.Token, m.Key, body)
}

// template is m as the body parameter of the approved template: one
// line (a parameter may hold no line break), at most 1,000 characters.
func (w *WhatsApp) template(m Message) any {
	param := strings.Join(strings.Fields(strings.ReplaceAll(m.Text, "\n", " | ")), " ")
	if r := []rune(param); len(r) > 1000 {
		param = string(r[:999]) + "…"
	}
	lang := m.Lang
	if lang == "" {
		lang = "id"
	}
	type value struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	type component struct {
		Type       string  `json:"type"`
		Parameters []value `json:"parameters"`
	}
	type template struct {
		Name       string            `json:"name"`
		Language   map[string]string `json:"language"`
		Components []component       `json:"components"`
	}
	return struct {
		Product  string   `json:"messaging_product"`
		Type     string   `json:"recipient_type"`
		To       string   `json:"to"`
		Kind     string   `json:"type"`
		Template template `json:"template"`
	}{"whatsapp", "individual", digits(m.To), "template", template{Name: w.Template, Language: map[string]string{"code": lang},
		Components: []component{{Type: "body", Parameters: []value{{Type: "text", Text: param}}}}}}
}

// ErrMediaTooLarge is media over the limit Media was given.
var ErrMediaTooLarge = errors.New("media too large")

// Media downloads the media id of a message, at most max bytes: the
// Cloud API first answers where the file is, then the file itself, both
// with the access token. The file's address must be https, or on the
// API's own host (a test's server).
func (w *WhatsApp) Media(ctx context.Context, id string, max int64) ([]byte, error) {
	c := client(w.HTTP)
	var meta struct {
		URL      string `json:"url"`
		FileSize int64  `json:"file_size"`
	}
	if err := w.get(ctx, c, strings.TrimRight(w.Base, "/")+"/"+url.PathEscape(id), 64<<10, func(r io.Reader) error {
		return json.NewDecoder(r).Decode(&meta)
	}); err != nil {
		return nil, err
	}
	if meta.FileSize > max {
		return nil, ErrMediaTooLarge
	}
	u, err := url.Parse(meta.URL)
	base, _ := url.Parse(w.Base)
	if err != nil || meta.URL == "" || !(u.Scheme == "https" || base != nil && u.Scheme == base.Scheme && u.Host == base.Host) {
		return nil, errors.New("media answer has no usable url")
	}
	var data []byte
	err = w.get(ctx, c, meta.URL, max+1, func(r io.Reader) error {
		data, err = io.ReadAll(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, ErrMediaTooLarge
	}
	return data, nil
}

func (w *WhatsApp) get(ctx context.Context, c *http.Client, target string, limit int64, read func(io.Reader) error) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+w.Token)
	req.Header.Set("User-Agent", "Lapor/1")
	res, err := c.Do(req)
	if err != nil {
		return redactURL(err, target)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("cloud api answered %s", res.Status)
	}
	return read(io.LimitReader(res.Body, limit))
}

// SignatureOK checks an X-Hub-Signature-256 header ("sha256=<hex>")
// against the HMAC-SHA256 of the raw body with the app secret, in
// constant time.
func SignatureOK(appSecret string, body []byte, header string) bool {
	hexSum, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok || appSecret == "" {
		return false
	}
	got, err := hex.DecodeString(hexSum)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

// Sign is the X-Hub-Signature-256 value of body, as the Cloud API sends it.
func Sign(appSecret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// SMS sends through an HTTP SMS gateway: POST {url} with
// "Authorization: Bearer <key>", "Idempotency-Key: <key>" and the JSON
// {"id":"<idempotency key>","to":"+62812...","text":"..."}; any 2xx
// answer means the gateway took the message.
type SMS struct {
	URL  string
	Key  string
	HTTP *http.Client
}

// Name is where messages go, without any token in the URL.
func (s *SMS) Name() string {
	if u, err := url.Parse(s.URL); err == nil {
		u.RawQuery, u.User = "", nil
		return "sms gateway " + u.String()
	}
	return "sms gateway"
}

// Send posts one message.
func (s *SMS) Send(ctx context.Context, m Message) error {
	to := digits(m.To)
	if to != "" {
		to = "+" + to
	}
	return post(ctx, client(s.HTTP), s.URL, s.Key, m.Key, map[string]string{"id": m.Key, "to": to, "text": m.Text})
}

// LogSink sends nothing: it logs that a message would have gone (its key,
// never the number or the text), for an instance without a gateway.
type LogSink struct {
	Channel string
	Log     *slog.Logger
}

// Name says plainly that nothing is sent.
func (l LogSink) Name() string { return "log sink (" + l.Channel + " not sent: no gateway set)" }

// Send logs the message's key.
func (l LogSink) Send(_ context.Context, m Message) error {
	if l.Log != nil {
		l.Log.Info("message not sent: no gateway set", "channel", l.Channel, "key", m.Key)
	}
	return nil
}
