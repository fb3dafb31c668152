package ratelimit

import (
	"net/http/httptest"
	"testing"
	"time"
)

func TestAllowRefillsAndForgets(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	l := New(Rate{N: 3, Per: time.Minute}, 10)
	l.SetClock(func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("request %d refused", i+1)
		}
	}
	ok, wait := l.Allow("a")
	if ok || wait != 20*time.Second {
		t.Fatalf("4th: ok=%v wait=%v", ok, wait)
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Fatal("another key shares the bucket")
	}
	now = now.Add(20 * time.Second)
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("no token after the wait")
	}
	// Full buckets are forgotten; the map never grows past its bound.
	now = now.Add(2 * time.Minute)
	for i := range 100 {
		l.Allow(string(rune('A' + i)))
	}
	if n := l.Len(); n > 10 {
		t.Fatalf("%d keys held, bound 10", n)
	}
	var off *Limiter
	if ok, _ := off.Allow("x"); !ok {
		t.Fatal("nil limiter refuses")
	}
}

func TestParseRate(t *testing.T) {
	for in, want := range map[string]Rate{"10/m": {10, time.Minute}, "20/10m": {20, 10 * time.Minute}, "5/h": {5, time.Hour},
		"100/s": {100, time.Second}, "off": {}, " 3 / 90s ": {3, 90 * time.Second}} {
		got, err := ParseRate(in)
		if err != nil || got != want {
			t.Errorf("ParseRate(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "10", "x/m", "-1/m", "10/0s", "10/fortnight", "10/48h"} {
		if _, err := ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q) accepted", bad)
		}
	}
}

func TestParsePrefixes(t *testing.T) {
	p, err := ParsePrefixes(" 10.0.0.0/8, 192.0.2.1,,2001:db8::/32, ::ffff:198.51.100.7")
	if err != nil || len(p) != 4 || p[1].String() != "192.0.2.1/32" || p[3].String() != "198.51.100.7/32" {
		t.Fatalf("ParsePrefixes: %v %v", p, err)
	}
	if p, err := ParsePrefixes(""); err != nil || p != nil {
		t.Fatalf("empty: %v %v", p, err)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.internal", "10.0.0.1;10.0.0.2"} {
		if _, err := ParsePrefixes(bad); err == nil {
			t.Errorf("ParsePrefixes(%q) accepted", bad)
		}
	}
}

func TestClientAddress(t *testing.T) {
	c := Defaults()
	var err error
	if c.TrustedProxies, err = ParsePrefixes("10.0.0.0/8"); err != nil {
		t.Fatal(err)
	}
	s := NewSet(c)
	for _, tc := range []struct{ remote, xff, want string }{
		{"198.51.100.7:4000", "", "198.51.100.7"},
		{"198.51.100.7:4000", "203.0.113.1", "198.51.100.7"},                   // untrusted peer: header ignored
		{"10.1.2.3:4000", "203.0.113.1", "203.0.113.1"},                        // trusted proxy
		{"10.1.2.3:4000", "203.0.113.9, 203.0.113.1, 10.0.0.5", "203.0.113.1"}, // first untrusted from the right
		{"10.1.2.3:4000", "garbage", "10.1.2.3"},
		{"[2001:db8:1:2:3:4:5:6]:443", "", "2001:db8:1:2::/64"},
		{"[::ffff:198.51.100.7]:1", "", "198.51.100.7"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := s.Client(r); got != tc.want {
			t.Errorf("%s via %q: %s, want %s", tc.remote, tc.xff, got, tc.want)
		}
	}
}
