package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/ratelimit"
	"github.com/lapor-id/lapor/internal/server"
)

// panicPages are the real pages plus two routes that panic, one page and
// one under /api/, to see how the server answers a bug.
type panicPages struct{ *Web }

func (p panicPages) Register(mux *http.ServeMux) {
	p.Web.Register(mux)
	mux.HandleFunc("GET /uji-panik", func(http.ResponseWriter, *http.Request) { panic("uji") })
	mux.HandleFunc("GET /api/v1/uji-panik", func(http.ResponseWriter, *http.Request) { panic("uji") })
}

// TestServerErrorsInTheReadersLanguage: the errors the server raises
// itself (a rate limit, a panic) are rendered by the one page renderer on
// pages and by the one JSON renderer under /api/, in the reader's
// language, with the code from the one table.
func TestServerErrorsInTheReadersLanguage(t *testing.T) {
	e := newEnv(t, envOptions{})
	logs := &apptest.Logs{}
	limits := ratelimit.NewSet(ratelimit.Config{Search: ratelimit.Rate{N: 1, Per: time.Hour}})
	srv := httptest.NewServer(server.Handler(e.svc, server.Options{Logger: logs.Logger(slog.LevelDebug),
		Pages: panicPages{e.web}, Limits: limits}))
	t.Cleanup(srv.Close)
	get := func(path string, lang i18n.Lang) (int, http.Header, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Accept-Language", string(lang))
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(body)
	}
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		get("/staf/kotak-masuk?q=jalan", lang) // the one search allowed, for the first language
		for _, c := range []struct {
			path, code, key string
			status          int
		}{
			{"/staf/kotak-masuk?q=jalan", "rate_limited", "error.rate_limited", 429},
			{"/api/v1/reports?q=jalan", "rate_limited", "error.rate_limited", 429},
			{"/uji-panik", "internal", "error.internal", 500},
			{"/api/v1/uji-panik", "internal", "error.internal", 500},
		} {
			status, hdr, body := get(c.path, lang)
			if status != c.status {
				t.Errorf("%s %s: status %d, want %d", lang, c.path, status, c.status)
			}
			msg := i18n.T(lang, c.key)
			if strings.HasPrefix(c.path, "/api/") {
				var doc struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal([]byte(body), &doc); err != nil || doc.Error.Code != c.code || doc.Error.Message != msg {
					t.Errorf("%s %s: %v %q, want code %s and %q", lang, c.path, err, body, c.code, msg)
				}
				continue
			}
			if !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") || !strings.Contains(body, msg) || !strings.Contains(body, `lang="`+string(lang)+`"`) {
				t.Errorf("%s %s: not the error page in the reader's language (%s): %.300s", lang, c.path, hdr.Get("Content-Type"), body)
			}
			if strings.Contains(body, "goroutine") || strings.Contains(body, "uji") && c.code == "internal" && strings.Contains(body, "panic") {
				t.Errorf("%s %s: the page shows the trace", lang, c.path)
			}
		}
	}
	if !strings.Contains(logs.String(), "stack") || !strings.Contains(logs.String(), "panic: uji") {
		t.Errorf("the panic and its cause are not logged: %s", logs.String())
	}
}
