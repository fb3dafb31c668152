package server

import (
	"strings"
	"testing"
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
