package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/ratelimit"
)

// An Open311 client that is rate limited reads the refusal in the spec's
// error format, in the format it asked for.
func TestOpen311RateLimitInTheSpecsFormat(t *testing.T) {
	set := ratelimit.NewSet(ratelimit.Config{Search: ratelimit.Rate{N: 1, Per: time.Minute}})
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	h := limited(set, answerer(slog.New(slog.DiscardHandler), nil), ok)
	for _, c := range []struct{ path, want string }{
		{"/open311/v2/requests.xml?q=lampu", "<errors><error><code>429</code>"},
		{"/open311/v2/requests.json?q=jalan", `[{"code":429,"description":`},
	} {
		var last *httptest.ResponseRecorder
		for range 2 {
			r := httptest.NewRequest("GET", c.path, nil)
			r.RemoteAddr = "203.0.113.9:4000"
			last = httptest.NewRecorder()
			h.ServeHTTP(last, r)
		}
		if last.Code != http.StatusTooManyRequests || !strings.Contains(last.Body.String(), c.want) {
			t.Errorf("%s, twice: %d %s", c.path, last.Code, last.Body)
		}
	}
}
