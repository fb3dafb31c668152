package main

import (
	"log/slog"
	"os"

	"github.com/lapor-id/lapor/internal/ratelimit"
)

// rateLimits reads the rate limits from the environment (see
// ratelimit.Config): on by default, LAPOR_RATE_LIMITS=off for load tests.
func rateLimits(log *slog.Logger) (*ratelimit.Set, error) {
	cfg, err := ratelimit.FromEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	if cfg.Off() {
		log.Warn("rate limits are off (LAPOR_RATE_LIMITS=off): use this only for load tests on loopback")
	}
	return ratelimit.NewSet(cfg), nil
}
