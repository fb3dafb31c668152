package api_test

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/service"
)

var filedReply = regexp.MustCompile(`([A-Z0-9]{4}-[A-Z0-9]{4})\. Kode tanda terima \(rahasia, simpan baik-baik\): (\S+)\.`)

func smsKey(t *testing.T, env *apptest.Env, channel string) (id int64, auth string) {
	t.Helper()
	k, key, err := env.Svc.AddAPIKey(context.Background(), service.Operator, "Gateway "+channel, channel)
	if err != nil {
		t.Fatal(err)
	}
	return k.ID, "Bearer " + key
}

func sendSMS(t *testing.T, env *apptest.Env, auth, id, from, text string) (int, string) {
	t.Helper()
	res := env.Do(t, "POST", "/api/v1/channels/sms", map[string]string{"id": id, "from": from, "text": text}, auth)
	if res.Status != http.StatusOK {
		return res.Status, string(res.Body)
	}
	reply, _ := res.JSON(t)["reply"].(string)
	return res.Status, reply
}

func TestSMSFilesAReportOncePerMessage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		_, auth := smsKey(t, env, "sms")
		const phone = "+6281234567890"
		before := count(t, env, "reports")

		status, reply := sendSMS(t, env, auth, "gw-1", phone, "lapor Jalan berlubang besar di depan SD 3 Bontang Utara, sudah dua bulan")
		m := filedReply.FindStringSubmatch(reply)
		if status != 200 || m == nil {
			t.Fatalf("LAPOR: %d %q", status, reply)
		}
		trackingID, receipt := m[1], m[2]
		if count(t, env, "reports") != before+1 {
			t.Fatal("no report filed")
		}
		// A gateway's retry, also several at once: the same answer, nothing new.
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if s, again := sendSMS(t, env, auth, "gw-1", phone, "LAPOR Jalan berlubang besar di depan SD 3 Bontang Utara, sudah dua bulan"); s != 200 || again != reply {
					t.Errorf("replay: %d %q, want %q", s, again, reply)
				}
			}()
		}
		wg.Wait()
		if n := count(t, env, "reports"); n != before+1 {
			t.Fatalf("a replayed SMS filed a report: %d reports", n-before)
		}

		// The receipt in the reply opens the report; it waits for verification.
		res := env.Do(t, "GET", "/api/v1/reports/"+trackingID, nil, "Receipt "+receipt)
		if res.Status != 200 {
			t.Fatalf("receipt view: %d %s", res.Status, res.Body)
		}
		got := res.JSON(t)
		if got["status"] != "submitted" || got["channel"] != "sms" || !strings.HasPrefix(got["title"].(string), "Jalan berlubang") {
			t.Fatalf("report: %v", got)
		}
		// Staff see the channel.
		if staff := env.Do(t, "GET", "/api/v1/reports/"+trackingID, nil, city.Admin).JSON(t); staff["channel"] != "sms" {
			t.Fatalf("staff view: %v", staff)
		}
		// The phone is sealed at rest.
		var sealed []byte
		if err := env.Store.DB().QueryRow("SELECT sealed_identity FROM reports WHERE tracking_id = '" + trackingID + "'").Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if len(sealed) == 0 || bytes.Contains(sealed, []byte("81234567890")) {
			t.Fatalf("phone not sealed: %q", sealed)
		}
		var stored []byte
		if err := env.Store.DB().QueryRow("SELECT sealed_reply FROM channel_messages").Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(stored, []byte(receipt)) {
			t.Fatal("the receipt is stored in the clear")
		}

		// STATUS: the reporter's phone learns it, in 08... form too.
		if _, r := sendSMS(t, env, auth, "gw-2", "0812-3456-7890", "STATUS "+strings.ToLower(trackingID)); !strings.Contains(r, trackingID) || !strings.Contains(r, "Belum terverifikasi") {
			t.Fatalf("STATUS: %q", r)
		}
		if _, r := sendSMS(t, env, auth, "gw-3", phone, "STATUS ZZZZ-ZZZZ"); !strings.Contains(r, "tidak ditemukan") {
			t.Fatalf("STATUS unknown: %q", r)
		}
		// Anything else is help, in English when asked.
		if _, r := sendSMS(t, env, auth, "gw-4", phone, "halo"); !strings.Contains(r, "LAPOR") || !strings.Contains(r, "STATUS") {
			t.Fatalf("help: %q", r)
		}
		res = env.Do(t, "POST", "/api/v1/channels/sms", map[string]string{"id": "gw-5", "from": phone, "text": "BATAL", "lang": "en"}, auth)
		if r, _ := res.JSON(t)["reply"].(string); !strings.Contains(r, "send LAPOR") {
			t.Fatalf("English help: %q", r)
		}
		// Too short to be a report: a reply that says so, nothing filed.
		if _, r := sendSMS(t, env, auth, "gw-6", phone, "LAPOR rusak"); !strings.Contains(r, "minimal 10") {
			t.Fatalf("short: %q", r)
		}
		if n := count(t, env, "reports"); n != before+1 {
			t.Fatalf("help or status filed a report: %d", n-before)
		}
	})
}

func TestSMSBadInputFilesNothing(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		revokedID, revoked := smsKey(t, env, "sms")
		if err := env.Svc.RevokeAPIKey(context.Background(), service.Operator, revokedID); err != nil {
			t.Fatal(err)
		}
		_, social := smsKey(t, env, "social")
		_, auth := smsKey(t, env, "sms")
		_, anyChannel := smsKey(t, env, "")
		before := count(t, env, "reports")
		text := "LAPOR Lampu jalan di Jalan Ahmad Yani mati sejak minggu lalu"
		for _, c := range []struct {
			name, auth string
			want       int
		}{
			{"no key", "", 401},
			{"unknown key", "Bearer lpk_unknown", 401},
			{"revoked key", revoked, 401},
			{"key of another channel", social, 401},
			{"staff scheme", "Receipt abc", 401},
		} {
			if s, body := sendSMS(t, env, c.auth, "bad-"+c.name, "+6281234567890", text); s != c.want {
				t.Errorf("%s: %d %s", c.name, s, body)
			}
		}
		big := append([]byte(`{"id":"big","from":"+6281234567890","text":"LAPOR `), bytes.Repeat([]byte("a"), 10<<20)...)
		big = append(big, `"}`...)
		for _, c := range []struct {
			name string
			body []byte
			want int
		}{
			{"10 MB", big, 413},
			{"malformed", []byte(`{"id":"m","from":`), 400},
			{"not an object", []byte(`[1,2]`), 400},
			{"no id", []byte(`{"from":"+6281234567890","text":"LAPOR lampu jalan mati total"}`), 400},
			{"bad phone", []byte(`{"id":"p","from":"call me","text":"LAPOR lampu jalan mati total"}`), 400},
			{"bad lang", []byte(`{"id":"l","from":"+6281234567890","text":"HELP","lang":"fr"}`), 400},
		} {
			if res := env.Do(t, "POST", "/api/v1/channels/sms", c.body, auth); res.Status != c.want {
				t.Errorf("%s: %d %s", c.name, res.Status, res.Body)
			}
		}
		if s, r := sendSMS(t, env, anyChannel, "ok", "+6281234567890", text); s != 200 || !filedReply.MatchString(r) {
			t.Fatalf("a key for any channel: %d %q", s, r)
		}
		if n := count(t, env, "reports"); n != before+1 {
			t.Fatalf("bad input filed %d reports", n-before-1)
		}
		if count(t, env, "channel_messages") != 1 {
			t.Fatal("bad input recorded a message")
		}
	})
}
