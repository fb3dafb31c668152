package worker_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	lmail "github.com/lapor-id/lapor/internal/mail"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/worker"
)

// hookPeer is a real HTTP webhook receiver: it keeps each request it
// acknowledges, and answers 503 to everything while down.
type hookPeer struct {
	mu   sync.Mutex
	down bool
	got  []hookHit
	srv  *httptest.Server
	now  func() time.Time // the test's clock, read when a request arrives
}

type hookHit struct {
	path string
	head http.Header
	body []byte
	at   time.Time
}

func startHookPeer(t *testing.T, now func() time.Time) *hookPeer {
	p := &hookPeer{now: now}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.down || r.Method != "POST" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		p.got = append(p.got, hookHit{r.URL.Path, r.Header.Clone(), body, p.now()})
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *hookPeer) setDown(d bool) { p.mu.Lock(); p.down = d; p.mu.Unlock() }

func (p *hookPeer) hits(path string) []hookHit {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []hookHit
	for _, h := range p.got {
		if h.path == path {
			out = append(out, h)
		}
	}
	return out
}

// register adds a webhook through the API as admin and returns its id.
func register(t *testing.T, env *apptest.Env, admin, url, secret string, events ...string) int64 {
	t.Helper()
	res := env.Do(t, "POST", "/api/v1/webhooks", map[string]any{"url": url, "events": events, "secret": secret}, admin)
	if res.Status != 201 || strings.Contains(string(res.Body), secret) {
		t.Fatalf("register: %d %s", res.Status, res.Body)
	}
	return int64(res.JSON(t)["id"].(float64))
}

// checkSignature recomputes the HMAC the way a receiver would.
func checkSignature(t *testing.T, h hookHit, secret string) {
	now := h.at
	t.Helper()
	sig := h.head.Get("X-Lapor-Signature")
	var ts, v1 string
	for _, part := range strings.Split(sig, ",") {
		k, v, _ := strings.Cut(part, "=")
		if k == "t" {
			ts = v
		} else if k == "v1" {
			v1 = v
		}
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "." + string(h.body)))
	if want := hex.EncodeToString(m.Sum(nil)); v1 != want {
		t.Fatalf("signature %q, want v1=%s", sig, want)
	}
	if err := domain.VerifyHook([]byte(secret), sig, h.body, now); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if err := domain.VerifyHook([]byte(secret), sig, h.body, now.Add(6*time.Minute)); err == nil {
		t.Fatal("a signature 6 minutes old was accepted")
	}
	if err := domain.VerifyHook([]byte("another secret!!"), sig, h.body, now); err == nil {
		t.Fatal("a signature was accepted with the wrong secret")
	}
}

