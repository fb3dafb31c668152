package worker_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	smtp "github.com/emersion/go-smtp"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	lmail "github.com/lapor-id/lapor/internal/mail"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/worker"
)

// mailPeer is a real SMTP server in the test process: it keeps each
// message it accepts, and refuses every connection while down.
type mailPeer struct {
	mu   sync.Mutex
	down bool
	got  []received
	addr string
}

type received struct {
	from, to string
	raw      []byte
}

func (p *mailPeer) NewSession(*smtp.Conn) (smtp.Session, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.down {
		return nil, &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "down for maintenance"}
	}
	return &peerSession{p: p}, nil
}

func (p *mailPeer) setDown(d bool) { p.mu.Lock(); p.down = d; p.mu.Unlock() }

func (p *mailPeer) messages() []received {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]received(nil), p.got...)
}

type peerSession struct {
	p        *mailPeer
	from, to string
}

func (s *peerSession) Reset()        {}
func (s *peerSession) Logout() error { return nil }
func (s *peerSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *peerSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }
func (s *peerSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.p.mu.Lock()
	s.p.got = append(s.p.got, received{s.from, s.to, raw})
	s.p.mu.Unlock()
	return nil
}

func startPeer(t *testing.T) *mailPeer {
	t.Helper()
	p := &mailPeer{}
	srv := smtp.NewServer(p)
	srv.Domain = "peer.test"
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return p
}

// submitWith files a report with a reporter's contact, in lang.
func submitWith(t *testing.T, env *apptest.Env, lang string, reporter map[string]any, anonymous bool) filed {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"kind": "complaint", "title": "Lampu jalan mati di Jl. Ahmad Yani",
		"body":     "Sudah seminggu lampu jalan di depan pasar mati, rawan kecelakaan malam hari.",
		"reporter": reporter, "anonymous": anonymous,
	})
	req, _ := http.NewRequest("POST", env.Server.URL+"/api/v1/reports", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", lang)
	res := env.Send(t, req)
	if res.Status != 201 {
		t.Fatalf("submit: %d %s", res.Status, res.Body)
	}
	m := res.JSON(t)
	return filed{m["tracking_id"].(string), m["receipt"].(string)}
}

// parsed is one received message, decoded.
type parsed struct {
	to, subject, key, text string
	raw                    string
}

func parse(t *testing.T, r received) parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(r.raw))
	if err != nil {
		t.Fatalf("unreadable message: %v\n%s", err, r.raw)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Get("Message-Id") == "" || !strings.HasPrefix(m.Header.Get("Content-Type"), "multipart/alternative") {
		t.Fatalf("want a Message-ID and text+HTML parts:\n%s", r.raw)
	}
	return parsed{to: r.to, subject: subj, key: m.Header.Get("X-Lapor-Delivery"), raw: string(r.raw)}
}

func TestReporterHearsEveryPublicStepByEMail(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		city := env.Seed(t)
		peer := startPeer(t)
		host, port, _ := net.SplitHostPort(peer.addr)
		cfg, err := lmail.ParseSMTPURL("smtp://"+net.JoinHostPort(host, port), "Lapor Bontang <lapor@bontang.test>")
		if err != nil {
			t.Fatal(err)
		}
		logs := &apptest.Logs{}
		d := worker.NewDeliverer(env.Svc, lmail.NewSMTP(cfg), worker.DeliveryOptions{
			BaseURL: "https://lapor.bontang.test", Now: env.Clock.Now, Logger: logs.Logger(-4)})

		en := submitWith(t, env, "en", map[string]any{"name": "Budi Santoso", "email": "budi@warga.test"}, false)
		anon := submitWith(t, env, "id", map[string]any{"name": "Siti Rahma", "email": "siti@warga.test", "phone": "+6281234567"}, true)
		submit(t, env) // no contact: owes nothing
		act(t, env, anon, city.Admin, map[string]any{"action": "verify", "unit": "dpupr",
			"note": "RAHASIA: catatan internal untuk unit"})

		// The peer is down: nothing arrives, nothing is lost.
		peer.setDown(true)
		if n, err := d.Pass(ctx); err != nil || n != 0 {
			t.Fatalf("pass with the peer down: %d %v", n, err)
		}
		pend, err := env.Svc.Deliveries(ctx, service.Operator, domain.DeliveryPending)
		// The reporters' three e-mails and the officer's notice of the routing.
		if err != nil || len(pend) != 4 || pend[0].Attempts != 1 || pend[0].LastError == "" {
			t.Fatalf("pending after a failed pass: %+v %v", pend, err)
		}
		for _, p := range pend {
			if strings.Contains(p.LastError, "@warga.test") {
				t.Fatalf("an address in the error admins see: %q", p.LastError)
			}
		}
		// Within the back-off nothing is tried; the peer comes back; after it everything arrives once.
		peer.setDown(false)
		env.Clock.Advance(10 * time.Second)
		if n, _ := d.Pass(ctx); n != 0 || len(peer.messages()) != 0 {
			t.Fatalf("tried again within the back-off: %d", n)
		}
		env.Clock.Advance(worker.Backoff(1))
		if n, err := d.Pass(ctx); err != nil || n != 4 {
			t.Fatalf("pass after the peer is back: %d %v", n, err)
		}
		if n, _ := d.Pass(ctx); n != 0 {
			t.Fatalf("a second pass delivered %d again", n)
		}
		got := peer.messages()
		if len(got) != 4 {
			t.Fatalf("got %d messages, want 4", len(got))
		}
		byKey := map[string]parsed{}
		for _, r := range got {
			m := parse(t, r)
			if _, dup := byKey[m.key]; dup {
				t.Fatalf("delivered twice: %s", m.key)
			}
			byKey[m.key] = m
		}
		want := []struct{ key, to, subject, link string }{
			{en.id + ".1.reporter.email", "budi@warga.test", "We have received report " + en.id, "https://lapor.bontang.test/lacak/" + en.id},
			{anon.id + ".1.reporter.email", "siti@warga.test", "Laporan " + anon.id + " sudah kami terima", "https://lapor.bontang.test/lacak/" + anon.id},
			{anon.id + ".2.reporter.email", "siti@warga.test", "Laporan " + anon.id + " diteruskan ke instansi yang berwenang", anon.id},
			{anon.id + ".2.staff." + itoa(staffUser(t, env, "pu@bontang.go.id").User.ID), "pu@bontang.go.id",
				"Laporan " + anon.id + " didisposisikan ke unit Anda", "https://lapor.bontang.test/staf/laporan/" + anon.id},
		}
		for _, w := range want {
			m, ok := byKey[w.key]
			if !ok {
				t.Fatalf("no message %s; got %v", w.key, byKey)
			}
			if m.to != w.to || m.subject != w.subject || !strings.Contains(m.raw, w.link) {
				t.Fatalf("message %s: to %s subject %q\n%s", w.key, m.to, m.subject, m.raw)
			}
			if strings.Contains(m.raw, "RAHASIA") {
				t.Fatalf("an internal note went to the reporter:\n%s", m.raw)
			}
		}
		// The log names deliveries, never the reporters' addresses or names.
		for _, secret := range []string{"budi@warga.test", "siti@warga.test", "Siti Rahma", "+6281234567"} {
			if strings.Contains(logs.String(), secret) || strings.Contains(env.Logs.String(), secret) {
				t.Fatalf("%q in the logs", secret)
			}
		}
		done, err := env.Svc.Deliveries(ctx, service.Operator, domain.DeliveryDelivered)
		if err != nil || len(done) != 4 {
			t.Fatalf("delivered list: %+v %v", done, err)
		}
	})
}

