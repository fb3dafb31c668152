package api_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/server"
)

var (
	sqlInjections = []string{
		"' OR '1'='1", "'; DROP TABLE reports; --", `" OR ""="`, "1; SELECT pg_sleep(5); --", "admin'--",
		"%' UNION SELECT password_hash, email FROM users --", `\'; DELETE FROM events WHERE '1'='1`, "'||(SELECT sqlite_version())||'",
	}
	scriptInjections = []string{
		"<script>alert('xss')</script>", "<img src=x onerror=alert(1)>", `"><svg onload=alert(1)>`, "javascript:alert(1)",
		"</textarea><script>fetch('//evil')</script>", "{{7*7}} ${7*7} <%= 7*7 %>", "<a href=\"&#106;avascript:x\">x</a>",
	}
)

// hostileServer serves env's handler through the production http.Server
// settings (header limits, timeouts), which httptest does not apply.
func hostileServer(t *testing.T, env *apptest.Env) string {
	srv := server.NewHTTPServer("", env.Server.Config.Handler, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

type hostileClient struct {
	t    *testing.T
	base string
	c    *http.Client
	n    int
}

func (h *hostileClient) do(req *http.Request) apptest.Response {
	h.t.Helper()
	resp, err := h.c.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	h.n++
	if resp.StatusCode >= 500 {
		h.t.Errorf("%s %.200s: %d %.300s", req.Method, req.URL, resp.StatusCode, data)
	}
	return apptest.Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

func (h *hostileClient) json(method, path string, body any, auth string) apptest.Response {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, _ := json.Marshal(b)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, h.base+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return h.do(req)
}

// raw sends bytes over a fresh connection and returns the status code of
// the answer (0 when the server just closes the connection).
func (h *hostileClient) raw(request string) int {
	h.t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.base, "http://"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		return 0
	}
	conn.(*net.TCPConn).CloseWrite() // a client that stops sending
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	h.n++
	return resp.StatusCode
}

// setField sets a dotted field of a submission.
func setField(m map[string]any, field string, v any) {
	if a, b, ok := strings.Cut(field, "."); ok {
		sub, _ := m[a].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
		}
		c := map[string]any{}
		for k, x := range sub {
			c[k] = x
		}
		c[b] = v
		m[a] = c
		return
	}
	m[field] = v
}

func getField(m map[string]any, field string) any {
	if a, b, ok := strings.Cut(field, "."); ok {
		sub, _ := m[a].(map[string]any)
		return sub[b]
	}
	return m[field]
}

// bombPNG is a valid PNG that declares 50000 x 50000 pixels (7.5 GB of
// RGB once inflated) with a tiny IDAT holding a deflate stream of zeros.
func bombPNG(t *testing.T) []byte {
	chunk := func(typ string, data []byte) []byte {
		out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		out = append(out, typ...)
		out = append(out, data...)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[4:]))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, 50000)
	ihdr = binary.BigEndian.AppendUint32(ihdr, 50000)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr)...)
	out = append(out, chunk("IDAT", z.Bytes())...)
	return append(out, chunk("IEND", nil)...)
}

