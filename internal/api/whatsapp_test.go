package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/gateway"
	"github.com/lapor-id/lapor/internal/mail"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/worker"
)

const (
	waSecret  = "app-secret-for-tests"
	waVerify  = "verify-token-for-tests"
	waPhoneID = "1098765432"
	waToken   = "EAAG-test-token"
	waFrom    = "6281234567890"
)

// graphAPI is a real HTTP server standing in for the Graph API: it serves
// media by id and records the messages Lapor sends.
type graphAPI struct {
	srv   *httptest.Server
	mu    sync.Mutex
	media map[string][]byte
	sent  []waSent
	down  bool
	// template is the template name Lapor is given for later steps.
	template string
}

type waSent struct {
	To, Text, Key  string
	Template, Lang string // of a template message; Text is its parameter
}

func newGraphAPI(t *testing.T) *graphAPI {
	g := &graphAPI{media: map[string][]byte{}}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+waToken {
			http.Error(w, "bad token", http.StatusUnauthorized)
			return
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		switch {
		case r.Method == "POST" && r.URL.Path == "/"+waPhoneID+"/messages":
			if g.down {
				http.Error(w, "down", http.StatusServiceUnavailable)
				return
			}
			var body struct {
				Product string `json:"messaging_product"`
				To      string `json:"to"`
				Type    string `json:"type"`
				Text    struct {
					Body string `json:"body"`
				} `json:"text"`
				Template struct {
					Name     string            `json:"name"`
					Language map[string]string `json:"language"`
					Comps    []struct {
						Type   string `json:"type"`
						Params []struct {
							Type, Text string
						} `json:"parameters"`
					} `json:"components"`
				} `json:"template"`
			}
			if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Product != "whatsapp" {
				http.Error(w, "bad message", http.StatusBadRequest)
				return
			}
			m := waSent{To: body.To, Text: body.Text.Body, Key: r.Header.Get("Idempotency-Key")}
			switch tp := body.Template; {
			case body.Type == "text":
			case body.Type == "template" && len(tp.Comps) == 1 && tp.Comps[0].Type == "body" && len(tp.Comps[0].Params) == 1 &&
				!strings.Contains(tp.Comps[0].Params[0].Text, "\n"):
				m.Template, m.Lang, m.Text = tp.Name, tp.Language["code"], tp.Comps[0].Params[0].Text
			default:
				http.Error(w, "bad message", http.StatusBadRequest)
				return
			}
			g.sent = append(g.sent, m)
			fmt.Fprint(w, `{"messaging_product":"whatsapp","messages":[{"id":"wamid.out"}]}`)
		case r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/files/"):
			data, ok := g.media[strings.TrimPrefix(r.URL.Path, "/files/")]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Write(data)
		case r.Method == "GET":
			id := strings.TrimPrefix(r.URL.Path, "/")
			data, ok := g.media[id]
			if !ok {
				http.NotFound(w, r)
				return
			}
			json.NewEncoder(w).Encode(map[string]any{"url": g.srv.URL + "/files/" + id, "mime_type": "image/jpeg", "file_size": len(data), "id": id})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(g.srv.Close)
	return g
}

func (g *graphAPI) messages() []waSent {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]waSent(nil), g.sent...)
}

func (g *graphAPI) client() *gateway.WhatsApp {
	g.mu.Lock()
	defer g.mu.Unlock()
	return &gateway.WhatsApp{Base: g.srv.URL, PhoneID: waPhoneID, Token: waToken, Template: g.template}
}

// eachWhatsApp runs fn on both databases with the WhatsApp channel set up
// against g.
func eachWhatsApp(t *testing.T, fn func(t *testing.T, env *apptest.Env, g *graphAPI)) {
	g := newGraphAPI(t)
	apptest.EachWith(t, apptest.Options{Service: func(cfg *service.Config) {
		cfg.WhatsApp = service.WhatsAppConfig{VerifyToken: waVerify, AppSecret: waSecret, PhoneNumberID: waPhoneID, API: g.client()}
	}}, func(t *testing.T, env *apptest.Env) {
		g.mu.Lock()
		g.sent, g.down, g.template = nil, false, ""
		g.mu.Unlock()
		fn(t, env, g)
	})
}