func TestDeliveryIsDeadAfterADayAndAnAdminRetries(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		peer := startPeer(t)
		peer.setDown(true)
		cfg, _ := lmail.ParseSMTPURL("smtp://"+peer.addr, "lapor@bontang.test")
		d := worker.NewDeliverer(env.Svc, lmail.NewSMTP(cfg), worker.DeliveryOptions{Now: env.Clock.Now, Logger: env.Logs.Logger(0)})
		submitWith(t, env, "id", map[string]any{"email": "ani@warga.test"}, false)
		for i := 0; i < 40; i++ {
			if _, err := d.Pass(ctx); err != nil {
				t.Fatal(err)
			}
			env.Clock.Advance(time.Hour)
		}
		dead, err := env.Svc.Deliveries(ctx, service.Operator, domain.DeliveryDead)
		if err != nil || len(dead) != 1 || dead[0].Attempts < 10 {
			t.Fatalf("dead after a day: %+v %v", dead, err)
		}
		if len(peer.messages()) != 0 {
			t.Fatal("a message arrived while the peer was down")
		}
		if err := env.Svc.RetryDelivery(ctx, service.Public, dead[0].ID); !errors.Is(err, domain.ErrUnauthorized) {
			t.Fatalf("the public retried a delivery: %v", err)
		}
		peer.setDown(false)
		if err := env.Svc.RetryDelivery(ctx, service.Operator, dead[0].ID); err != nil {
			t.Fatal(err)
		}
		if n, err := d.Pass(ctx); err != nil || n != 1 || len(peer.messages()) != 1 {
			t.Fatalf("after the retry: %d %v %d", n, err, len(peer.messages()))
		}
	})
}

// stuckSender never answers: the node sending through it is killed
// mid-delivery (its context ends), leaving the claim unfinished.
type stuckSender struct{ entered chan struct{} }

func (s stuckSender) Name() string { return "stuck" }
func (s stuckSender) Send(ctx context.Context, _ lmail.Message) error {
	close(s.entered)
	<-ctx.Done()
	return ctx.Err()
}

func TestDeliveryCutShortIsTakenUpAfterTheLease(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		peer := startPeer(t)
		f := submitWith(t, env, "en", map[string]any{"email": "joko@warga.test"}, false)
		stuck := stuckSender{entered: make(chan struct{})}
		lease := 5 * time.Minute
		a := worker.NewDeliverer(env.Svc, stuck, worker.DeliveryOptions{Lease: lease, Now: env.Clock.Now, Logger: env.Logs.Logger(0)})
		ctx, kill := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); a.Pass(ctx) }()
		<-stuck.entered
		kill()
		<-done

		cfg, _ := lmail.ParseSMTPURL("smtp://"+peer.addr, "lapor@bontang.test")
		b := worker.NewDeliverer(env.Svc, lmail.NewSMTP(cfg), worker.DeliveryOptions{Lease: lease, Now: env.Clock.Now, Logger: env.Logs.Logger(0)})
		if n, err := b.Pass(context.Background()); err != nil || n != 0 {
			t.Fatalf("another node took a claim still under its lease: %d %v", n, err)
		}
		env.Clock.Advance(lease + time.Second)
		if n, err := b.Pass(context.Background()); err != nil || n != 1 {
			t.Fatalf("after the lease: %d %v", n, err)
		}
		got := peer.messages()
		if len(got) != 1 || parse(t, got[0]).key != f.id+".1.reporter.email" {
			t.Fatalf("got %d messages", len(got))
		}
	})
}
