package ratelimit

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// Config holds the limits of an instance. Each is a setting of lapor serve
// (internal/config: --rate-submit, LAPOR_RATE_SUBMIT and so on); the
// trusted proxies are --trusted-proxy, LAPOR_TRUSTED_PROXY.
type Config struct {
	Submit, Receipt, ReceiptView, Login, LoginEmail, Search, Support Rate
	Uploads                                                          int // multipart uploads under way at once per client address; 0: any
	TrustedProxies                                                   []netip.Prefix
}

// Defaults are generous for people (many share one address behind a
// mobile carrier's NAT) and tight for scripts.
func Defaults() Config {
	return Config{
		Submit:  Rate{20, 10 * time.Minute},
		Receipt: Rate{30, 10 * time.Minute},
		// Every view of a report page (and its photos) by its reporter
		// presents the receipt; guessing takes one view per guess.
		ReceiptView: Rate{300, 10 * time.Minute},
		Login:       Rate{20, time.Minute},
		LoginEmail:  Rate{5, time.Minute},
		Search:      Rate{60, time.Minute},
		// Supports (dukung): once per browser anyway; this stops a script
		// that drops its cookie each time.
		Support: Rate{30, 10 * time.Minute},
		// A phone sends one form at a time; the rest is room for people
		// sharing an address.
		Uploads: 8,
	}
}

// Off reports whether no limit is set.
func (c Config) Off() bool {
	return c.Submit.Zero() && c.Receipt.Zero() && c.ReceiptView.Zero() && c.Login.Zero() && c.LoginEmail.Zero() && c.Search.Zero() && c.Support.Zero() && c.Uploads == 0
}

// ParsePrefixes reads a comma-separated list of IP addresses and CIDR
// prefixes, such as "10.0.0.1, 10.1.0.0/16"; an address is a prefix of
// its own. Empty text is no prefix at all.
func ParsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		pfx, err := netip.ParsePrefix(p)
		if err != nil {
			a, err2 := netip.ParseAddr(p)
			if err2 != nil {
				return nil, fmt.Errorf("%q is neither an IP address nor a CIDR prefix", p)
			}
			a = a.Unmap().WithZone("")
			pfx = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, pfx.Masked())
	}
	return out, nil
}

// Set is the limiters of an instance.
type Set struct {
	Submit, Receipt, ReceiptView, Login, LoginEmail, Search, Support *Limiter
	Uploads                                                          *Concurrent
	trusted                                                          []netip.Prefix
}

// NewSet builds the limiters of cfg.
func NewSet(cfg Config) *Set {
	return &Set{
		Submit: New(cfg.Submit, 0), Receipt: New(cfg.Receipt, 0), ReceiptView: New(cfg.ReceiptView, 0), Login: New(cfg.Login, 0),
		LoginEmail: New(cfg.LoginEmail, 0), Search: New(cfg.Search, 0), Support: New(cfg.Support, 0), Uploads: NewConcurrent(cfg.Uploads),
		trusted: cfg.TrustedProxies,
	}
}

// Client is the key of the client that sent r: its address, or for IPv6
// its /64 network (one subscriber usually holds a whole /64). X-Forwarded-
// For is believed only when the connection comes from a trusted proxy, and
// then only as far as the first address that is not one. The result is
// meant for limiting in memory only: never store or log it.
func (s *Set) Client(r *http.Request) string {
	addr := remoteAddr(r.RemoteAddr)
	if s != nil && addr.IsValid() && s.isTrusted(addr) {
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break
			}
			addr = a.Unmap()
			if !s.isTrusted(addr) {
				break
			}
		}
	}
	if !addr.IsValid() {
		return "unknown"
	}
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

func (s *Set) isTrusted(a netip.Addr) bool {
	for _, p := range s.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// TrustedProxy reports whether r came through a trusted proxy (whose
// X-Forwarded-* headers may be believed).
func (s *Set) TrustedProxy(r *http.Request) bool {
	if s == nil {
		return false
	}
	a := remoteAddr(r.RemoteAddr)
	return a.IsValid() && s.isTrusted(a)
}

func remoteAddr(ra string) netip.Addr {
	host, _, err := net.SplitHostPort(ra)
	if err != nil {
		host = ra
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap().WithZone("")
}
