package api_test

import (
	"bytes"
	"encoding/base32"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/ratelimit"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
)

func login(t *testing.T, env *apptest.Env, body map[string]any) apptest.Response {
	t.Helper()
	return env.Do(t, "POST", "/api/v1/sessions", body, "")
}

func TestLoginLockOutWithBackOff(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		bad := map[string]any{"email": "pu@bontang.go.id", "password": "salah-salah-salah"}
		good := map[string]any{"email": "pu@bontang.go.id", "password": apptest.Password}
		for i := range 5 {
			if res := login(t, env, bad); res.Status != 401 {
				t.Fatalf("failure %d: %d %s", i+1, res.Status, res.Body)
			}
		}
		// Locked: even the right password is refused, with a clear answer.
		res := login(t, env, good)
		if res.Status != 429 || res.Header.Get("Retry-After") != "60" || !strings.Contains(string(res.Body), "1 menit") {
			t.Fatalf("locked account: %d %v %s", res.Status, res.Header.Get("Retry-After"), res.Body)
		}
		env.Clock.Advance(61 * time.Second)
		// One more failure doubles the lock.
		if res := login(t, env, bad); res.Status != 401 {
			t.Fatalf("failure 6: %d", res.Status)
		}
		if res := login(t, env, good); res.Status != 429 || res.Header.Get("Retry-After") != "120" {
			t.Fatalf("second lock: %d %v", res.Status, res.Header.Get("Retry-After"))
		}
		env.Clock.Advance(2*time.Minute + time.Second)
		if res := login(t, env, good); res.Status != 201 {
			t.Fatalf("login after the lock: %d %s", res.Status, res.Body)
		}
		// Success clears the count: four failures do not lock again.
		for range 4 {
			login(t, env, bad)
		}
		if res := login(t, env, good); res.Status != 201 {
			t.Fatalf("count not cleared: %d %s", res.Status, res.Body)
		}
		// Unknown accounts answer exactly like a wrong password.
		res = login(t, env, map[string]any{"email": "nobody@bontang.go.id", "password": "salah-salah-salah"})
		if res.Status != 401 || !strings.Contains(string(res.Body), `"unauthorized"`) {
			t.Fatalf("unknown account: %d %s", res.Status, res.Body)
		}
	})
}

// TestParallelGuessesCannotOutrunTheLock: 50 wrong guesses at once, then
// the right password, which is refused while the lock holds; an address
// without an account locks the same way and answers the same, so the
// answers tell nobody which addresses exist.
func TestParallelGuessesCannotOutrunTheLock(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		for _, email := range []string{"pu@bontang.go.id", "tidak-ada@bontang.go.id"} {
			var wg sync.WaitGroup
			statuses := make([]int, 50)
			for i := range statuses {
				wg.Add(1)
				go func() {
					defer wg.Done()
					statuses[i] = login(t, env, map[string]any{"email": email, "password": "tebakan-" + strconv.Itoa(i)}).Status
				}()
			}
			wg.Wait()
			counted := 0
			for _, s := range statuses {
				if s == 401 {
					counted++
				} else if s != 429 {
					t.Fatalf("%s: a guess answered %d", email, s)
				}
			}
			if counted != service.LockAfter {
				t.Errorf("%s: %d of 50 parallel guesses had their password compared, want %d", email, counted, service.LockAfter)
			}
			res := login(t, env, map[string]any{"email": email, "password": apptest.Password})
			if res.Status != 429 || res.Header.Get("Retry-After") != "60" || !strings.Contains(string(res.Body), "error.login_locked") && !strings.Contains(string(res.Body), "1 menit") {
				t.Fatalf("%s: the right password while locked: %d %s", email, res.Status, res.Body)
			}
		}
		env.Clock.Advance(61 * time.Second)
		if res := login(t, env, map[string]any{"email": "pu@bontang.go.id", "password": apptest.Password}); res.Status != 201 {
			t.Fatalf("the right password after the lock: %d %s", res.Status, res.Body)
		}
	})
}

// totpCode computes the current code of a base32 secret at the test clock.
func totpCode(t *testing.T, env *apptest.Env, secret string) string {
	t.Helper()
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil {
		t.Fatal(err)
	}
	return auth.TOTPCode(raw, auth.TOTPStepAt(env.Clock.Now()))
}

