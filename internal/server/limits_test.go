package server

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/ratelimit"
)

func TestServerErrorLogHoldsNoAddress(t *testing.T) {
	for _, line := range []string{
		"http: TLS handshake error from 203.0.113.7:51234: EOF",
		"http: panic serving [2001:db8::77]:443: boom",
		"http2: server: error reading preface from client 198.51.100.23:40000: timeout",
		"http: TLS handshake error from [::ffff:203.0.113.7]:5: x",
	} {
		var got string
		redactingWriter{next: func(s string) { got = s }}.Write([]byte(line))
		for _, ip := range []string{"203.0.113.7", "2001:db8::77", "198.51.100.23", "51234"} {
			if strings.Contains(got, ip) {
				t.Errorf("%q kept %s: %q", line, ip, got)
			}
		}
		if !strings.Contains(got, "[address]") {
			t.Errorf("%q: %q", line, got)
		}
	}
}

// TestReceiptGuessesCountPerAddress: on the tracking page the receipt
// travels in a cookie; a guesser sends a new one each time, and each
// guess still spends the address's allowance, for views and for actions.
func TestReceiptGuessesCountPerAddress(t *testing.T) {
	set := ratelimit.NewSet(ratelimit.Config{Receipt: ratelimit.Rate{N: 2, Per: time.Minute}, ReceiptView: ratelimit.Rate{N: 2, Per: time.Minute}})
	try := func(method, path string, i int) bool {
		r := httptest.NewRequest(method, path, nil)
		r.RemoteAddr = "203.0.113.9:4000"
		r.AddCookie(&http.Cookie{Name: "lapor_bukti", Value: "guess" + strconv.Itoa(i)})
		for _, b := range classify(set, r) {
			if ok, _ := b.limiter.Allow(b.key); !ok {
				return false
			}
		}
		return true
	}
	for _, c := range []struct{ method, path string }{{"GET", "/lacak/K7MQ-2XRD"}, {"POST", "/lacak/K7MQ-2XRD/aksi"}} {
		var got []bool
		for i := range 3 {
			got = append(got, try(c.method, c.path, i))
		}
		if !got[0] || !got[1] || got[2] {
			t.Errorf("%s %s with three different receipts from one address: allowed %v, want the third refused", c.method, c.path, got)
		}
	}
	// A page of the report without a receipt is no guess.
	r := httptest.NewRequest("GET", "/lacak/K7MQ-2XRD", nil)
	if b := classify(set, r); len(b) != 0 {
		t.Errorf("the public page is counted as a guess: %v", b)
	}
}

// Supports (the page's button and the API) count per client address, so a
// script dropping its cookie each time cannot pile them up.
func TestSupportsCountPerAddress(t *testing.T) {
	set := ratelimit.NewSet(ratelimit.Config{Support: ratelimit.Rate{N: 2, Per: time.Minute}})
	try := func(path, addr string) bool {
		r := httptest.NewRequest("POST", path, nil)
		r.RemoteAddr = addr
		for _, b := range classify(set, r) {
			if ok, _ := b.limiter.Allow(b.key); !ok {
				return false
			}
		}
		return true
	}
	got := []bool{try("/laporan/K7MQ-2XRD/dukung", "203.0.113.9:1"), try("/api/v1/reports/K7MQ-2XRD/support", "203.0.113.9:2"),
		try("/laporan/AAAA-BBBB/dukung", "203.0.113.9:3")}
	if !got[0] || !got[1] || got[2] {
		t.Errorf("three supports from one address: allowed %v, want the third refused", got)
	}
	if !try("/laporan/AAAA-BBBB/dukung", "198.51.100.7:1") {
		t.Error("another address was refused")
	}
}

// The forms that send an e-mailed token or use one count per client
// address, like the logins: nobody floods an inbox or guesses tokens.
func TestTokenFormsCountPerAddress(t *testing.T) {
	set := ratelimit.NewSet(ratelimit.Config{Login: ratelimit.Rate{N: 2, Per: time.Minute}})
	for _, path := range []string{"/masuk/lupa", "/masuk/sandi-baru", "/akun/verifikasi", "/berhenti/K7MQ-2XRD"} {
		var got []bool
		for range 3 {
			r := httptest.NewRequest("POST", path, nil)
			r.RemoteAddr = "203.0.113.7:4000"
			ok := true
			for _, b := range classify(set, r) {
				if allowed, _ := b.limiter.Allow(b.key); !allowed {
					ok = false
				}
			}
			got = append(got, ok)
		}
		if !got[0] || got[2] {
			t.Errorf("POST %s three times from one address: allowed %v, want a limit", path, got)
		}
		set = ratelimit.NewSet(ratelimit.Config{Login: ratelimit.Rate{N: 2, Per: time.Minute}})
	}
}
