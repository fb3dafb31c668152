package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/testenv"
)

// TestBehindNginx runs Debian's nginx with the shipped example
// (deploy/nginx/lapor.conf) in front of lapor serve on loopback: TLS ends
// at nginx and HSTS is sent, plain HTTP is sent to HTTPS, rate limits
// count each client (two loopback addresses) and a client cannot pose as
// another with its own X-Forwarded-For, and neither Lapor's log nor
// nginx's names a client's address.
func TestBehindNginx(t *testing.T) {
	nginx := findNginx(t)
	dir := t.TempDir()
	for _, d := range []string{"log", "tmp"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o777); err != nil {
			t.Fatal(err)
		}
	}
	cert, key, pool := selfSigned(t, dir)

	// Lapor, trusting only the proxy on 127.0.0.1, with a tight login limit.
	var out, logs lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", filepath.Join(dir, "lapor.db"), "--addr", "127.0.0.1:0",
			"--trusted-proxy", "127.0.0.1", "--rate-login", "3/m", "--scheduler=false", "--log-format", "json"},
			strings.NewReader(""), &out, &logs)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("lapor serve: %v", err)
		}
	})
	upstream := waitFor(t, &out, regexp.MustCompile(`running at http://(127\.0\.0\.1:\d+)`))

	// nginx with the example, pointed at this Lapor, these ports and files.
	conf, err := os.ReadFile(filepath.Join("..", "..", "deploy", "nginx", "lapor.conf"))
	if err != nil {
		t.Fatal(err)
	}
	httpPort, tlsPort := freePort(t), freePort(t)
	site := string(conf)
	for _, r := range [][2]string{
		{"server 127.0.0.1:8080;", "server " + upstream + ";"},
		{"listen 80;", "listen 127.0.0.1:" + httpPort + ";"},
		{"listen 443 ssl http2;", "listen 127.0.0.1:" + tlsPort + " ssl http2;"},
		{"/etc/letsencrypt/live/lapor.example.go.id/fullchain.pem", cert},
		{"/etc/letsencrypt/live/lapor.example.go.id/privkey.pem", key},
		{"/var/log/nginx/", filepath.Join(dir, "log") + "/"},
	} {
		if !strings.Contains(site, r[0]) {
			t.Fatalf("deploy/nginx/lapor.conf no longer has %q", r[0])
		}
		site = strings.ReplaceAll(site, r[0], r[1])
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root root;" // workers write the temp files in this test's directory
	}
	tmp := filepath.Join(dir, "tmp")
	main := fmt.Sprintf(`%s
worker_processes 1;
pid %s/nginx.pid;
error_log %s/log/nginx.error.log warn;
events { worker_connections 128; }
http {
    client_body_temp_path %[4]s/body; proxy_temp_path %[4]s/proxy; fastcgi_temp_path %[4]s/fastcgi;
    uwsgi_temp_path %[4]s/uwsgi; scgi_temp_path %[4]s/scgi;
%s
}
`, user, dir, dir, tmp, site)
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	var nginxOut bytes.Buffer
	cmd := exec.Command(nginx, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-g", "daemon off;")
	cmd.Stdout, cmd.Stderr = &nginxOut, &nginxOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	// Two clients on two loopback addresses, both through nginx.
	client := func(from string) *http.Client {
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
		return &http.Client{Timeout: 10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			Transport: &http.Transport{DialContext: d.DialContext,
				TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}}}
	}
	alice, bob := client("127.0.0.2"), client("127.0.0.3")
	base := "https://127.0.0.1:" + tlsPort
	var res *http.Response
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if res, err = alice.Get(base + "/readyz"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not answer: %v\n%s", err, nginxOut.String())
		}
	}
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Errorf("through nginx over TLS: %d, HSTS %q", res.StatusCode, res.Header.Get("Strict-Transport-Security"))
	}
	if res, err := alice.Get("http://127.0.0.1:" + httpPort + "/lapor"); err != nil || res.StatusCode != http.StatusMovedPermanently ||
		!strings.HasPrefix(res.Header.Get("Location"), "https://") {
		t.Errorf("plain HTTP: %v %v", res, err)
	}
	if res, err := http.Get("http://" + upstream + "/readyz"); err != nil || res.Header.Get("Strict-Transport-Security") != "" {
		t.Errorf("Lapor's own plain HTTP sends HSTS: %v %v", res, err)
	}

	login := func(c *http.Client, n int, forged string) int {
		t.Helper()
		body := fmt.Sprintf(`{"email":"tamu%d@example.id","password":"bukan-kata-sandi-ini"}`, n)
		req, _ := http.NewRequest("POST", base+"/api/v1/sessions", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if forged != "" {
			req.Header.Set("X-Forwarded-For", forged)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	for i := range 3 {
		if got := login(alice, i, ""); got != http.StatusUnauthorized {
			t.Fatalf("alice's login %d: %d", i+1, got)
		}
	}
	if got := login(alice, 3, ""); got != http.StatusTooManyRequests {
		t.Errorf("alice's fourth login in a minute: %d, want 429", got)
	}
	if got := login(alice, 4, "10.9.8.7"); got != http.StatusTooManyRequests {
		t.Errorf("alice posing as 10.9.8.7: %d, want 429", got)
	}
	if got := login(bob, 5, ""); got != http.StatusUnauthorized {
		t.Errorf("bob, on another address, is limited with alice: %d", got)
	}

	// Neither log names a client: Lapor's, and nginx's for the site.
	cancel()
	if err := <-done; err != nil {
		t.Errorf("lapor serve: %v", err)
	}
	done <- nil // for the cleanup
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	access, _ := os.ReadFile(filepath.Join(dir, "log", "lapor.access.log"))
	siteErrors, _ := os.ReadFile(filepath.Join(dir, "log", "lapor.error.log"))
	if bytes.Count(access, []byte("\n")) < 7 {
		t.Errorf("nginx's access log has %d lines, want every request", bytes.Count(access, []byte("\n")))
	}
	for name, log := range map[string]string{"Lapor's log": logs.String(), "nginx's access log": string(access), "nginx's error log": string(siteErrors)} {
		for _, addr := range []string{"127.0.0.2", "127.0.0.3", "10.9.8.7"} {
			if strings.Contains(log, addr) {
				t.Errorf("%s names the client %s:\n%s", name, addr, log)
			}
		}
	}
}

func findNginx(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if testenv.Required() {
		t.Fatal("nginx not found, and CI is set: the proxy test is required (apt-get install nginx-light)")
	}
	t.Skip("nginx not found (apt-get install nginx-light): skipping the test behind a proxy")
	return ""
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// their paths and a pool that trusts it.
func selfSigned(t *testing.T, dir string) (cert, key string, pool *x509.CertPool) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	parsed, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(parsed)
	return cert, key, pool
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// waitFor waits until out holds a match of re and returns its first group.
func waitFor(t *testing.T, out *lockedBuffer, re *regexp.Regexp) string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("no %s in %q", re, out.String())
	return ""
}

// lockedBuffer is a buffer the server writes to while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
