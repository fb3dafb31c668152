package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
)

func socialPost(url string) map[string]any {
	return map[string]any{"network": "x", "post_url": url, "author_handle": "@warga_bontang",
		"text":       "@pemkotbontang @dpupr_bontang Lampu jalan di Jl. Ahmad Yani mati seminggu, gelap dan rawan #lapor",
		"media_urls": []string{"https://pbs.twimg.com/media/abc.jpg"}, "posted_at": "2026-11-18T08:30:00+08:00"}
}

func TestSocialPostFilesOneReportWithAPublicReply(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		_, auth := smsKey(t, env, "social")
		before := count(t, env, "reports")
		const post = "https://x.com/warga_bontang/status/1867000000000000001"

		res := env.Do(t, "POST", "/api/v1/channels/social", socialPost(post), auth)
		if res.Status != 200 {
			t.Fatalf("post: %d %s", res.Status, res.Body)
		}
		got := res.JSON(t)
		reply, id := got["reply"].(string), got["tracking_id"].(string)
		if id == "" || !strings.Contains(reply, id) || strings.Contains(strings.ToLower(reply), "tanda terima") {
			t.Fatalf("reply: %v", got)
		}
		// The bridge's retries (the same link copied with a slash or a fragment, and at once) file nothing more.
		var wg sync.WaitGroup
		for _, again := range []string{post, post + "/", post + "#m", strings.Replace(post, "https://x.com", "https://X.com", 1)} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := env.Do(t, "POST", "/api/v1/channels/social", socialPost(again), auth)
				if r.Status != 200 || r.JSON(t)["reply"] != reply {
					t.Errorf("repeat %s: %d %s", again, r.Status, r.Body)
				}
			}()
		}
		wg.Wait()
		if n := count(t, env, "reports"); n != before+1 {
			t.Fatalf("%d reports filed, want 1", n-before)
		}

		// Staff see the channel, the handle as the reporter and the post as its source.
		staff := env.Do(t, "GET", "/api/v1/reports/"+id, nil, city.Admin).JSON(t)
		src, _ := staff["source"].(map[string]any)
		if staff["channel"] != "social" || staff["status"] != "submitted" || src["post_url"] != post ||
			src["author_handle"] != "@warga_bontang" || staff["reporter"].(map[string]any)["name"] != "@warga_bontang" ||
			!strings.HasPrefix(staff["title"].(string), "Lampu jalan") {
			t.Fatalf("staff view: %v", staff)
		}
		// The link, handle and media are sealed at rest.
		var sealed []byte
		if err := env.Store.DB().QueryRow("SELECT sealed_source FROM report_sources").Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(sealed, []byte("warga_bontang")) || bytes.Contains(sealed, []byte("twimg")) {
			t.Fatalf("source not sealed: %q", sealed)
		}
		var keys string
		if err := env.Store.DB().QueryRow("SELECT msg_key FROM channel_messages").Scan(&keys); err != nil || !strings.HasPrefix(keys, "social:") {
			t.Fatalf("message key: %q %v", keys, err)
		}
		// Once public, the public sees neither the handle nor the post.
		if r := env.Do(t, "POST", "/api/v1/reports/"+id+"/actions", map[string]any{"action": "verify", "unit": "dpupr"}, city.Admin); r.Status != 200 {
			t.Fatalf("verify: %d %s", r.Status, r.Body)
		}
		pub := env.Do(t, "GET", "/api/v1/reports/"+id, nil, "")
		if pub.Status != 200 || bytes.Contains(pub.Body, []byte("warga_bontang")) || bytes.Contains(pub.Body, []byte("1867000000000000001")) {
			t.Fatalf("public view: %d %s", pub.Status, pub.Body)
		}
	})
}

func TestSocialPostRefusesBadInputAndFilesNothing(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		_, auth := smsKey(t, env, "social")
		_, smsAuth := smsKey(t, env, "sms")
		before := count(t, env, "reports")
		url := "https://www.instagram.com/p/C1234567890/"
		for name, c := range map[string]struct {
			field string
			value any
		}{
			"unknown network": {"network", "myspace"},
			"no network":      {"network", ""},
			"ftp link":        {"post_url", "ftp://x.com/1"},
			"script link":     {"post_url", "javascript:alert(1)"},
			"no link":         {"post_url", ""},
			"no handle":       {"author_handle", " "},
			"control handle":  {"author_handle", "@a\x00b"},
			"long handle":     {"author_handle", strings.Repeat("a", 101)},
			"short text":      {"text", "tolong"},
			"long text":       {"text", strings.Repeat("jalan rusak ", 500)},
			"bad media":       {"media_urls", []string{"file:///etc/passwd"}},
			"many media":      {"media_urls", strings.Split(strings.Repeat("https://a.test/x.jpg ", 11), " ")[:11]},
			"future post":     {"posted_at", time.Now().Add(48 * time.Hour).Format(time.RFC3339)},
			"bad time":        {"posted_at", "kemarin"},
			"media not list":  {"media_urls", "https://a.test/x.jpg"},
			"unknown lang":    {"lang", "fr"},
		} {
			body := socialPost(url)
			body[c.field] = c.value
			if r := env.Do(t, "POST", "/api/v1/channels/social", body, auth); r.Status != 400 {
				t.Errorf("%s: %d %s", name, r.Status, r.Body)
			}
		}
		for name, a := range map[string]string{"no key": "", "an SMS key": smsAuth, "an unknown key": "Bearer lpk_unknown"} {
			if r := env.Do(t, "POST", "/api/v1/channels/social", socialPost(url), a); r.Status != 401 {
				t.Errorf("%s: %d", name, r.Status)
			}
		}
		req, _ := http.NewRequest("POST", env.Server.URL+"/api/v1/channels/social", strings.NewReader(`{"network":"x",`))
		req.Header.Set("Authorization", auth)
		req.Header.Set("Content-Type", "application/json")
		if r := env.Send(t, req); r.Status != 400 {
			t.Errorf("malformed JSON: %d", r.Status)
		}
		big := socialPost(url)
		big["text"] = strings.Repeat("a", 100<<10)
		if r := env.Do(t, "POST", "/api/v1/channels/social", big, auth); r.Status != 413 {
			t.Errorf("a 100 KB post: %d", r.Status)
		}
		if n := count(t, env, "reports"); n != before {
			t.Fatalf("bad input filed %d reports", n-before)
		}
		var n int
		if err := env.Store.DB().QueryRow("SELECT COUNT(*) FROM channel_messages").Scan(&n); err != nil || n != 0 {
			t.Fatalf("bad input recorded %d messages (%v)", n, err)
		}
	})
}
