// Package ratelimit keeps token buckets keyed by string (a client address,
// a receipt's hash, an e-mail address) in memory. Keys are never written
// anywhere: an address used to limit a reporter is forgotten once its
// bucket is full again.
package ratelimit

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rate is N events per Per, allowed in a burst of up to N.
type Rate struct {
	N   int
	Per time.Duration
}

// Zero reports a rate that limits nothing.
func (r Rate) Zero() bool { return r.N <= 0 || r.Per <= 0 }

func (r Rate) String() string {
	if r.Zero() {
		return "off"
	}
	return strconv.Itoa(r.N) + "/" + r.Per.String()
}

// ParseRate reads "N/unit" or "N/duration": "10/m", "20/10m", "5/1h",
// "100/s". "off" (or "0") limits nothing.
func ParseRate(s string) (Rate, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "off" || s == "0" {
		return Rate{}, nil
	}
	ns, per, ok := strings.Cut(s, "/")
	n, err := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err != nil || n <= 0 || n > 1_000_000 {
		return Rate{}, fmt.Errorf("rate %q: want N/period such as 10/m or 20/10m", s)
	}
	per = strings.TrimSpace(per)
	switch per {
	case "s", "sec", "second":
		return Rate{n, time.Second}, nil
	case "m", "min", "minute":
		return Rate{n, time.Minute}, nil
	case "h", "hour":
		return Rate{n, time.Hour}, nil
	}
	d, err := time.ParseDuration(per)
	if err != nil || d <= 0 || d > 24*time.Hour {
		return Rate{}, fmt.Errorf("rate %q: want N/period such as 10/m or 20/10m", s)
	}
	return Rate{n, d}, nil
}

// Limiter is a set of token buckets of one rate, keyed by string, bounded
// in size. It is safe for concurrent use.
type Limiter struct {
	rate    Rate
	max     int // most keys kept
	now     func() time.Time
	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

// New makes a limiter keeping at most maxKeys keys (default 100000).
func New(rate Rate, maxKeys int) *Limiter {
	if maxKeys <= 0 {
		maxKeys = 100_000
	}
	return &Limiter{rate: rate, max: maxKeys, now: time.Now, buckets: map[string]*bucket{}}
}

// SetClock replaces the clock (tests).
func (l *Limiter) SetClock(now func() time.Time) { l.now = now }

// Rate is the limiter's rate.
func (l *Limiter) Rate() Rate { return l.rate }

// Allow takes a token for key. When none is left it reports false and how
// long until one is.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	if l == nil || l.rate.Zero() {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > l.rate.Per || len(l.buckets) >= l.max {
		l.sweep(now)
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(l.rate.N), at: now}
		l.buckets[key] = b
	}
	b.tokens = l.refill(b, now)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	perToken := l.rate.Per / time.Duration(l.rate.N)
	wait := time.Duration((1 - b.tokens) * float64(perToken))
	return false, max(wait, time.Second)
}

func (l *Limiter) refill(b *bucket, now time.Time) float64 {
	el := now.Sub(b.at)
	if el <= 0 {
		return b.tokens
	}
	t := b.tokens + float64(l.rate.N)*el.Seconds()/l.rate.Per.Seconds()
	return min(t, float64(l.rate.N))
}

// sweep forgets buckets that are full again (they behave like new ones);
// if the map is still at its bound, it drops arbitrary keys: under a flood
// of fresh addresses a limiter must not grow without bound, and a
// forgotten key merely starts with a full bucket.
func (l *Limiter) sweep(now time.Time) {
	l.swept = now
	for k, b := range l.buckets {
		if l.refill(b, now) >= float64(l.rate.N) {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < l.max*9/10 {
			break
		}
		delete(l.buckets, k)
	}
}

// Len is the number of keys held.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
