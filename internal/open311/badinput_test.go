package open311_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/service"
)

// TestBadInputAnswersTheSpecsErrors sends what a careless or hostile
// client might, in both formats: each gets the spec's code in the spec's
// error format, and no report is filed.
func TestBadInputAnswersTheSpecsErrors(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := setup(t, env)
		ctx := context.Background()
		revoked, revokedKey, err := env.Svc.AddAPIKey(ctx, service.Operator, "Lama", "open311")
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Svc.RevokeAPIKey(ctx, service.Operator, revoked.ID); err != nil {
			t.Fatal(err)
		}
		_, smsKey, err := env.Svc.AddAPIKey(ctx, service.Operator, "SMS gateway", "sms")
		if err != nil {
			t.Fatal(err)
		}
		id := c.file(t) // one known request, waiting for verification
		before := count(t, env)

		gets := []struct {
			path string
			want int
		}{
			{"services/tidak-ada.%s", 404},
			{"requests.%s?service_code=tidak-ada", 404},
			{"requests/AAAA-AAAA.%s", 404},
			{"requests/bukan-id-yang-sah-sama-sekali-panjang.%s", 404},
			{"tokens/AAAA-AAAA.%s", 404},
			{"requests.%s?service_request_id=AAAA-AAAA", 404},
			{"tidak-ada.%s", 404},
			{"requests.%s?start_date=kemarin", 400},
			{"requests.%s?end_date=2026-13-45T00:00:00Z", 400},
			{"requests.%s?start_date=2026-11-18T00:00:00Z&end_date=2026-11-01T00:00:00Z", 400},
			{"requests.%s?status=pending", 400},
			{"requests.%s?status=open,pending", 400},
			{"requests.%s?service_code=kesehatan,tidak-ada", 404},
			{"requests.%s?page_size=1000000", 400},
			{"requests.%s?page_size=-1", 400},
			{"requests.%s?page=abc", 400},
		}
		for _, f := range []string{"json", "xml"} {
			for _, g := range gets {
				path := strings.Replace(g.path, "%s", f, 1)
				checkError(t, "GET "+path, f, c.get(t, path), g.want)
			}
		}
		checkError(t, "GET services.html", "json", c.get(t, "services.html"), 400)

		posts := []struct {
			name string
			form url.Values
			want int
		}{
			{"no key", c.form("api_key", ""), 403},
			{"wrong key", c.form("api_key", "lpk_bukan-kunci"), 403},
			{"revoked key", c.form("api_key", revokedKey), 403},
			{"a key of another channel", c.form("api_key", smsKey), 403},
			{"unknown service", c.form("service_code", "tidak-ada"), 404},
			{"no service", c.form("service_code", ""), 400},
			{"no location", c.form("lat", "", "long", "", "address_string", ""), 400},
			{"lat without long", c.form("long", "", "address_string", ""), 400},
			{"lat out of range", c.form("lat", "91"), 400},
			{"long not a number", c.form("long", "timur"), 400},
			{"no description", c.form("description", ""), 400},
			{"unknown kind", c.form("attribute[kind]", "gosip"), 400},
			{"anonymous not a boolean", c.form("attribute[anonymous]", "mungkin"), 400},
			{"bad e-mail", c.form("email", "bukan-surel"), 400},
		}
		for _, f := range []string{"json", "xml"} {
			for _, p := range posts {
				checkError(t, "POST "+p.name, f, c.post(t, f, p.form), p.want)
			}
		}
		// Errors name the fields as the client sent them.
		res := c.post(t, "json", c.form("description", "Rusak", "email", "bukan-surel"))
		if body := string(res.Body); !strings.Contains(body, `"description: `) || !strings.Contains(body, `"email: `) {
			t.Errorf("field errors: %s", body)
		}
		// A JSON body is not the spec's form.
		req, _ := http.NewRequest("POST", env.Server.URL+"/open311/v2/requests.json", strings.NewReader(`{"api_key":"`+c.key+`"}`))
		req.Header.Set("Content-Type", "application/json")
		checkError(t, "POST JSON", "json", env.Send(t, req), 400)
		// Multipart with a file: the spec takes media_url, not files.
		var mp bytes.Buffer
		mw := multipart.NewWriter(&mp)
		for k, v := range c.form() {
			_ = mw.WriteField(k, v[0])
		}
		fw, _ := mw.CreateFormFile("media", "jalan.jpg")
		_, _ = fw.Write([]byte("\xff\xd8\xff bukan foto"))
		_ = mw.Close()
		req, _ = http.NewRequest("POST", env.Server.URL+"/open311/v2/requests.json", &mp)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		checkError(t, "POST multipart with a file", "json", env.Send(t, req), 400)
		// A body past the limit.
		req, _ = http.NewRequest("POST", env.Server.URL+"/open311/v2/requests.json",
			strings.NewReader(c.form("description", strings.Repeat("panjang ", 20000)).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		checkError(t, "POST huge", "json", env.Send(t, req), 400)

		if n := count(t, env); n != before {
			t.Fatalf("bad input filed %d reports", n-before)
		}
		// The known request is still there, untouched.
		if got := jsonList(t, c.get(t, "requests/"+id+".json")); len(got) != 1 {
			t.Fatalf("known request: %v", got)
		}
	})
}

// checkError checks res is the spec's error list with status want.
func checkError(t *testing.T, what, f string, res apptest.Response, want int) {
	t.Helper()
	if res.Status != want {
		t.Errorf("%s (%s): status %d, want %d: %s", what, f, res.Status, want, res.Body)
		return
	}
	code := ""
	if f == "xml" {
		x := xmlDoc(t, res)
		if x.XMLName.Local != "errors" || len(x.Children) == 0 || x.Children[0].XMLName.Local != "error" {
			t.Errorf("%s: not the spec's XML errors: %s", what, res.Body)
			return
		}
		code, _ = x.Children[0].child("code")
		if d, _ := x.Children[0].child("description"); d == "" {
			t.Errorf("%s: no description: %s", what, res.Body)
		}
	} else {
		list := jsonList(t, res)
		if len(list) == 0 || list[0]["description"] == "" {
			t.Errorf("%s: not the spec's JSON errors: %s", what, res.Body)
			return
		}
		if n, ok := list[0]["code"].(float64); ok {
			code = strconv.Itoa(int(n))
		}
	}
	if code != strconv.Itoa(want) {
		t.Errorf("%s: error code %q, want %d: %s", what, code, want, res.Body)
	}
}