func TestWebhooksArriveOnceSignedAfterTheReceiverIsBack(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		city := env.Seed(t)
		peer := startHookPeer(t, env.Clock.Now)
		const secret, escSecret = "rahasia-integrasi-bontang-2026", "rahasia-inspektorat-0001"
		register(t, env, city.Admin, peer.srv.URL+"/all", secret, domain.HookEvents()...)
		register(t, env, city.Admin, peer.srv.URL+"/esc", escSecret, "report.escalated")
		list := env.Do(t, "GET", "/api/v1/webhooks", nil, city.Admin)
		if list.Status != 200 || strings.Contains(string(list.Body), "rahasia") || strings.Count(string(list.Body), `"id"`) != 2 {
			t.Fatalf("list: %d %s", list.Status, list.Body)
		}
		logs := &apptest.Logs{}
		d := worker.NewDeliverer(env.Svc, lmail.LogSink{Log: logs.Logger(0)}, worker.DeliveryOptions{
			BaseURL: "https://lapor.bontang.test", Now: env.Clock.Now, Logger: logs.Logger(-4)})

		// A: anonymous with a full contact; B: no contact. Both are told at once.
		a := submitWith(t, env, "id", map[string]any{"name": "Siti Rahma", "email": "siti@warga.test", "phone": "+6281234567"}, true)
		b := submit(t, env)
		if _, err := d.Pass(ctx); err != nil || len(peer.hits("/all")) != 2 {
			t.Fatalf("submissions: %v, %d arrived", err, len(peer.hits("/all")))
		}
		// A is routed (with an internal note), followed up, completed; B is routed.
		act(t, env, a, city.Admin, map[string]any{"action": "verify", "unit": "dpupr", "note": "RAHASIA: catatan internal untuk unit"})
		act(t, env, a, city.OfficerPU, map[string]any{"action": "follow_up", "message": "Lampu sudah diganti hari ini."})
		act(t, env, a, a.auth(), map[string]any{"action": "complete", "rating": 5})
		act(t, env, b, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})

		// The receiver is down: nothing is acknowledged, nothing is lost.
		peer.setDown(true)
		if _, err := d.Pass(ctx); err != nil || len(peer.hits("/all")) != 2 {
			t.Fatalf("pass with the receiver down: %v", err)
		}
		pend, err := env.Svc.Deliveries(ctx, service.Operator, domain.DeliveryPending)
		if err != nil {
			t.Fatal(err)
		}
		hooks := 0
		for _, p := range pend {
			if p.Channel == domain.DeliveryWebhook {
				hooks++
				if !strings.Contains(p.LastError, "503") {
					t.Fatalf("pending webhook delivery's error: %q", p.LastError)
				}
			}
		}
		if hooks != 4 {
			t.Fatalf("%d webhook deliveries pending, want 4", hooks)
		}
		peer.setDown(false)
		env.Clock.Advance(worker.Backoff(1))
		if _, err := d.Pass(ctx); err != nil {
			t.Fatal(err)
		}
		if n, _ := d.Pass(ctx); n != 0 {
			t.Fatalf("a second pass finished %d more", n)
		}
		if len(peer.hits("/all")) != 6 {
			t.Fatalf("%d arrived once the receiver was back, want 6", len(peer.hits("/all")))
		}
		// B is left past its deadline: escalated, to both webhooks.
		pass(t, env, "2026-11-25 00:01")
		if res := pass(t, env, "2026-11-26 00:00"); res.Escalated != 1 {
			t.Fatalf("escalation pass: %+v", res)
		}
		if _, err := d.Pass(ctx); err != nil {
			t.Fatal(err)
		}

		all, esc := peer.hits("/all"), peer.hits("/esc")
		if len(all) != 7 || len(esc) != 1 {
			t.Fatalf("got %d and %d deliveries, want 7 and 1", len(all), len(esc))
		}
		seen := map[string]map[string]any{}
		for _, h := range append(all, esc...) {
			key := h.head.Get("X-Lapor-Delivery")
			if _, dup := seen[key]; dup || key == "" {
				t.Fatalf("delivered twice or unkeyed: %q", key)
			}
			s := secret
			if strings.HasSuffix(key, fmt.Sprint(".webhook.2")) {
				s = escSecret
			}
			checkSignature(t, h, s)
			var p map[string]any
			if err := json.Unmarshal(h.body, &p); err != nil || h.head.Get("Content-Type") != "application/json" {
				t.Fatalf("body: %v %s", err, h.body)
			}
			if p["event"] != h.head.Get("X-Lapor-Event") || p["delivery"] != key {
				t.Fatalf("headers and body disagree: %v %s", h.head, h.body)
			}
			for _, leak := range []string{"Siti", "siti@warga.test", "6281234567", "RAHASIA", "receipt", a.receipt} {
				if strings.Contains(string(h.body), leak) {
					t.Fatalf("%q in a webhook payload: %s", leak, h.body)
				}
			}
			seen[key] = p
		}
		want := map[string]string{
			a.id + ".1.webhook.1": "report.submitted", a.id + ".2.webhook.1": "report.routed",
			a.id + ".4.webhook.1": "report.followed_up", a.id + ".5.webhook.1": "report.completed",
			b.id + ".1.webhook.1": "report.submitted", b.id + ".2.webhook.1": "report.routed",
		}
		for k, ev := range want {
			if p, ok := seen[k]; !ok || p["event"] != ev {
				t.Fatalf("delivery %s: %v (have %v)", k, p, seen)
			}
		}
		escalated := 0
		for k, p := range seen {
			if p["event"] == "report.escalated" {
				escalated++
				if !strings.HasPrefix(k, b.id+".") {
					t.Fatalf("escalation of the wrong report: %s", k)
				}
			}
		}
		if escalated != 2 {
			t.Fatalf("%d escalations, want one per webhook", escalated)
		}
		// Before verification the report is not public: only its place in line.
		sub := seen[a.id+".1.webhook.1"]["report"].(map[string]any)
		if sub["public"] != false || sub["title"] != nil || sub["status"] != "submitted" {
			t.Fatalf("submitted payload: %v", sub)
		}
		// After: what the public page shows, plus the unit.
		fu := seen[a.id+".4.webhook.1"]["report"].(map[string]any)
		if fu["public"] != true || fu["title"] != "Lampu jalan mati di Jl. Ahmad Yani" ||
			fu["message"] != "Lampu sudah diganti hari ini." || fu["url"] != "https://lapor.bontang.test/laporan/"+a.id ||
			fu["unit"].(map[string]any)["code"] != "dpupr" || fu["status"] != "followed_up" {
			t.Fatalf("followed-up payload: %v", fu)
		}
		if strings.Contains(logs.String(), "siti@warga.test") || strings.Contains(logs.String(), secret) {
			t.Fatal("an address or a secret in the worker's log")
		}
	})
}