func TestTOTPAndRequiredSecondFactor(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		// Enrol the supervisor.
		res := env.Do(t, "POST", "/api/v1/me/totp", nil, city.Supervisor)
		if res.Status != 201 {
			t.Fatalf("enrol: %d %s", res.Status, res.Body)
		}
		en := res.JSON(t)
		secret := en["secret"].(string)
		if !strings.HasPrefix(en["otpauth_uri"].(string), "otpauth://totp/Lapor:inspektorat@bontang.go.id?") {
			t.Fatalf("uri: %v", en["otpauth_uri"])
		}
		// Not on until confirmed; a wrong code does not confirm.
		if res := env.Do(t, "POST", "/api/v1/me/totp/confirm", map[string]any{"code": "000000"}, city.Supervisor); res.Status != 400 {
			t.Fatalf("wrong confirmation code: %d %s", res.Status, res.Body)
		}
		if res := env.Do(t, "POST", "/api/v1/me/totp/confirm", map[string]any{"code": totpCode(t, env, secret)}, city.Supervisor); res.Status != 200 {
			t.Fatalf("confirm: %d %s", res.Status, res.Body)
		}
		// The secret is sealed at rest.
		var stored []byte
		if err := env.Store.DB().QueryRow(`SELECT totp_secret FROM users WHERE email = 'inspektorat@bontang.go.id'`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		raw, _ := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
		if len(stored) == 0 || bytes.Contains(stored, raw) || bytes.Contains(stored, []byte(secret)) {
			t.Fatalf("TOTP secret stored in clear: %x", stored)
		}

		creds := map[string]any{"email": "inspektorat@bontang.go.id", "password": apptest.Password}
		res = login(t, env, creds)
		if res.Status != 401 || !strings.Contains(string(res.Body), `"totp"`) {
			t.Fatalf("login without a code: %d %s", res.Status, res.Body)
		}
		env.Clock.Advance(auth.TOTPStep) // the confirmation spent the current step
		creds["totp"] = totpCode(t, env, secret)
		if res := login(t, env, creds); res.Status != 201 {
			t.Fatalf("login with a code: %d %s", res.Status, res.Body)
		}
		// A code works once.
		if res := login(t, env, creds); res.Status != 401 {
			t.Fatalf("replayed code: %d %s", res.Status, res.Body)
		}
		creds["totp"] = "123456"
		if res := login(t, env, creds); res.Status != 401 {
			t.Fatalf("wrong code: %d %s", res.Status, res.Body)
		}

		// Admins require a second factor for officers; supervisors may not.
		put := map[string]any{"require_totp_roles": []string{"officer"}}
		if res := env.Do(t, "PUT", "/api/v1/settings/security", put, city.Supervisor); res.Status != 403 {
			t.Fatalf("supervisor changed security settings: %d", res.Status)
		}
		if res := env.Do(t, "PUT", "/api/v1/settings/security", map[string]any{"require_totp_roles": []string{"king"}}, city.Admin); res.Status != 400 {
			t.Fatalf("unknown role accepted: %d", res.Status)
		}
		if res := env.Do(t, "PUT", "/api/v1/settings/security", put, city.Admin); res.Status != 200 {
			t.Fatalf("require TOTP: %d %s", res.Status, res.Body)
		}
		// An officer's existing session can only enrol now.
		res = env.Do(t, "GET", "/api/v1/reports", nil, city.OfficerPU)
		if res.Status != 403 || !strings.Contains(string(res.Body), "/api/v1/me/totp") {
			t.Fatalf("officer without TOTP: %d %s", res.Status, res.Body)
		}
		res = login(t, env, map[string]any{"email": "pu@bontang.go.id", "password": apptest.Password})
		if res.Status != 201 || res.JSON(t)["totp_enrolment_required"] != true {
			t.Fatalf("login of an officer who must enrol: %d %s", res.Status, res.Body)
		}
		tok := "Bearer " + res.JSON(t)["token"].(string)
		res = env.Do(t, "POST", "/api/v1/me/totp", nil, tok)
		if res.Status != 201 {
			t.Fatalf("enrol when required: %d %s", res.Status, res.Body)
		}
		osecret := res.JSON(t)["secret"].(string)
		if res := env.Do(t, "POST", "/api/v1/me/totp/confirm", map[string]any{"code": totpCode(t, env, osecret)}, tok); res.Status != 200 {
			t.Fatalf("confirm when required: %d %s", res.Status, res.Body)
		}
		if res := env.Do(t, "GET", "/api/v1/reports", nil, tok); res.Status != 200 {
			t.Fatalf("officer after enrolment: %d %s", res.Status, res.Body)
		}
		// Required: it cannot be turned off.
		env.Clock.Advance(auth.TOTPStep)
		if res := env.Do(t, "DELETE", "/api/v1/me/totp", map[string]any{"code": totpCode(t, env, osecret)}, tok); res.Status != 403 {
			t.Fatalf("required TOTP turned off: %d %s", res.Status, res.Body)
		}
		// The supervisor may turn theirs off with a code.
		env.Clock.Advance(auth.TOTPStep)
		if res := env.Do(t, "DELETE", "/api/v1/me/totp", map[string]any{"code": totpCode(t, env, secret)}, city.Supervisor); res.Status != 204 {
			t.Fatalf("turn TOTP off: %d %s", res.Status, res.Body)
		}
		if res := login(t, env, map[string]any{"email": "inspektorat@bontang.go.id", "password": apptest.Password}); res.Status != 201 {
			t.Fatalf("login after turning TOTP off: %d %s", res.Status, res.Body)
		}
		if m := env.Do(t, "GET", "/api/v1/settings/security", nil, city.Admin).JSON(t); len(m["require_totp_roles"].([]any)) != 1 {
			t.Fatalf("settings: %v", m)
		}
	})
}

