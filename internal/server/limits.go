package server

import (
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/ratelimit"
)

// limited applies the rate limits that depend only on the request line and
// headers; the limit keyed by the body (the e-mail of a sign-in) is the
// service's, so every entrance has it (service.Config.LoginLimit). The
// client's address is used in memory only: it is neither logged nor
// stored, not even for an anonymous report.
func limited(set *ratelimit.Set, fail failFunc, next http.Handler) http.Handler {
	if set == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isUpload(r) {
			// Counted for as long as the request lasts: the body may take
			// minutes to arrive from a slow phone, or from a client that
			// means to hold connections open.
			key := set.Client(r)
			if !set.Uploads.Enter(key) {
				tooMany(w, r, fail, 10*time.Second)
				return
			}
			defer set.Uploads.Leave(key)
		}
		for _, b := range classify(set, r) {
			if ok, wait := b.limiter.Allow(b.key); !ok {
				tooMany(w, r, fail, wait)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

var (
	apiActionPath = regexp.MustCompile(`^/api/v1/reports/[^/]+/actions$`)
	webActionPath = regexp.MustCompile(`^/lacak/[^/]+/aksi$`)
	apiReportPath = regexp.MustCompile(`^/api/v1/reports/[^/]+(/.*)?$`)
	webReportPath = regexp.MustCompile(`^/lacak/[^/]+(/.*)?$`)
	supportPath   = regexp.MustCompile(`^(/api/v1/reports|/laporan)/[^/]+/(support|dukung)$`)
)

// bucket is one limit a request is counted against.
type bucket struct {
	limiter *ratelimit.Limiter
	key     string
}

// classify picks the limits a request is counted against: none, or one
// or more, every one of which must allow it.
func classify(set *ratelimit.Set, r *http.Request) []bucket {
	p := r.URL.Path
	if r.Method == http.MethodPost {
		switch {
		case p == "/api/v1/reports" || p == "/lapor":
			return []bucket{{set.Submit, "submit:" + set.Client(r)}}
		case p == "/api/v1/sessions" || p == "/masuk" || p == "/akun/masuk" || p == "/akun/daftar" || p == "/lacak" ||
			p == "/masuk/lupa" || p == "/masuk/sandi-baru" || p == "/akun/verifikasi" || strings.HasPrefix(p, "/berhenti/"):
			// Logins, receipt look-ups (guessing receipts), and the forms that
			// send or use an e-mailed token (guessing tokens, mail bombing).
			return []bucket{{set.Login, "login:" + set.Client(r)}}
		case supportPath.MatchString(p):
			return []bucket{{set.Support, "support:" + set.Client(r)}}
		case apiActionPath.MatchString(p) || webActionPath.MatchString(p):
			return actionBuckets(set, r)
		}
	}
	if r.Method == http.MethodGet {
		if (apiReportPath.MatchString(p) || webReportPath.MatchString(p)) && presentedReceipt(r) != "" {
			// A reporter's views; one guess costs one view.
			return []bucket{{set.ReceiptView, "receipt-view:" + set.Client(r)}}
		}
		if strings.TrimSpace(r.URL.Query().Get("q")) != "" {
			return []bucket{{set.Search, "search:" + set.Client(r)}}
		}
	}
	return nil
}

// actionBuckets counts a reporter's action against the receipt it
// presents (the API's "Authorization: Receipt" or the tracking page's
// cookie) and against the client's address, so each guess of a new
// receipt still spends the guesser's own allowance. An action on the page
// without a receipt is counted by address alone.
func actionBuckets(set *ratelimit.Set, r *http.Request) []bucket {
	receipt := presentedReceipt(r)
	byClient := bucket{set.Receipt, "receipt-client:" + set.Client(r)}
	switch {
	case receipt != "":
		return []bucket{{set.Receipt, "receipt:" + digest(receipt)}, byClient}
	case webActionPath.MatchString(r.URL.Path):
		return []bucket{byClient}
	}
	return nil
}

// presentedReceipt is the receipt a request carries, or "".
func presentedReceipt(r *http.Request) string {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		scheme, cred, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
		if strings.EqualFold(scheme, "receipt") {
			return strings.TrimSpace(cred)
		}
		return ""
	}
	if c, err := r.Cookie("lapor_bukti"); err == nil {
		return c.Value
	}
	return ""
}

// isUpload reports a multipart body: forms with files, and API payloads
// with attachments.
func isUpload(r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return ct == "multipart/form-data" && r.Method == http.MethodPost
}

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:16])
}

// tooMany answers 429 with Retry-After in whole seconds, rendered as
// every other error is.
func tooMany(w http.ResponseWriter, r *http.Request, fail failFunc, wait time.Duration) {
	secs := int((wait + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	fail(w, r, domain.Errorf(domain.CodeRateLimited, "error.rate_limited"))
}

// httpsBehindProxy marks HSTS on responses to requests a trusted
// TLS-terminating proxy forwarded as https.
func httpsBehindProxy(set *ratelimit.Set, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.TLS != nil || (set.TrustedProxy(r) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")) {
			w.Header().Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// ipPattern finds IPv4 and IPv6 addresses (with an optional port) in the
// net/http server's own error lines ("http: TLS handshake error from
// 203.0.113.7:51234: EOF").
var ipPattern = regexp.MustCompile(`\[?[0-9a-fA-F]*:[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\]?(:\d+)?|\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b`)

// redactingWriter removes client addresses from what net/http logs, so no
// log line holds the address of a reporter.
type redactingWriter struct{ next func(string) }

func (r redactingWriter) Write(p []byte) (int, error) {
	r.next(ipPattern.ReplaceAllString(string(p), "[address]"))
	return len(p), nil
}
