package mail

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTPConfig is where and how to send: parsed from
// smtp://user:pass@host:587 (STARTTLS required) or smtps://user:pass@host:465
// (implicit TLS). Plain SMTP is allowed only to a loopback address.
type SMTPConfig struct {
	Host     string
	Port     int
	Implicit bool // smtps://
	User     string
	Password string
	From     string
}

// ParseSMTPURL reads an smtp:// or smtps:// address.
func ParseSMTPURL(raw, from string) (SMTPConfig, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return SMTPConfig{}, fmt.Errorf("--smtp: want smtp://user:pass@host:587 or smtps://user:pass@host:465")
	}
	c := SMTPConfig{Host: u.Hostname(), Implicit: u.Scheme == "smtps", From: from, Port: 587}
	if c.Implicit {
		c.Port = 465
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port <= 0 || c.Port > 65535 {
			return SMTPConfig{}, fmt.Errorf("--smtp: bad port %q", p)
		}
	}
	if u.User != nil {
		c.User = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	if from == "" {
		return SMTPConfig{}, fmt.Errorf("--mail-from is required with --smtp")
	}
	return c, nil
}

// loopback reports whether host names this machine, the only place plain
// SMTP may go.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SMTP sends over SMTP with go-mail, one connection per message.
type SMTP struct {
	cfg SMTPConfig
}

// NewSMTP returns a sender for cfg.
func NewSMTP(cfg SMTPConfig) *SMTP { return &SMTP{cfg: cfg} }

// Name is the server the admin page says mail goes to (no credentials).
func (s *SMTP) Name() string { return "SMTP " + net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port)) }

// Send delivers m: a text part and an HTML alternative, a UTF-8 subject,
// the Message-ID and the idempotency key (X-Lapor-Delivery) it keeps on
// every attempt.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8))
	if err := msg.From(s.cfg.From); err != nil {
		return fmt.Errorf("from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("recipient refused by the mail library")
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	msg.SetDate()
	msg.SetGenHeader("X-Lapor-Delivery", m.Key)
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(k), v)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(30 * time.Second)}
	switch {
	case s.cfg.Implicit:
		opts = append(opts, gomail.WithSSL())
	case loopback(s.cfg.Host):
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.User), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}