func TestSessionsRotateExpireAndEndEverywhere(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		creds := map[string]any{"email": "admin@bontang.go.id", "password": apptest.Password}
		a, b := login(t, env, creds).JSON(t)["token"].(string), login(t, env, creds).JSON(t)["token"].(string)
		if a == b {
			t.Fatal("two logins share a token")
		}
		// At rest a session is only the hash of its token.
		tokens := []string{strings.TrimPrefix(city.Admin, "Bearer "), a, b}
		stored := sessionHashes(t, env, "admin@bontang.go.id")
		if len(stored) != len(tokens) {
			t.Fatalf("%d logins left %d sessions: %v", len(tokens), len(stored), stored)
		}
		for _, tok := range tokens {
			if !stored[domain.HashSecret(tok)] {
				t.Errorf("no session is stored under the hash of a token; stored: %v", stored)
			}
			for h := range stored {
				if strings.Contains(h, tok) {
					t.Fatalf("session token stored in clear: %q", h)
				}
			}
		}
		for _, tok := range []string{a, b} {
			if res := env.Do(t, "GET", "/api/v1/reports", nil, "Bearer "+tok); res.Status != 200 {
				t.Fatalf("session: %d", res.Status)
			}
		}
		if res := env.Do(t, "DELETE", "/api/v1/sessions?all=true", nil, "Bearer "+a); res.Status != 204 {
			t.Fatalf("logout everywhere: %d %s", res.Status, res.Body)
		}
		for _, tok := range []string{a, b} {
			if res := env.Do(t, "GET", "/api/v1/reports", nil, "Bearer "+tok); res.Status != 401 {
				t.Fatalf("session after logout everywhere: %d", res.Status)
			}
		}
		// Idle timeout (2 h) and absolute timeout (12 h).
		c := login(t, env, creds).JSON(t)["token"].(string)
		env.Clock.Advance(2*time.Hour + time.Minute)
		if res := env.Do(t, "GET", "/api/v1/reports", nil, "Bearer "+c); res.Status != 401 {
			t.Fatalf("idle session: %d", res.Status)
		}
		d := login(t, env, creds).JSON(t)["token"].(string)
		for range 13 {
			env.Clock.Advance(time.Hour)
			env.Do(t, "GET", "/api/v1/reports", nil, "Bearer "+d)
		}
		if res := env.Do(t, "GET", "/api/v1/reports", nil, "Bearer "+d); res.Status != 401 {
			t.Fatalf("session past its absolute limit: %d", res.Status)
		}
	})
}

// limitedServer serves env's database with rate limits (the per-e-mail
// one is the service's), logging to logs.
func limitedServer(t *testing.T, env *apptest.Env, cfg ratelimit.Config) (*httptest.Server, *apptest.Logs) {
	logs := &apptest.Logs{}
	set := ratelimit.NewSet(cfg)
	svc := service.New(env.Store, env.Sealer, service.Config{Now: env.Clock.Now, Logger: logs.Logger(slog.LevelDebug), LoginLimit: set.LoginEmail})
	if err := svc.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(svc, server.Options{Logger: logs.Logger(slog.LevelDebug), Limits: set}))
	t.Cleanup(srv.Close)
	return srv, logs
}

