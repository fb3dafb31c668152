package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/gateway"
	"github.com/lapor-id/lapor/internal/worker"
)

const smsGatewayKey = "sms-gateway-key-for-tests"

// smsGateway is a real HTTP server standing in for an SMS gateway of the
// documented shape; while down it answers 503.
type smsGateway struct {
	srv  *httptest.Server
	mu   sync.Mutex
	down bool
	got  []smsOut
	keys []string // the Idempotency-Key of every attempt, failed ones too
}

type smsOut struct{ ID, To, Text string }

func newSMSGateway(t *testing.T) *smsGateway {
	g := &smsGateway{}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "POST" || r.Header.Get("Authorization") != "Bearer "+smsGatewayKey || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		var m smsOut
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		g.keys = append(g.keys, r.Header.Get("Idempotency-Key"))
		if g.down {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		g.got = append(g.got, m)
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(g.srv.Close)
	return g
}

func (g *smsGateway) sender() *gateway.SMS {
	return &gateway.SMS{URL: g.srv.URL + "/send", Key: smsGatewayKey}
}

func (g *smsGateway) state() ([]smsOut, []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]smsOut(nil), g.got...), append([]string(nil), g.keys...)
}

func (g *smsGateway) setDown(down bool) { g.mu.Lock(); g.down = down; g.mu.Unlock() }

// A report by SMS hears its later public steps by SMS through the
// gateway, once each, also after the gateway was down for a while; its
// receipt was the gateway's own reply, so the submission is not sent again.
func TestSMSReporterHearsLaterStepsBySMS(t *testing.T) {
	eachWhatsApp(t, func(t *testing.T, env *apptest.Env, wa *graphAPI) {
		city := env.Seed(t)
		gw := newSMSGateway(t)
		_, auth := smsKey(t, env, "sms")
		const phone = "+6281298765432"
		_, reply := sendSMS(t, env, auth, "gw-1", phone, "LAPOR Saluran air tersumbat di Jl. Bhayangkara, banjir tiap hujan")
		m := filedReply.FindStringSubmatch(reply)
		if m == nil {
			t.Fatalf("reply: %q", reply)
		}
		f := filed{id: m[1], receipt: m[2]}
		deliverAll(t, env, wa, gw.sender())
		if got, _ := gw.state(); len(got) != 0 {
			t.Fatalf("the submission went out again by SMS: %+v", got)
		}
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr", "note": "Catatan internal: rahasia"})

		gw.setDown(true)
		deliverAll(t, env, wa, gw.sender())
		if got, keys := gw.state(); len(got) != 0 || len(keys) != 1 {
			t.Fatalf("while down: %+v %v", got, keys)
		}
		env.Clock.Advance(worker.Backoff(1))
		deliverAll(t, env, wa, gw.sender()) // still down: a second attempt
		gw.setDown(false)
		deliverAll(t, env, wa, gw.sender()) // not due yet
		if got, _ := gw.state(); len(got) != 0 {
			t.Fatal("tried before its back-off")
		}
		env.Clock.Advance(worker.Backoff(2))
		deliverAll(t, env, wa, gw.sender())
		env.Clock.Advance(worker.Backoff(3))
		deliverAll(t, env, wa, gw.sender())
		got, keys := gw.state()
		if len(got) != 1 {
			t.Fatalf("after the gateway came back: %+v", got)
		}
		s := got[0]
		if s.To != phone || !strings.Contains(s.Text, f.id) || !strings.Contains(s.Text, "/lacak/"+f.id) || strings.Contains(s.Text, "rahasia") {
			t.Fatalf("sms: %+v", s)
		}
		for _, k := range keys {
			if k != s.ID || !strings.HasSuffix(k, ".reporter.sms") {
				t.Fatalf("idempotency keys %v, body id %q", keys, s.ID)
			}
		}
		if len(wa.messages()) != 0 {
			t.Fatalf("an SMS report was answered on WhatsApp: %+v", wa.messages())
		}
		if strings.Contains(env.Logs.String(), "81298765432") {
			t.Fatal("the number is in the logs")
		}
	})
}

// A report by WhatsApp hears its later public steps on WhatsApp.
func TestWhatsAppReporterHearsLaterSteps(t *testing.T) {
	eachWhatsApp(t, func(t *testing.T, env *apptest.Env, wa *graphAPI) {
		city := env.Seed(t)
		sendHook(t, env, waText("wamid.1", "Pohon tumbang menutup jalan di Jl. Letjen S. Parman"))
		sendHook(t, env, waText("wamid.2", "KIRIM"))
		deliverAll(t, env, wa, nil)
		sent := wa.messages()
		mm := waFiled.FindStringSubmatch(sent[len(sent)-1].Text)
		if mm == nil {
			t.Fatalf("filed answer: %+v", sent)
		}
		f := filed{id: mm[1], receipt: mm[2]}
		if sent[len(sent)-1].Template != "" {
			t.Fatal("the answer to kirim, inside the 24-hour window, went as a template")
		}
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		deliverAll(t, env, wa, nil)
		after := wa.messages()
		if len(after) != len(sent)+1 {
			t.Fatalf("verified: %d new messages", len(after)-len(sent))
		}
		last := after[len(after)-1]
		if last.To != waFrom || !strings.Contains(last.Text, f.id) || !strings.Contains(last.Text, "diverifikasi") ||
			last.Key != f.id+".2.reporter.whatsapp" || last.Template != "" {
			t.Fatalf("verified message: %+v", last)
		}
		// With an approved template, later steps go as that template, the
		// text in its one parameter, on one line.
		wa.mu.Lock()
		wa.template = "lapor_status"
		wa.mu.Unlock()
		act(t, env, f, city.OfficerPU, 200, map[string]any{"action": "follow_up", "message": "Pohon sudah dipotong dan jalan dibuka kembali."})
		env.Clock.Advance(3 * 24 * time.Hour)
		deliverAll(t, env, wa, nil)
		after = wa.messages()
		last = after[len(after)-1]
		if last.Template != "lapor_status" || last.Lang != "id" || !strings.Contains(last.Text, f.id) || !strings.Contains(last.Text, "dipotong") {
			t.Fatalf("template message: %+v", last)
		}
	})
}
