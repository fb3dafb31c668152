// Package server assembles Lapor's HTTP handler: the API, the pages, the
// health check and the middleware every request passes through.
package server

import (
	"context"
	"encoding/json"
	"fmt"
	stdlog "log"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/api"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/open311"
	"github.com/lapor-id/lapor/internal/ratelimit"
	"github.com/lapor-id/lapor/internal/service"
)

// Options configure the handler.
type Options struct {
	Logger *slog.Logger
	// Pages are the web pages; nil serves the API only.
	Pages Pages
	TLS   bool // served over TLS: adds HSTS
	// Limits are the rate limits (limits.go); nil: none.
	Limits *ratelimit.Set
	// Observe wraps the routes, inside every other layer, so it sees the
	// pattern each request was served by (metrics); nil: nothing.
	Observe func(http.Handler) http.Handler
}

// Pages is what the server needs of the web pages: their routes, and
// their error page, which answers the errors the server itself raises
// (rate limits, panics) on every path outside the API.
type Pages interface {
	Register(mux *http.ServeMux)
	ErrorPage(w http.ResponseWriter, r *http.Request, err error)
}

// Handler returns the whole HTTP handler of a Lapor instance.
func Handler(svc *service.Service, opt Options) http.Handler {
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	mux := http.NewServeMux()
	// /healthz: the process answers (for restarts); /readyz: it can serve
	// (for a load balancer): database, schema and key.
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		probe(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := svc.Ready(ctx); err != nil {
			log.Warn("not ready", "err", err)
			probe(w, http.StatusServiceUnavailable, "not ready")
			return
		}
		probe(w, http.StatusOK, "ready")
	})
	api.New(svc, log).Register(mux)
	open311.New(svc, log).Register(mux)
	if opt.Pages != nil {
		opt.Pages.Register(mux)
	}
	fail := answerer(log, opt.Pages)
	var routes http.Handler = mux
	if opt.Observe != nil {
		routes = opt.Observe(mux)
	}
	return recoverPanics(log, fail, securityHeaders(opt.TLS, httpsBehindProxy(opt.Limits, limited(opt.Limits, fail, routes))))
}

// probe answers a health probe; the reason for not being ready goes to the
// log, not to whoever asks.
func probe(w http.ResponseWriter, code int, status string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"status": status})
}

// failFunc answers an error the server raises itself.
type failFunc func(w http.ResponseWriter, r *http.Request, err error)

// answerer renders the server's own errors as the API does under /api/,
// as Open311 does under /open311/v2/, and as the pages do elsewhere, in
// the reader's language.
func answerer(log *slog.Logger, pages Pages) failFunc {
	return func(w http.ResponseWriter, r *http.Request, err error) {
		if strings.HasPrefix(r.URL.Path, open311.Prefix) {
			open311.WriteError(w, r, log, err) // Open311 clients read the spec's errors
			return
		}
		if pages == nil || r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/") {
			httperr.WriteJSON(w, r, log, err)
			return
		}
		pages.ErrorPage(w, r, err)
	}
}

// securityHeaders sets the headers every response carries. Pages may
// tighten the CSP further.
func securityHeaders(tls bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if h.Get("Content-Security-Policy") == "" {
			h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; script-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		}
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
		if tls {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic into a logged internal error, so no input
// can take the server down or leave the client without an answer.
func recoverPanics(log *slog.Logger, fail failFunc, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				fail(w, r, domain.Internal(fmt.Errorf("panic: %v", v)))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// NewHTTPServer wraps h with limits against slow and oversized clients.
func NewHTTPServer(addr string, h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // large uploads on slow phones
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    32 << 10,
		// net/http names client addresses in its error lines; they are
		// removed so no log line holds a reporter's address.
		ErrorLog: stdlog.New(redactingWriter{next: func(s string) { log.Warn(strings.TrimSpace(s)) }}, "", 0),
	}
}
