package api_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// publicIDs are the tracking IDs of a public list answer.
func publicIDs(t *testing.T, res apptest.Response) []string {
	t.Helper()
	if res.Status != 200 {
		t.Fatalf("public list: %d %s", res.Status, res.Body)
	}
	var out []string
	for _, r := range res.JSON(t)["reports"].([]any) {
		out = append(out, r.(map[string]any)["tracking_id"].(string))
	}
	return out
}

// supportAs posts a support with the browser's cookie (if any) and
// returns the count and the cookie the server holds the browser to.
func supportAs(t *testing.T, env *apptest.Env, id, cookie string, want int) (float64, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", env.Server.URL+"/api/v1/reports/"+id+"/support", nil)
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: "lapor_dukung", Value: cookie})
	}
	res := env.Send(t, req)
	if res.Status != want {
		t.Fatalf("support %s: %d, want %d: %s", id, res.Status, want, res.Body)
	}
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "lapor_dukung" {
			cookie = c.Value
		}
	}
	if want != 200 {
		return 0, cookie
	}
	return res.JSON(t)["supports"].(float64), cookie
}

// The public list holds verified, non-confidential reports only, never an
// anonymous reporter's identity, with personal numbers in titles masked;
// a support counts once per browser and feeds the "most supported" order.
func TestPublicListAndSupport(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		if _, err := env.Svc.ImportCategories(context.Background(), service.Operator, []domain.CategoryNode{
			{Code: "infrastruktur", Name: "Infrastruktur", Children: []domain.CategoryNode{{Code: "infrastruktur-jalan", Name: "Jalan Rusak"}}},
			{Code: "kesehatan", Name: "Kesehatan"}}); err != nil {
			t.Fatal(err)
		}
		named := submit(t, env, complaint(map[string]any{"title": "Lampu jalan mati, hubungi 0812-3456-7890",
			"category": "infrastruktur-jalan"}))
		act(t, env, named, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr-jalan"})
		env.Clock.Advance(60 * 1e9)
		anon := submit(t, env, complaint(map[string]any{"anonymous": true, "reporter": leakIdentity, "kind": "aspiration"}))
		act(t, env, anon, city.Admin, 200, map[string]any{"action": "verify", "unit": "dinkes"})
		secret := submit(t, env, complaint(map[string]any{"confidential": true, "title": "Rahasia pungutan liar"}))
		act(t, env, secret, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		fresh := submit(t, env, complaint(map[string]any{"title": "Belum diverifikasi"}))

		all := env.Do(t, "GET", "/api/v1/public/reports", nil, "")
		if got := publicIDs(t, all); len(got) != 2 || got[0] != anon.id || got[1] != named.id {
			t.Fatalf("public list %v, want [%s %s] (newest first, no confidential, no unverified)", got, anon.id, named.id)
		}
		body := string(all.Body)
		if found := leaked(all.Body); found != "" || strings.Contains(body, "Budi") || strings.Contains(body, "Rahasia") {
			t.Fatalf("public list leaks (%q): %s", found, body)
		}
		if !strings.Contains(body, "hubungi ****-****-****") {
			t.Fatalf("phone in title not masked: %s", body)
		}
		for q, want := range map[string][]string{
			"kind=aspiration":                {anon.id},
			"unit=dpupr":                     {named.id}, // with its sub-units
			"category=infrastruktur-jalan":   {named.id},
			"category=infrastruktur":         {named.id}, // with its sub-categories
			"category=kesehatan":             nil,
			"status=dispositioned&q=lampu":   {named.id},
			"q=" + url.QueryEscape("pungut"): nil,
			"q=" + secret.id:                 nil,
			"q=" + fresh.id:                  nil,
			"q=" + url.QueryEscape("Ratna"):  nil,
			"from=2020-01-01&to=2020-12-31":  nil,
			"per_page=1&page=2":              {named.id},
			"sort=oldest_open":               {named.id, anon.id},
		} {
			got := publicIDs(t, env.Do(t, "GET", "/api/v1/public/reports?"+q, nil, ""))
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("?%s: %v, want %v", q, got, want)
			}
		}
		// Bad input: a clear 400.
		for _, q := range []string{"per_page=1000000", "per_page=0", "page=-1", "q=" + strings.Repeat("a", 10000), "status=submitted",
			"kind=petition", "unit=nowhere", "category=nothing", "sort=random", "from=2026-13-01"} {
			if res := env.Do(t, "GET", "/api/v1/public/reports?"+q, nil, ""); res.Status != 400 {
				t.Errorf("?%.40s: %d, want 400: %.200s", q, res.Status, res.Body)
			}
		}

		// Support: twice from one browser counts once; another browser
		// counts; unseen reports are not found and change nothing.
		n, browser := supportAs(t, env, named.id, "", 200)
		if n != 1 || browser == "" {
			t.Fatalf("first support: %v, cookie %q", n, browser)
		}
		if n, _ = supportAs(t, env, named.id, browser, 200); n != 1 {
			t.Fatalf("the same browser again: %v, want 1", n)
		}
		if n, _ = supportAs(t, env, named.id, "", 200); n != 2 {
			t.Fatalf("another browser: %v, want 2", n)
		}
		supportAs(t, env, secret.id, browser, 404)
		supportAs(t, env, fresh.id, browser, 404)
		supportAs(t, env, "NOPE-NOPE", browser, 404)
		if got := get(t, env, named, "", 200)["supports"]; got != float64(2) {
			t.Fatalf("report page supports %v", got)
		}
		if got := get(t, env, secret, secret.auth(), 200)["supports"]; got != float64(0) {
			t.Fatalf("confidential report got supports: %v", got)
		}
		sorted := env.Do(t, "GET", "/api/v1/public/reports?sort=supported", nil, "")
		if got := publicIDs(t, sorted); len(got) != 2 || got[0] != named.id {
			t.Fatalf("most supported first: %v", got)
		}
		if first := sorted.JSON(t)["reports"].([]any)[0].(map[string]any); first["supports"] != float64(2) {
			t.Fatalf("list supports %v", first["supports"])
		}
	})
}