func send(t *testing.T, srv *httptest.Server, method, path string, body any, hdr map[string]string) apptest.Response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, _ := json.Marshal(b)
		rd = bytes.NewReader(data)
	}
	req, _ := http.NewRequest(method, srv.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return apptest.Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

func TestRateLimits(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		cfg := ratelimit.Config{Submit: ratelimit.Rate{N: 2, Per: time.Minute}, Receipt: ratelimit.Rate{N: 2, Per: time.Minute},
			Login: ratelimit.Rate{N: 4, Per: time.Minute}, LoginEmail: ratelimit.Rate{N: 2, Per: time.Minute},
			Search: ratelimit.Rate{N: 2, Per: time.Minute}}
		srv, _ := limitedServer(t, env, cfg)
		// Submissions per address; a forged X-Forwarded-For changes nothing
		// when no proxy is trusted.
		var receipt string
		for i := range 3 {
			res := send(t, srv, "POST", "/api/v1/reports", complaint(nil), map[string]string{"X-Forwarded-For": "198.51.100." + strconv.Itoa(i)})
			want := 201
			if i == 2 {
				want = 429
			}
			if res.Status != want {
				t.Fatalf("submission %d: %d, want %d: %s", i+1, res.Status, want, res.Body)
			}
			if i == 0 {
				receipt = res.JSON(t)["receipt"].(string)
			}
			if want == 429 {
				ra, err := strconv.Atoi(res.Header.Get("Retry-After"))
				if err != nil || ra < 1 || ra > 60 || res.JSON(t)["error"].(map[string]any)["code"] != "rate_limited" {
					t.Fatalf("429 answer: %v %s", res.Header, res.Body)
				}
			}
		}
		// Reporter actions per receipt.
		statuses := []int{}
		for range 3 {
			res := send(t, srv, "POST", "/api/v1/reports/"+mustID(t, env, receipt)+"/actions",
				map[string]any{"action": "reply", "message": "Tambahan keterangan."}, map[string]string{"Authorization": "Receipt " + receipt})
			statuses = append(statuses, res.Status)
		}
		if statuses[2] != 429 || statuses[0] == 429 {
			t.Fatalf("receipt actions: %v", statuses)
		}
		// Logins per e-mail, then per address.
		st := []int{}
		for range 3 {
			st = append(st, send(t, srv, "POST", "/api/v1/sessions", map[string]any{"email": "dinkes@bontang.go.id", "password": apptest.Password}, nil).Status)
		}
		if st[0] != 201 || st[1] != 201 || st[2] != 429 {
			t.Fatalf("logins per e-mail: %v", st)
		}
		if res := send(t, srv, "POST", "/api/v1/sessions", map[string]any{"email": "pu@bontang.go.id", "password": apptest.Password}, nil); res.Status != 201 {
			t.Fatalf("another account's login: %d %s", res.Status, res.Body)
		}
		if res := send(t, srv, "POST", "/api/v1/sessions", map[string]any{"email": "jalan@bontang.go.id", "password": apptest.Password}, nil); res.Status != 429 {
			t.Fatalf("logins per address: %d", res.Status)
		}
		// Searches per address; listing without a search is not limited.
		st = st[:0]
		for range 3 {
			st = append(st, send(t, srv, "GET", "/api/v1/reports?q=jalan", nil, map[string]string{"Authorization": city.Admin}).Status)
		}
		if st[0] != 200 || st[2] != 429 {
			t.Fatalf("searches: %v", st)
		}
		if res := send(t, srv, "GET", "/api/v1/reports", nil, map[string]string{"Authorization": city.Admin}); res.Status != 200 {
			t.Fatalf("list: %d", res.Status)
		}
		// Off: nothing is limited.
		off := ratelimit.Config{} // what LAPOR_RATE_LIMITS=off gives (internal/config)
		if !off.Off() {
			t.Fatalf("LAPOR_RATE_LIMITS=off: %v", off)
		}
		srvOff, _ := limitedServer(t, env, off)
		for range 5 {
			if res := send(t, srvOff, "POST", "/api/v1/reports", complaint(nil), nil); res.Status != 201 {
				t.Fatalf("limits off: %d", res.Status)
			}
		}
	})
}

// sessionHashes returns the token_hash of every session of a staff member.
func sessionHashes(t *testing.T, env *apptest.Env, email string) map[string]bool {
	t.Helper()
	q := `SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ?`
	if env.Backend == "postgres" {
		q = strings.Replace(q, "?", "$1", 1)
	}
	rows, err := env.Store.DB().Query(q, email)
	if err != nil {
		t.Fatalf("read sessions: %v", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			t.Fatalf("read sessions: %v", err)
		}
		out[h] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("read sessions: %v", err)
	}
	return out
}