func TestWebhookDeadAfterADayIsShownAndRetried(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		city := env.Seed(t)
		peer := startHookPeer(t, env.Clock.Now)
		peer.setDown(true)
		register(t, env, city.Admin, peer.srv.URL+"/all", "rahasia-integrasi-bontang-2026", "report.submitted")
		d := worker.NewDeliverer(env.Svc, lmail.LogSink{Log: env.Logs.Logger(0)}, worker.DeliveryOptions{Now: env.Clock.Now, Logger: env.Logs.Logger(0)})
		f := submit(t, env)
		for i := 0; i < 30; i++ {
			if _, err := d.Pass(ctx); err != nil {
				t.Fatal(err)
			}
			env.Clock.Advance(time.Hour)
		}
		token, _, err := env.Svc.Login(ctx, "admin@bontang.go.id", apptest.Password) // a day later
		if err != nil {
			t.Fatal(err)
		}
		city.Admin = "Bearer " + token
		res := env.Do(t, "GET", "/api/v1/outbox?status=dead", nil, city.Admin)
		var out struct {
			Deliveries []struct {
				ID        int64  `json:"id"`
				Key       string `json:"idempotency_key"`
				Channel   string `json:"channel"`
				LastError string `json:"last_error"`
				Hook      string `json:"webhook_event"`
			} `json:"deliveries"`
		}
		if res.Status != 200 || json.Unmarshal(res.Body, &out) != nil || len(out.Deliveries) != 1 ||
			out.Deliveries[0].Channel != "webhook" || out.Deliveries[0].Key != f.id+".1.webhook.1" ||
			!strings.Contains(out.Deliveries[0].LastError, "503") || out.Deliveries[0].Hook != "report.submitted" {
			t.Fatalf("dead list: %d %s", res.Status, res.Body)
		}
		if len(peer.hits("/all")) != 0 {
			t.Fatal("acknowledged while down")
		}
		// Back up; an admin's retry sends it, once.
		peer.setDown(false)
		if r := env.Do(t, "POST", fmt.Sprintf("/api/v1/outbox/%d/retry", out.Deliveries[0].ID), nil, city.Admin); r.Status != 200 {
			t.Fatalf("retry: %d %s", r.Status, r.Body)
		}
		if n, err := d.Pass(ctx); err != nil || n != 1 {
			t.Fatalf("after the retry: %d %v", n, err)
		}
		d.Pass(ctx)
		if hits := peer.hits("/all"); len(hits) != 1 || hits[0].head.Get("X-Lapor-Delivery") != f.id+".1.webhook.1" {
			t.Fatalf("after the retry: %d hits", len(hits))
		}
	})
}

func TestWebhookOfAConfidentialReportCarriesNoContent(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		city := env.Seed(t)
		peer := startHookPeer(t, env.Clock.Now)
		register(t, env, city.Admin, peer.srv.URL+"/all", "rahasia-integrasi-bontang-2026", domain.HookEvents()...)
		res := env.Do(t, "POST", "/api/v1/reports", map[string]any{"kind": "complaint", "confidential": true,
			"title": "Pungli di loket perizinan", "body": "Petugas loket meminta uang tambahan untuk mempercepat izin usaha."}, "")
		if res.Status != 201 {
			t.Fatalf("submit: %d %s", res.Status, res.Body)
		}
		f := filed{res.JSON(t)["tracking_id"].(string), res.JSON(t)["receipt"].(string)}
		act(t, env, f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		d := worker.NewDeliverer(env.Svc, lmail.LogSink{Log: env.Logs.Logger(0)}, worker.DeliveryOptions{Now: env.Clock.Now, Logger: env.Logs.Logger(0)})
		if _, err := d.Pass(ctx); err != nil {
			t.Fatal(err)
		}
		hits := peer.hits("/all")
		if len(hits) != 2 {
			t.Fatalf("%d deliveries, want 2", len(hits))
		}
		for _, h := range hits {
			if strings.Contains(string(h.body), "Pungli") || strings.Contains(string(h.body), "uang tambahan") {
				t.Fatalf("a confidential report's content in a webhook: %s", h.body)
			}
			var p HookBody
			if err := json.Unmarshal(h.body, &p); err != nil || p.Report.Public || p.Report.TrackingID != f.id {
				t.Fatalf("payload: %s", h.body)
			}
		}
		var routed HookBody
		json.Unmarshal(hits[1].body, &routed)
		if routed.Event != "report.routed" || routed.Report.Unit == nil || routed.Report.Unit.Code != "dpupr" || routed.Report.Status != "dispositioned" {
			t.Fatalf("routed payload: %+v", routed)
		}
	})
}

// HookBody is the documented payload, as a receiver decodes it.
type HookBody struct {
	Event  string `json:"event"`
	Report struct {
		TrackingID string `json:"tracking_id"`
		Status     string `json:"status"`
		Public     bool   `json:"public"`
		Unit       *struct {
			Code string `json:"code"`
		} `json:"unit"`
	} `json:"report"`
}