func gzipped(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// TestHostileInput sends a corpus of attacks to a running server on both
// databases: each answer is a 4xx, or the input is stored as the text it
// is and rendered escaped; nothing answers 500 and the server keeps
// answering afterwards.
func TestHostileInput(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		h := &hostileClient{t: t, base: hostileServer(t, env), c: &http.Client{Timeout: 30 * time.Second}}

		// 1. Injections in every text field of a report.
		fields := []string{"title", "body", "location.address", "location.kelurahan", "location.kecamatan", "reporter.name",
			"reporter.email", "reporter.phone", "category", "unit", "incident_date", "kind"}
		stored := 0
		for _, payload := range append(append([]string{}, sqlInjections...), scriptInjections...) {
			for _, field := range fields {
				v := payload
				if field == "title" || field == "body" {
					v = payload + " laporan warga"
				}
				body := complaint(nil)
				setField(body, field, v)
				res := h.json("POST", "/api/v1/reports", body, "")
				if res.Status != 201 {
					if res.Status != 400 {
						t.Errorf("%s = %q: %d %s", field, v, res.Status, res.Body)
					}
					continue
				}
				stored++
				m := res.JSON(t)
				f := filed{m["tracking_id"].(string), m["receipt"].(string)}
				got := h.json("GET", "/api/v1/reports/"+f.id, nil, f.auth())
				if bytes.ContainsAny(got.Body, "<>") {
					t.Errorf("%s = %q: answer holds raw < or >: %.200s", field, v, got.Body)
				}
				var rep map[string]any
				if err := json.Unmarshal(got.Body, &rep); err != nil {
					t.Fatal(err)
				}
				if g := getField(rep, field); g != v {
					t.Errorf("%s: stored %q, sent %q", field, g, v)
				}
			}
		}
		if stored < 40 {
			t.Fatalf("only %d hostile reports were stored: the corpus did not reach the database", stored)
		}
		// Hostile text in actions, shown to staff and the public.
		target := submit(t, env, complaint(nil))
		act(t, env, target, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		for _, p := range scriptInjections {
			res := h.json("POST", "/api/v1/reports/"+target.id+"/actions", map[string]any{"action": "note", "message": p}, city.OfficerPU)
			if res.Status != 200 || bytes.ContainsAny(res.Body, "<>") {
				t.Errorf("note %q: %d %.200s", p, res.Status, res.Body)
			}
		}
		for _, p := range sqlInjections {
			res := h.json("POST", "/api/v1/reports/"+target.id+"/actions", map[string]any{"action": "reroute", "unit": p}, city.Admin)
			if res.Status != 400 {
				t.Errorf("reroute to %q: %d", p, res.Status)
			}
			res = h.json("POST", "/api/v1/reports/"+target.id+"/actions", map[string]any{"action": p}, city.Admin)
			if res.Status != 400 {
				t.Errorf("action %q: %d", p, res.Status)
			}
		}

		// 2. Injections in query parameters and paths.
		for _, p := range append(append([]string{}, sqlInjections...), scriptInjections...) {
			for _, param := range []string{"q", "status", "unit", "kind", "page", "per_page", "sort"} {
				res := h.json("GET", "/api/v1/reports?"+param+"="+url.QueryEscape(p), nil, city.Admin)
				if res.Status != 200 && res.Status != 400 {
					t.Errorf("?%s=%q: %d", param, p, res.Status)
				}
				if bytes.ContainsAny(res.Body, "<>") {
					t.Errorf("?%s=%q: raw < or > in %.200s", param, p, res.Body)
				}
			}
			for _, path := range []string{"/api/v1/reports/" + url.PathEscape(p), "/api/v1/reports/" + url.PathEscape(p) + "/attachments/1",
				"/api/v1/calendar/" + url.PathEscape(p), "/api/v1/evaluation?from=" + url.QueryEscape(p), "/api/v1/sanctions?unit=" + url.QueryEscape(p)} {
				if res := h.json("GET", path, nil, city.Admin); res.Status >= 500 {
					t.Errorf("GET %s: %d", path, res.Status)
				}
			}
		}
		if n := count(t, env, "reports"); n < stored {
			t.Fatalf("reports table lost rows: %d", n)
		}

		// 3. Path traversal and control characters in file names.
		photo := jpegBytes(t)
		names := []string{"../../etc/passwd", `..\..\windows\win.ini`, "/etc/shadow.jpg", "foto\x00.php.jpg", "foto\r\nX-Injected: 1.jpg",
			"<script>alert(1)</script>.jpg", strings.Repeat("a", 5000) + ".jpg", "....//....//x.jpg", "%2e%2e%2fetc%2fpasswd", "CON.jpg", "\u202egpj.exe"}
		for _, name := range names {
			ct, body := multipartReport(t, complaint(nil), file{name, photo})
			req, _ := http.NewRequest("POST", h.base+"/api/v1/reports", bytes.NewReader(body))
			req.Header.Set("Content-Type", ct)
			res := h.do(req)
			if res.Status != 201 {
				if res.Status != 400 {
					t.Errorf("file name %q: %d %s", name, res.Status, res.Body)
				}
				continue
			}
			m := res.JSON(t)
			f := filed{m["tracking_id"].(string), m["receipt"].(string)}
			rep := get(t, env, f, f.auth(), 200)
			at := rep["attachments"].([]any)[0].(map[string]any)
			stored := at["name"].(string)
			if strings.ContainsAny(stored, "/\\\x00\r\n<>%\u202e") || strings.Contains(stored, "..") || len(stored) > 100 || !strings.HasSuffix(stored, ".jpg") {
				t.Errorf("file name %q stored as %q", name, stored)
			}
			dl, _ := http.NewRequest("GET", h.base+at["url"].(string), nil)
			dl.Header.Set("Authorization", f.auth())
			got := h.do(dl)
			if _, params, err := mime.ParseMediaType(got.Header.Get("Content-Disposition")); err != nil || params["filename"] != stored {
				t.Errorf("download of %q: Content-Disposition %q", stored, got.Header.Get("Content-Disposition"))
			}
			if got.Header.Get("X-Injected") != "" {
				t.Errorf("header injected through a file name")
			}
		}

		// 4. Oversized, truncated and bomb uploads.
		post := func(name string, ct string, body []byte, hdr map[string]string) apptest.Response {
			req, _ := http.NewRequest("POST", h.base+"/api/v1/reports", bytes.NewReader(body))
			req.Header.Set("Content-Type", ct)
			for k, v := range hdr {
				req.Header.Set(k, v)
			}
			return h.do(req)
		}
		ct, body := multipartReport(t, complaint(nil), file{"big.jpg", append(append([]byte{}, photo...), make([]byte, 11<<20)...)})
		if res := post("oversized", ct, body, nil); res.Status != 413 {
			t.Errorf("11 MB photo: %d", res.Status)
		}
		ct, body = multipartReport(t, complaint(nil), file{"foto.jpg", photo})
		if res := post("truncated", ct, body[:len(body)-len(photo)/2], nil); res.Status != 400 {
			t.Errorf("truncated multipart body: %d", res.Status)
		}
		if res := post("huge json", "application/json", append([]byte(`{"kind":"complaint","body":"`), bytes.Repeat([]byte("a"), 3<<20)...), nil); res.Status != 413 {
			t.Errorf("3 MB JSON: %d", res.Status)
		}
		start := time.Now()
		ct, body = multipartReport(t, complaint(nil), file{"bomb.png", bombPNG(t)})
		res := post("png bomb", ct, body, nil)
		if res.Status != 201 && res.Status != 400 {
			t.Errorf("PNG declaring 50000x50000 pixels: %d %s", res.Status, res.Body)
		}
		// A gzip body is not inflated: it is not JSON, whatever its header says.
		bomb := gzipped(append([]byte(`{"kind":"complaint","title":"`), make([]byte, 50<<20)...))
		if res := post("gzip bomb", "application/json", bomb, map[string]string{"Content-Encoding": "gzip"}); res.Status != 400 {
			t.Errorf("gzip bomb body: %d", res.Status)
		}
		okJSON, _ := json.Marshal(complaint(nil))
		if res := post("gzip json", "application/json", gzipped(okJSON), map[string]string{"Content-Encoding": "gzip"}); res.Status != 400 {
			t.Errorf("gzip-encoded JSON: %d (the server must not inflate request bodies)", res.Status)
		}
		if time.Since(start) > 20*time.Second {
			t.Errorf("bombs took %v", time.Since(start))
		}

		// 5. Invalid UTF-8 and NUL bytes in JSON keys and values.
		for _, raw := range []string{
			"{\"kind\xff\":\"complaint\",\"title\":\"Jalan rusak parah\",\"body\":\"Lubang besar di jalan utama.\"}",
			"{\"kind\":\"complaint\",\"title\":\"Jalan rusak\xc0\xaf parah\",\"body\":\"Lubang besar di jalan utama.\"}",
			`{"kind":"complaint","title":"Jalan rusak parah","body":"Lubang\u0000besar di jalan utama."}`,
			`{"kind\u0000":"complaint","title\u0000":"x"}`,
			"{\"kind\":\"complaint\"\x00,\"title\":\"x\"}",
			`{"kind":"complaint","reporter":{"name":"\udfff\ud800"}}`,
			strings.Repeat("[", 100000),
			`{"kind":"complaint","title":"` + strings.Repeat(`\u00e9`, 1000) + `"}`,
		} {
			if res := h.json("POST", "/api/v1/reports", []byte(raw), ""); res.Status != 400 {
				t.Errorf("body %.60q: %d", raw, res.Status)
			}
		}

		// 6. Malformed requests on the wire: paths, headers, methods.
		for _, req := range []string{
			"GET /api/v1/reports/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET /api/v1/reports/%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET /api/v1/reports/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET /api/v1/../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET /" + strings.Repeat("a", 20000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET /api/v1/reports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\xfe\x00\r\n\r\n",
			"GET /api/v1/reports HTTP/1.1\r\nHost: x\r\nAuthorization: Receipt " + strings.Repeat("r", 5000) + "\r\n\r\n",
			"GET /api/v1/reports HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("b", 40<<10) + "\r\n\r\n",
			"GET /api/v1/reports HTTP/1.1\r\nHost: x\r\nAccept-Language: \xff\xfe;q=\x00\r\n\r\n",
			"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=\"\r\nContent-Length: 4\r\n\r\nabcd",
			"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=" + strings.Repeat("x", 100) + "\r\nContent-Length: 4\r\n\r\nabcd",
			"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{",
			"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
			"BREW /api/v1/reports HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET /api/v1/reports HTTP/9.9\r\nHost: x\r\n\r\n",
			"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
		} {
			code := h.raw(req)
			switch {
			case code == 0 || (code >= 400 && code < 500):
			case code == http.StatusHTTPVersionNotSupported && strings.Contains(req, "HTTP/9.9"):
				// net/http's own answer to an unknown protocol version.
			case code == http.StatusTemporaryRedirect && strings.Contains(req, "/../"):
				// ServeMux redirects to the cleaned path, which is then a 404.
			default:
				t.Errorf("raw request %.80q: %d", req, code)
			}
		}
		// Header size: the production server refuses more than 32 KB.
		big, _ := http.NewRequest("GET", h.base+"/healthz", nil)
		big.Header.Set("X-Padding", strings.Repeat("p", 64<<10))
		if res := h.do(big); res.Status != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("64 KB header: %d", res.Status)
		}

		// The server is alive, its timelines unharmed, and nothing panicked.
		if res := h.json("GET", "/healthz", nil, ""); res.Status != 200 {
			t.Fatalf("healthz after the corpus: %d", res.Status)
		}
		if strings.Contains(env.Logs.String(), "panic") {
			t.Fatalf("a request panicked:\n%.2000s", env.Logs.String())
		}
		if _, err := env.Store.DB().Exec(`UPDATE events SET message = 'x'`); err == nil {
			t.Fatal("events are no longer append-only")
		}
		if h.n < 300 {
			t.Fatalf("only %d requests answered", h.n)
		}
		t.Logf("%d hostile requests, %d reports stored harmlessly", h.n, stored)
	})
}