func mustID(t *testing.T, env *apptest.Env, receipt string) string {
	t.Helper()
	var id string
	q := `SELECT tracking_id FROM reports WHERE receipt_hash = ?`
	if env.Backend == "postgres" {
		q = strings.Replace(q, "?", "$1", 1)
	}
	if err := env.Store.DB().QueryRow(q, domain.HashSecret(receipt)).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestAnonymousSubmissionLeavesNoAddress submits through a trusted proxy
// with a distinctive address and user agent, and looks for both in the
// logs and in the database.
func TestAnonymousSubmissionLeavesNoAddress(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		cfg := ratelimit.Defaults()
		cfg.TrustedProxies, _ = ratelimitPrefixes("127.0.0.0/8,::1/128")
		srv, logs := limitedServer(t, env, cfg)
		const ua, ip = "PlantedAgent-Zebra/9.9 (Android 14; SM-A5460)", "203.0.113.77"
		hdr := map[string]string{"User-Agent": ua, "X-Forwarded-For": ip + ", 127.0.0.1", "X-Real-IP": ip}
		res := send(t, srv, "POST", "/api/v1/reports", complaint(map[string]any{"anonymous": true}), hdr)
		if res.Status != 201 {
			t.Fatalf("submit: %d %s", res.Status, res.Body)
		}
		// Errors and rate limiting are logged too: make some.
		send(t, srv, "POST", "/api/v1/reports", []byte("{bad json"), hdr)
		send(t, srv, "GET", "/api/v1/reports/NOPE-NOPE", nil, hdr)
		for range 25 {
			send(t, srv, "POST", "/api/v1/reports", map[string]any{"kind": "x"}, hdr)
		}
		raw := dbBytes(t, env)
		if !bytes.Contains(raw, []byte("Jalan berlubang")) {
			t.Fatal("the database copy does not hold the report; the search proves nothing")
		}
		for _, s := range []string{ua, "Zebra", ip, "203.0.113"} {
			if strings.Contains(logs.String(), s) || strings.Contains(env.Logs.String(), s) {
				t.Errorf("log holds %q:\n%s", s, logs.String())
			}
			if bytes.Contains(raw, []byte(s)) {
				t.Errorf("%s database holds %q", env.Backend, s)
			}
		}
	})
}

func ratelimitPrefixes(s string) ([]netip.Prefix, error) {
	return ratelimit.ParsePrefixes(s)
}

// dbBytes returns the whole database as bytes: the SQLite files, or a dump
// of the PostgreSQL database.
func dbBytes(t *testing.T, env *apptest.Env) []byte {
	t.Helper()
	var raw []byte
	if env.Backend == "sqlite" {
		if _, err := env.Store.DB().Exec(`PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
			t.Fatal(err)
		}
		matches, _ := filepath.Glob(env.DSN + "*")
		for _, m := range matches {
			data, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			raw = append(raw, data...)
		}
		return raw
	}
	out, err := exec.Command(filepath.Join(pgtest.BinDir(), "pg_dump"), "--data-only", "--inserts", env.DSN).CombinedOutput()
	if err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	return out
}

// Guessing receipts: each guess presents a new receipt, so a limit kept
// per receipt alone would give every guess a fresh allowance. The guesses
// are counted per client address too, for actions and for views.
func TestReceiptGuessesLimitedPerAddress(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		cfg := ratelimit.Config{Receipt: ratelimit.Rate{N: 3, Per: time.Minute}, ReceiptView: ratelimit.Rate{N: 3, Per: time.Minute}}
		srv, _ := limitedServer(t, env, cfg)
		res := send(t, srv, "POST", "/api/v1/reports", complaint(nil), nil)
		if res.Status != 201 {
			t.Fatalf("submit: %d %s", res.Status, res.Body)
		}
		receipt := res.JSON(t)["receipt"].(string)
		id := mustID(t, env, receipt)
		guess := func(i int) map[string]string {
			return map[string]string{"Authorization": "Receipt guess" + strconv.Itoa(i) + "aaaaaaaaaaaaaaaaaaaaaa"}
		}
		var actions, views []int
		for i := range 4 {
			actions = append(actions, send(t, srv, "POST", "/api/v1/reports/"+id+"/actions",
				map[string]any{"action": "reply", "message": "Tebakan."}, guess(i)).Status)
			views = append(views, send(t, srv, "GET", "/api/v1/reports/"+id, nil, guess(100+i)).Status)
		}
		if actions[0] == 429 || actions[3] != 429 {
			t.Fatalf("guessed actions from one address: %v, want the fourth refused", actions)
		}
		if views[0] == 429 || views[3] != 429 {
			t.Fatalf("guessed views from one address: %v, want the fourth refused", views)
		}
		// The public view, with no receipt, is not a guess and stays open.
		if res := send(t, srv, "GET", "/api/v1/reports/"+id, nil, nil); res.Status == 429 {
			t.Fatalf("public view refused after the guesses")
		}
	})
}
