package main

import (
	"net/netip"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/ratelimit"
)

// limits are the server's rate limiters and whether they are all off.
type limits struct {
	set *ratelimit.Set
	off bool
}

// rateLimits builds the rate limits from serve's settings (--rate-*,
// LAPOR_RATE_*): on by default, --rate-limits=off for load tests. The
// trusted proxies stay when the limits are off: they also decide whose
// X-Forwarded-Proto is believed.
func rateLimits(v *config.Values) limits {
	cfg := ratelimit.Config{
		Submit:         config.Get[ratelimit.Rate](v, "rate-submit"),
		Receipt:        config.Get[ratelimit.Rate](v, "rate-receipt"),
		ReceiptView:    config.Get[ratelimit.Rate](v, "rate-receipt-view"),
		Login:          config.Get[ratelimit.Rate](v, "rate-login"),
		LoginEmail:     config.Get[ratelimit.Rate](v, "rate-login-email"),
		Search:         config.Get[ratelimit.Rate](v, "rate-search"),
		Support:        config.Get[ratelimit.Rate](v, "rate-support"),
		Uploads:        config.Get[int](v, "rate-uploads"),
		TrustedProxies: config.Get[[]netip.Prefix](v, "trusted-proxy"),
	}
	if !v.Bool("rate-limits") {
		cfg = ratelimit.Config{TrustedProxies: cfg.TrustedProxies}
	}
	return limits{set: ratelimit.NewSet(cfg), off: cfg.Off()}
}
