// Package mailin is Lapor's SMTP listener for reports by e-mail: it takes
// messages for the intake address only (behind the city's mail server,
// which relays them), and hands each to the service, answering a refused
// one with a permanent SMTP error that says why.
package mailin

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/mail"
	"strings"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// Options configure the listener.
type Options struct {
	Intake string // the address reports go to; "" takes any recipient
	Domain string // the name the server greets with; default "lapor"
	Logger *slog.Logger
}

// Server is the SMTP listener.
type Server struct {
	smtp *smtp.Server
	svc  *service.Service
	opt  Options
	log  *slog.Logger
}

// New returns a listener filing into svc.
func New(svc *service.Service, opt Options) *Server {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Domain == "" {
		opt.Domain = "lapor"
	}
	opt.Intake = strings.ToLower(strings.TrimSpace(opt.Intake))
	s := &Server{svc: svc, opt: opt, log: opt.Logger}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	srv.Domain = opt.Domain
	srv.MaxMessageBytes = service.MaxEmailSize
	srv.MaxRecipients = 10
	srv.ReadTimeout = 2 * time.Minute
	srv.WriteTimeout = 2 * time.Minute
	srv.ErrorLog = discard{}
	s.smtp = srv
	return s
}

// Serve takes connections on ln until Close.
func (s *Server) Serve(ln net.Listener) error {
	err := s.smtp.Serve(ln)
	if errors.Is(err, smtp.ErrServerClosed) {
		return nil
	}
	return err
}

// Close stops the listener and ends every connection.
func (s *Server) Close() error { return s.smtp.Close() }

// Shutdown stops taking connections and waits for those open to end.
func (s *Server) Shutdown(ctx context.Context) error { return s.smtp.Shutdown(ctx) }

type discard struct{}

func (discard) Printf(string, ...any) {}
func (discard) Println(...any)        {}

// session is one SMTP conversation; it keeps no personal data in logs.
type session struct {
	s    *Server
	from string
	rcpt bool
}

func (x *session) Reset()        { x.from, x.rcpt = "", false }
func (x *session) Logout() error { return nil }

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	a, err := mail.ParseAddress("<" + strings.Trim(to, "<>") + ">")
	if err != nil || (x.s.opt.Intake != "" && strings.ToLower(a.Address) != x.s.opt.Intake) {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: i18n.T(i18n.EN, "field.email.recipient")}
	}
	x.rcpt = true
	return nil
}

func (x *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		if errors.Is(err, smtp.ErrDataTooLarge) {
			return err
		}
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Message not read, try again"}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	id, err := x.s.svc.ReceiveSMTP(ctx, raw, x.from, x.s.opt.Intake)
	if err != nil {
		return x.s.refusal(err)
	}
	x.s.log.Info("report received by e-mail", "tracking_id", id)
	return nil
}

// refusal is the SMTP answer to a message the service refused: the
// reason, in English and Indonesian, as a permanent error; a failure of
// Lapor's own is temporary, so the relay tries again.
func (s *Server) refusal(err error) error {
	e := domain.AsError(err)
	if e.Code == domain.CodeInternal {
		s.log.Error("e-mail not filed", "err", err)
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Lapor could not file the message now, try again later"}
	}
	reason := func(lang i18n.Lang) string {
		var parts []string
		for field, key := range e.Fields {
			parts = append(parts, field+": "+i18n.T(lang, key))
		}
		if len(parts) == 0 {
			parts = append(parts, i18n.T(lang, e.Key, e.Args...))
		}
		return strings.Join(parts, "; ")
	}
	s.log.Warn("e-mail refused", "code", string(e.Code), "fields", fieldNames(e.Fields))
	code, enh := 550, smtp.EnhancedCode{5, 7, 1}
	if e.Code == domain.CodeTooLarge {
		code, enh = 552, smtp.EnhancedCode{5, 3, 4}
	}
	return &smtp.SMTPError{Code: code, EnhancedCode: enh, Message: ascii(reason(i18n.EN) + " / " + reason(i18n.ID))}
}

// ascii keeps an SMTP reply to printable ASCII on one line.
func ascii(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return ' '
		}
		return r
	}, s)
}

func fieldNames(f map[string]string) string {
	var out []string
	for k, v := range f {
		out = append(out, k+"="+v)
	}
	return strings.Join(out, ",")
}
