package service

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
)

// Dukung (support): anyone may back a public report once. A citizen
// account counts once whichever browser it uses; anyone else counts once
// per browser (a token in a cookie the entrance sets; the entrance also
// limits supports per client address, since a cookie is easily dropped).
// Only a keyed digest of the account or token is stored (unlinkable.go),
// so a copy of the database does not tell whom an account supported.

// MaxSupportToken bounds a browser token's length.
const MaxSupportToken = 100

// SupportCookie names the cookie that holds a browser's support token;
// the page's Dukung button and the API's support read the same one, so a
// browser counts once through either.
const SupportCookie = "lapor_dukung"

// NewSupportToken is a fresh browser token: 128 random bits.
func NewSupportToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ValidSupportToken reports a token as NewSupportToken makes them, give or
// take: what a cookie may carry back.
func ValidSupportToken(t string) bool { return len(t) >= 16 && len(t) <= MaxSupportToken }

// Support records that v, or the browser holding token, backs the public
// report trackingID, and returns its support count. Supporting twice
// changes nothing and returns the same count. A report the public may not
// see is not found.
func (s *Service) Support(ctx context.Context, trackingID string, v Viewer, token string) (_ int, err error) {
	defer domain.Wrap(&err, "service.Support(%q)", trackingID)
	if err := authorize(v, domain.PermSupport); err != nil {
		return 0, err
	}
	id := domain.NormalizeTrackingID(trackingID)
	if id == "" {
		return 0, domain.ErrNotFound
	}
	r, err := s.store.ReportByTrackingID(ctx, id)
	if err != nil {
		return 0, err
	}
	if domain.ReportAccess(r, domain.Reader{Role: domain.RolePublic}) != AccessPublic {
		return 0, domain.ErrNotFound
	}
	var who string
	switch {
	case v.Citizen != nil:
		who = "account:" + strconv.FormatInt(v.Citizen.ID, 10)
	case ValidSupportToken(token):
		who = "browser:" + token
	default:
		return 0, domain.InvalidField("token", "field.support.token")
	}
	key, err := s.lookupDigest(ctx, "support", who)
	if err != nil {
		return 0, err
	}
	n, _, err := s.store.AddSupport(ctx, r.ID, key, s.now())
	return n, err
}
