package api_test

import (
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

// /healthz answers while the process runs; /readyz only while the
// database answers with this binary's schema and the key is loaded, and
// says no more than "not ready" to whoever asks.
func TestProbes(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		if res := env.Do(t, "GET", "/readyz", nil, ""); res.Status != 200 || !strings.Contains(string(res.Body), `"ready"`) {
			t.Fatalf("readyz: %d %s", res.Status, res.Body)
		}
		if _, err := env.Store.DB().Exec(`DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`); err != nil {
			t.Fatal(err)
		}
		res := env.Do(t, "GET", "/readyz", nil, "")
		if res.Status != 503 || strings.Contains(string(res.Body), "migration") {
			t.Fatalf("readyz with the schema behind: %d %s", res.Status, res.Body)
		}
		if !strings.Contains(env.Logs.String(), "migrations not applied") {
			t.Errorf("the reason is not logged: %s", env.Logs.String())
		}
		if res := env.Do(t, "GET", "/healthz", nil, ""); res.Status != 200 {
			t.Fatalf("healthz: %d", res.Status)
		}
	})
}
