package api_test

import (
	"bytes"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/pgtest"
)

// The planted identity of an anonymous reporter: none of these strings may
// reach staff or rest in the database in clear.
var planted = []string{"Siti Planted Rahmawati", "siti.planted@example.id", "0812-9988-7766"}

// listed returns the sorted tracking IDs of a list answer, checking that
// its total agrees with them (all fit on one page here).
func listed(t *testing.T, m map[string]any) []string {
	t.Helper()
	reports, _ := m["reports"].([]any)
	var ids []string
	for _, r := range reports {
		ids = append(ids, r.(map[string]any)["tracking_id"].(string))
	}
	if total, ok := m["total"].(float64); !ok || int(total) != len(ids) {
		t.Fatalf("list answer: total %v but %d reports: %v", m["total"], len(ids), m)
	}
	return sorted(ids...)
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func TestAnonymousReporterStaysAnonymous(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		body := complaint(map[string]any{
			"anonymous": true, "show_name": true,
			"reporter": map[string]any{"name": planted[0], "email": planted[1], "phone": planted[2]},
		})
		f := submit(t, env, body)
		// Reporter identities of named reports are sealed too.
		named := submit(t, env, complaint(map[string]any{"reporter": map[string]any{"name": "Named Reporter Zulkifli"}}))

		// The reporter sees their own identity.
		m := get(t, env, f, f.auth(), 200)
		if m["reporter"].(map[string]any)["email"] != planted[1] {
			t.Fatalf("reporter cannot see own identity: %v", m["reporter"])
		}

		var seen bytes.Buffer
		collect := func(method, path string, body any, auth string) map[string]any {
			res := env.Do(t, method, path, body, auth)
			seen.Write(res.Body)
			if res.Status >= 300 {
				t.Fatalf("%s %s: %d %s", method, path, res.Status, res.Body)
			}
			return res.JSON(t)
		}
		for who, auth := range map[string]string{"admin": city.Admin, "supervisor": city.Supervisor} {
			collect("GET", "/api/v1/reports/"+f.id, nil, auth)
			if got := listed(t, collect("GET", "/api/v1/reports", nil, auth)); !slices.Equal(got, sorted(f.id, named.id)) {
				t.Fatalf("%s lists %v, want both reports %s and %s", who, got, f.id, named.id)
			}
			// Words of the reports find both, in any case: the searches
			// below that find nothing are searches that work.
			for _, q := range []string{"berlubang", "JALAN BERLUBANG", "pengendara motor", "sd 003"} {
				if got := listed(t, collect("GET", "/api/v1/reports?q="+url.QueryEscape(q), nil, auth)); !slices.Equal(got, sorted(f.id, named.id)) {
					t.Errorf("%s searching %q finds %v, want both reports %s and %s", who, q, got, f.id, named.id)
				}
			}
			// The identities, of the anonymous reporter and of the named
			// one, are sealed: searching for them finds no report.
			for _, q := range []string{"Siti", "planted", "Rahmawati", "siti.planted@example.id", "0812-9988-7766", "Zulkifli", "sampah"} {
				if got := listed(t, collect("GET", "/api/v1/reports?q="+url.QueryEscape(q), nil, auth)); len(got) != 0 {
					t.Errorf("%s searching %q finds %v, want nothing", who, q, got)
				}
			}
		}
		collect("POST", "/api/v1/reports/"+f.id+"/actions", map[string]any{"action": "verify", "unit": "dpupr"}, city.Admin)
		collect("GET", "/api/v1/reports/"+f.id, nil, city.OfficerPU)
		collect("GET", "/api/v1/reports", nil, city.OfficerPU)
		collect("POST", "/api/v1/reports/"+f.id+"/actions", map[string]any{"action": "follow_up", "message": "Ditangani."}, city.OfficerPU)
		collect("GET", "/api/v1/reports/"+f.id, nil, "") // now public
		for _, p := range planted {
			if strings.Contains(seen.String(), p) {
				t.Fatalf("staff or public response carries %q", p)
			}
		}
		// Staff do see a named reporter.
		if m := get(t, env, named, city.Admin, 200); m["reporter"].(map[string]any)["name"] != "Named Reporter Zulkifli" {
			t.Fatalf("named reporter hidden from staff: %v", m["reporter"])
		}
		if strings.Contains(env.Logs.String(), "Siti") {
			t.Fatal("identity in the server log")
		}

		// At rest: neither the SQLite file (with its WAL) nor a dump of the
		// PostgreSQL database holds the identity in clear.
		var raw []byte
		if env.Backend == "sqlite" {
			matches, _ := filepath.Glob(env.DSN + "*")
			for _, m := range matches {
				data, err := os.ReadFile(m)
				if err != nil {
					t.Fatal(err)
				}
				raw = append(raw, data...)
			}
		} else {
			dump := filepath.Join(pgtest.BinDir(), "pg_dump")
			out, err := exec.Command(dump, "--data-only", "--inserts", env.DSN).CombinedOutput()
			if err != nil {
				t.Fatalf("pg_dump: %v\n%s", err, out)
			}
			raw = out
		}
		if !bytes.Contains(raw, []byte("Jalan berlubang")) {
			t.Fatal("the database copy does not even hold the report; the grep proves nothing")
		}
		for _, p := range append(planted, "Named Reporter Zulkifli") {
			if bytes.Contains(raw, []byte(p)) {
				t.Fatalf("%s database holds %q in clear", env.Backend, p)
			}
		}
	})
}
