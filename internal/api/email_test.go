package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

func postMail(t *testing.T, env *apptest.Env, auth string, raw []byte) apptest.Response {
	t.Helper()
	req, err := http.NewRequest("POST", env.Server.URL+"/api/v1/channels/email", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "message/rfc822")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return env.Send(t, req)
}

func rawMail(headers, body string) []byte {
	return []byte(strings.ReplaceAll(headers, "\n", "\r\n") + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
}

// A mail gateway posts a raw message: it files one report per Message-ID,
// on the key of the email channel only; forged, automatic and oversized
// messages are refused with a clear error and file nothing.
func TestEmailGatewayFilesOnce(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		_, auth := smsKey(t, env, "email")
		_, smsAuth := smsKey(t, env, "sms")
		before := count(t, env, "reports")
		msg := rawMail("From: Warga <warga@mail.test>\nTo: lapor@bontang.go.id\nSubject: Jembatan kayu di Guntung rusak\nMessage-ID: <g-1@mail.test>",
			"Papan jembatan kayu di RT 05 Guntung patah, anak sekolah harus memutar jauh.")
		if res := postMail(t, env, "", msg); res.Status != 401 {
			t.Fatalf("no key: %d", res.Status)
		}
		if res := postMail(t, env, smsAuth, msg); res.Status != 401 {
			t.Fatalf("a key of another channel: %d", res.Status)
		}
		res := postMail(t, env, auth, msg)
		if res.Status != 200 {
			t.Fatalf("post: %d %s", res.Status, res.Body)
		}
		id, _ := res.JSON(t)["tracking_id"].(string)
		again := postMail(t, env, auth, msg)
		if again.Status != 200 || again.JSON(t)["tracking_id"] != id || count(t, env, "reports") != before+1 {
			t.Fatalf("replay: %d %s", again.Status, again.Body)
		}
		if strings.Contains(string(res.Body), "receipt") {
			t.Fatal("the gateway was given the receipt")
		}
		for _, c := range []struct {
			name string
			raw  []byte
			want int
			text string
		}{
			{"forged", rawMail("From: walikota@bontang.go.id\nReturn-Path: <spam@evil.test>\nSubject: Transfer dana\nMessage-ID: <f@evil.test>", "Kirim dana ke rekening ini segera ya."), 400, "dipalsukan"},
			{"auto reply", rawMail("From: warga@mail.test\nAuto-Submitted: auto-replied\nSubject: Out of office\nMessage-ID: <o@mail.test>", "Saya sedang cuti sampai minggu depan."), 400, "otomatis"},
			{"not a message", []byte("\x00\x01\x02 garbage"), 400, ""},
			{"26 MB", rawMail("From: warga@mail.test\nSubject: Besar\nMessage-ID: <big@mail.test>", strings.Repeat("a", 26<<20)), 413, ""},
		} {
			res := postMail(t, env, auth, c.raw)
			if res.Status != c.want || !strings.Contains(string(res.Body), c.text) {
				t.Errorf("%s: %d %s", c.name, res.Status, res.Body[:min(len(res.Body), 300)])
			}
		}
		if n := count(t, env, "reports"); n != before+1 {
			t.Fatalf("refused messages filed %d reports", n-before-1)
		}
		// Nested beyond five levels: refused.
		deep := "From: warga@mail.test\r\nSubject: Dalam\r\nMessage-ID: <deep@mail.test>\r\nMIME-Version: 1.0\r\n"
		var open, closing string
		for i := range 7 {
			open += fmt.Sprintf("Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i)
			closing = fmt.Sprintf("\r\n--b%d--\r\n", i) + closing
		}
		deep += open + "Content-Type: text/plain\r\n\r\nJalan rusak parah di sini." + closing
		if res := postMail(t, env, auth, []byte(deep)); res.Status != 400 || !strings.Contains(string(res.Body), "rumit") {
			t.Errorf("deep: %d %s", res.Status, res.Body)
		}
		// An HTML-only message in Latin-1, base64, in English: its words are the body, the answers in English.
		htmlBody := "<html><head><style>p{}</style></head><body><p>Drainase tersumbat di Jl. Sultan Hasanuddin.</p><p>Caf\xe9 &amp; warung kebanjiran.</p></body></html>"
		html := "From: Expat <expat@mail.test>\r\nSubject: Blocked drain\r\nMessage-ID: <h@mail.test>\r\nContent-Language: en\r\nMIME-Version: 1.0\r\n" +
			"Content-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString([]byte(htmlBody)) + "\r\n"
		res = postMail(t, env, auth, []byte(html))
		if res.Status != 200 {
			t.Fatalf("html: %d %s", res.Status, res.Body)
		}
		r, err := env.Store.ReportByTrackingID(context.Background(), res.JSON(t)["tracking_id"].(string))
		if err != nil {
			t.Fatal(err)
		}
		if body := r.Body; body != "Drainase tersumbat di Jl. Sultan Hasanuddin.\nCafé & warung kebanjiran." {
			t.Fatalf("html body: %q", body)
		}
		if r.Title != "Blocked drain" {
			t.Fatalf("title: %q", r.Title)
		}
	})
}