// waHook is a Cloud API webhook carrying one message.
func waHook(msg map[string]any) []byte {
	msg["from"] = waFrom
	if _, ok := msg["timestamp"]; !ok {
		msg["timestamp"] = fmt.Sprint(apptest.Start.Unix())
	}
	body, _ := json.Marshal(map[string]any{
		"object": "whatsapp_business_account",
		"entry": []any{map[string]any{"id": "WABA", "changes": []any{map[string]any{"field": "messages", "value": map[string]any{
			"messaging_product": "whatsapp",
			"metadata":          map[string]any{"display_phone_number": "62541000", "phone_number_id": waPhoneID},
			"contacts":          []any{map[string]any{"wa_id": waFrom, "profile": map[string]any{"name": "Ratna Sari"}}},
			"messages":          []any{msg},
		}}}}},
	})
	return body
}

func waText(id, text string) []byte {
	return waHook(map[string]any{"id": id, "type": "text", "text": map[string]any{"body": text}})
}

func postHook(t *testing.T, env *apptest.Env, body []byte, signature string) apptest.Response {
	t.Helper()
	req, err := http.NewRequest("POST", env.Server.URL+"/api/v1/channels/whatsapp", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if signature != "" {
		req.Header.Set("X-Hub-Signature-256", signature)
	}
	return env.Send(t, req)
}

func sendHook(t *testing.T, env *apptest.Env, body []byte) {
	t.Helper()
	if res := postHook(t, env, body, gateway.Sign(waSecret, body)); res.Status != 200 {
		t.Fatalf("webhook: %d %s", res.Status, res.Body)
	}
}

func deliverAll(t *testing.T, env *apptest.Env, g *graphAPI, sms gateway.Sender) int {
	t.Helper()
	phones := map[string]gateway.Sender{domain.DeliveryWhatsApp: g.client()}
	if sms != nil {
		phones[domain.DeliverySMS] = sms
	}
	d := worker.NewDeliverer(env.Svc, mail.LogSink{Log: env.Logs.Logger(0)}, worker.DeliveryOptions{BaseURL: "https://lapor.example.id", Logger: env.Logs.Logger(0),
		Now: env.Clock.Now, Phones: phones})
	n, err := d.Pass(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

var waFiled = regexp.MustCompile(`Nomor pelacakan: ([A-Z0-9]{4}-[A-Z0-9]{4})\. Kode tanda terima \(rahasia, simpan baik-baik\): (\S+)\.`)

func TestWhatsAppVerification(t *testing.T) {
	eachWhatsApp(t, func(t *testing.T, env *apptest.Env, g *graphAPI) {
		res := env.Do(t, "GET", "/api/v1/channels/whatsapp?hub.mode=subscribe&hub.verify_token="+waVerify+"&hub.challenge=1158201444", nil, "")
		if res.Status != 200 || string(res.Body) != "1158201444" {
			t.Fatalf("verification: %d %q", res.Status, res.Body)
		}
		for _, q := range []string{"hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1", "hub.mode=subscribe&hub.challenge=1"} {
			if res := env.Do(t, "GET", "/api/v1/channels/whatsapp?"+q, nil, ""); res.Status != http.StatusForbidden {
				t.Fatalf("%s: %d %s", q, res.Status, res.Body)
			}
		}
		if res := env.Do(t, "GET", "/api/v1/channels/whatsapp?hub.mode=unsubscribe&hub.verify_token="+waVerify+"&hub.challenge=1", nil, ""); res.Status != 400 {
			t.Fatalf("bad mode: %d %s", res.Status, res.Body)
		}
	})
}

func TestWhatsAppConversationFilesOneReport(t *testing.T) {
	eachWhatsApp(t, func(t *testing.T, env *apptest.Env, g *graphAPI) {
		env.Seed(t)
		photo := gpsJPEG(t)
		g.mu.Lock()
		g.media["media-1"] = photo
		g.mu.Unlock()
		before := count(t, env, "reports")

		sendHook(t, env, waText("wamid.1", "Lampu jalan di Jl. Ahmad Yani mati sudah dua minggu, gelap sekali"))
		sendHook(t, env, waHook(map[string]any{"id": "wamid.2", "type": "image", "image": map[string]any{"id": "media-1", "mime_type": "image/jpeg", "caption": "di depan pasar"}}))
		sendHook(t, env, waHook(map[string]any{"id": "wamid.3", "type": "location", "location": map[string]any{"latitude": 0.1333, "longitude": 117.5, "name": "Pasar Rawa Indah"}}))
		// A replay of a step does nothing: no second photo, no second answer.
		sendHook(t, env, waHook(map[string]any{"id": "wamid.2", "type": "image", "image": map[string]any{"id": "media-1"}}))
		if n := len(g.messages()); n != 3 {
			t.Fatalf("answers to three messages: %d %+v", n, g.messages())
		}
		if count(t, env, "reports") != before {
			t.Fatal("filed before kirim")
		}
		kirim := waText("wamid.4", "kirim")
		sendHook(t, env, kirim)
		if count(t, env, "reports") != before+1 {
			t.Fatal("kirim filed nothing")
		}
		// The same webhook again, also several at once, files nothing new.
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if res := postHook(t, env, kirim, gateway.Sign(waSecret, kirim)); res.Status != 200 {
					t.Errorf("replay: %d %s", res.Status, res.Body)
				}
			}()
		}
		wg.Wait()
		if n := count(t, env, "reports"); n != before+1 {
			t.Fatalf("a replayed kirim filed %d reports", n-before)
		}
		// The answer with the tracking ID goes out through the outbox.
		if deliverAll(t, env, g, nil) == 0 {
			t.Fatal("nothing delivered")
		}
		sent := g.messages()
		last := sent[len(sent)-1]
		m := waFiled.FindStringSubmatch(last.Text)
		if m == nil || last.To != waFrom || !strings.HasSuffix(last.Key, ".reporter.whatsapp") {
			t.Fatalf("filed answer: %+v", last)
		}
		trackingID, receipt := m[1], m[2]
		if deliverAll(t, env, g, nil) != 0 || len(g.messages()) != len(sent) {
			t.Fatal("a second pass sent again")
		}
		res := env.Do(t, "GET", "/api/v1/reports/"+trackingID, nil, "Receipt "+receipt)
		if res.Status != 200 {
			t.Fatalf("receipt view: %d %s", res.Status, res.Body)
		}
		got := res.JSON(t)
		if got["channel"] != "whatsapp" || !strings.HasPrefix(got["title"].(string), "Lampu jalan") || !strings.Contains(got["body"].(string), "di depan pasar") {
			t.Fatalf("report: %v", got)
		}
		r, err := env.Store.ReportByTrackingID(context.Background(), trackingID)
		if err != nil || r.Location.Lat == nil || *r.Location.Lat != 0.1333 || r.Location.Address != "Pasar Rawa Indah" {
			t.Fatalf("location: %+v %v", r.Location, err)
		}
		atts, err := env.Store.Attachments(context.Background(), r.ID)
		if err != nil || len(atts) != 1 {
			t.Fatalf("attachments: %+v %v", atts, err)
		}
		a, err := env.Store.AttachmentData(context.Background(), r.ID, atts[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		checkClean(t, "whatsapp photo", a.ContentType, a.Data)
		if count(t, env, "channel_conversations") != 0 {
			t.Fatal("the conversation outlived its report")
		}

		// STATUS from the same number answers the status.
		sendHook(t, env, waText("wamid.5", "STATUS "+trackingID))
		sent = g.messages()
		if last := sent[len(sent)-1]; !strings.Contains(last.Text, trackingID) || !strings.Contains(last.Text, "Status") {
			t.Fatalf("status answer: %+v", last)
		}
		// The sender's number is in no log.
		if strings.Contains(env.Logs.String(), waFrom) || strings.Contains(env.Logs.String(), "Ratna") {
			t.Fatal("the logs hold the sender's number or name")
		}
	})
}

func TestWhatsAppRefusesBadWebhooks(t *testing.T) {
	eachWhatsApp(t, func(t *testing.T, env *apptest.Env, g *graphAPI) {
		env.Seed(t)
		body := waText("wamid.x", "Jalan berlubang di depan SD 3, bahaya untuk anak-anak")
		before := count(t, env, "channel_seen")
		cases := []struct {
			name, sig string
			body      []byte
			want      int
		}{
			{"no signature", "", body, http.StatusUnauthorized},
			{"wrong secret", gateway.Sign("another secret", body), body, http.StatusForbidden},
			{"not hex", "sha256=zz", body, http.StatusForbidden},
			{"signature of another body", gateway.Sign(waSecret, []byte("{}")), body, http.StatusForbidden},
			{"malformed", gateway.Sign(waSecret, []byte("{not json")), []byte("{not json"), http.StatusBadRequest},
			{"not whatsapp", gateway.Sign(waSecret, []byte(`{"object":"page"}`)), []byte(`{"object":"page"}`), http.StatusBadRequest},
		}
		for _, c := range cases {
			if res := postHook(t, env, c.body, c.sig); res.Status != c.want {
				t.Errorf("%s: %d %s, want %d", c.name, res.Status, res.Body, c.want)
			}
		}
		// A 10 MB message is refused before its signature is worked out.
		huge := waText("wamid.huge", strings.Repeat("lapor ", 10<<20/6))
		if res := postHook(t, env, huge, gateway.Sign(waSecret, huge)); res.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("10 MB: %d %s", res.Status, res.Body)
		}
		if count(t, env, "channel_seen") != before || len(g.messages()) != 0 {
			t.Fatal("a refused webhook was taken in")
		}
		// A stale message (older than a week) is ignored.
		sendHook(t, env, waHook(map[string]any{"id": "wamid.old", "type": "text", "text": map[string]any{"body": "lama sekali"},
			"timestamp": fmt.Sprint(apptest.Start.Add(-8 * 24 * time.Hour).Unix())}))
		if count(t, env, "channel_seen") != before {
			t.Fatal("a stale message was taken in")
		}
	})
}

func TestWhatsAppHostilePhoto(t *testing.T) {
	eachWhatsApp(t, func(t *testing.T, env *apptest.Env, g *graphAPI) {
		env.Seed(t)
		g.mu.Lock()
		g.media["evil"] = []byte("<html><script>alert(1)</script></html>")
		g.media["big"] = bytes.Repeat([]byte{0xFF}, 10<<20+1)
		g.mu.Unlock()
		sendHook(t, env, waText("wamid.1", "Sampah menumpuk di pinggir jalan Bhayangkara"))
		sendHook(t, env, waHook(map[string]any{"id": "wamid.2", "type": "image", "image": map[string]any{"id": "evil"}}))
		sendHook(t, env, waHook(map[string]any{"id": "wamid.3", "type": "image", "image": map[string]any{"id": "big"}}))
		sent := g.messages()
		if len(sent) != 3 || !strings.Contains(sent[1].Text, "Foto tidak dapat") || !strings.Contains(sent[2].Text, "terlalu besar") {
			t.Fatalf("answers: %+v", sent)
		}
		sendHook(t, env, waText("wamid.4", "KIRIM"))
		deliverAll(t, env, g, nil)
		var id int64
		if err := env.Store.DB().QueryRow(`SELECT id FROM reports WHERE channel = 'whatsapp'`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		if atts, _ := env.Store.Attachments(context.Background(), id); len(atts) != 0 {
			t.Fatalf("a hostile photo was kept: %+v", atts)
		}
	})
}
