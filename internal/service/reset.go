package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/mail"
	"github.com/lapor-id/lapor/internal/store"
)

// Tokens sent by e-mail (issue 9, "Also"): a staff user's self-service
// password reset and a citizen account's address verification. Each is
// single-use and short-lived; only its digest is stored. The token is a
// keyed digest of a random nonce that the delivery's key carries, so it
// is made again when the mail is sent and is in no table, no log and no
// outbox row.

const (
	// ResetTTL is how long a reset link works.
	ResetTTL = 30 * time.Minute
	// ResetsPerHour bounds the reset mails one account is sent an hour.
	ResetsPerHour = 3
	// VerifyTTL is how long a verification link works.
	VerifyTTL = 48 * time.Hour
	// VerifiesPerDay bounds the verification mails one account is sent a day.
	VerifiesPerDay = 5
)

func newNonce() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// mailToken is the token a delivery's nonce stands for.
func (s *Service) mailToken(ctx context.Context, purpose, nonce string) (string, error) {
	return s.lookupDigest(ctx, "mail-token-"+purpose, nonce)
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte("lapor mail token\x00" + token))
	return hex.EncodeToString(sum[:])
}

// nonceOf is the last dot-separated part of a token delivery's key.
func nonceOf(key string) string { return key[strings.LastIndexByte(key, '.')+1:] }

// RequestPasswordReset e-mails a staff account a link to choose a new
// password. It answers the same whether or not the address has an
// account (and whether the account is off, or was sent too many links
// this hour), so it tells nobody which addresses have one.
func (s *Service) RequestPasswordReset(ctx context.Context, v Viewer, email string) (err error) {
	defer domain.Wrap(&err, "service.RequestPasswordReset")
	if err := authorize(v, domain.PermSubmit); err != nil {
		return err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return domain.InvalidField("email", "field.required")
	}
	if len(email) > domain.MaxEmail || !domain.ValidEmail(email) {
		return domain.InvalidField("email", "field.email.invalid")
	}
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && u.Disabled) {
		return nil
	}
	if err != nil {
		return err
	}
	now := s.now()
	nonce := newNonce()
	token, err := s.mailToken(ctx, store.TokenReset, nonce)
	if err != nil {
		return err
	}
	err = s.store.CreateMailToken(ctx, store.MailToken{Hash: tokenHash(token), Purpose: store.TokenReset, UserID: &u.ID,
		CreatedAt: now, ExpiresAt: now.Add(ResetTTL)},
		store.NewMail{Key: "reset." + nonce, Audience: domain.AudienceStaff, Kind: store.TokenReset, UserID: &u.ID, Now: now},
		ResetsPerHour, now.Add(-time.Hour))
	if errors.Is(err, store.ErrTooManyTokens) {
		s.log.Warn("password reset: too many asked for this hour", "user", u.ID)
		return nil
	}
	return err
}

// ResetPasswordWithToken sets a new password with a reset link's token:
// once, within ResetTTL. Every session of the account ends. A used,
// expired or unknown token is refused with the same answer.
func (s *Service) ResetPasswordWithToken(ctx context.Context, v Viewer, token, password string) (err error) {
	defer domain.Wrap(&err, "service.ResetPasswordWithToken")
	if err := authorize(v, domain.PermSubmit); err != nil {
		return err
	}
	if token == "" || len(token) > 128 {
		return domain.InvalidField("token", "field.token.invalid")
	}
	if password == "" {
		return domain.InvalidField("new_password", "field.required")
	}
	if auth.CheckPassword(password) != nil {
		return domain.InvalidField("new_password", "field.password.weak")
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	_, err = s.store.ResetPasswordByToken(ctx, tokenHash(token), hash, s.now())
	if errors.Is(err, domain.ErrNotFound) {
		return domain.InvalidField("token", "field.token.invalid")
	}
	return err
}

// resetMail is the reset link's e-mail to a staff user.
func (s *Service) resetMail(ctx context.Context, lang i18n.Lang, d domain.Delivery, base string) (*mail.Message, error) {
	token, err := s.mailToken(ctx, store.TokenReset, nonceOf(d.Key))
	if err != nil {
		return nil, err
	}
	c := staffMailContent{Footer: i18n.T(lang, "mail.reset.footer"), Lines: []staffLine{
		{Text: i18n.T(lang, "mail.reset.body", int(ResetTTL/time.Minute))},
		{Text: i18n.T(lang, "mail.reset.link"), Link: base + "/masuk/sandi-baru?t=" + token},
		{Text: i18n.T(lang, "mail.reset.not_you")},
	}}
	return c.message(i18n.T(lang, "mail.reset.subject"), d)
}

// sendVerification writes the verification e-mail of citizen account
// id, to email, in the registration page's language.
func (s *Service) sendVerification(ctx context.Context, id int64, email string, lang i18n.Lang) error {
	now := s.now()
	nonce := newNonce()
	token, err := s.mailToken(ctx, store.TokenVerify, nonce)
	if err != nil {
		return err
	}
	key := "verify." + string(lang) + "." + nonce
	hour := now.UTC().Truncate(time.Hour)
	err = s.store.CreateMailToken(ctx, store.MailToken{Hash: tokenHash(token), Purpose: store.TokenVerify, CitizenID: &id,
		CreatedAt: hour, ExpiresAt: hour.Add(VerifyTTL)},
		store.NewMail{Key: key, Audience: domain.AudienceCitizen, Kind: store.TokenVerify,
			SealedTo: s.sealer.Seal([]byte(email), outboxToAAD(key)), Now: now},
		VerifiesPerDay, hour.Add(-24*time.Hour))
	if errors.Is(err, store.ErrTooManyTokens) {
		return nil
	}
	return err
}

func outboxToAAD(key string) []byte { return []byte("outbox-to:" + key) }

// verifyMail is the verification link's e-mail to a citizen account's
// address, opened from the delivery's sealed copy.
func (s *Service) verifyMail(ctx context.Context, d domain.Delivery, base string) (*mail.Message, error) {
	to, err := s.sealer.Open(d.SealedTo, outboxToAAD(d.Key))
	if err != nil {
		return nil, err
	}
	parts := strings.Split(d.Key, ".")
	lang := i18n.ID
	if len(parts) == 3 && i18n.Valid(parts[1]) {
		lang = i18n.Lang(parts[1])
	}
	token, err := s.mailToken(ctx, store.TokenVerify, nonceOf(d.Key))
	if err != nil {
		return nil, err
	}
	c := staffMailContent{Footer: i18n.T(lang, "mail.verify.footer"), Lines: []staffLine{
		{Text: i18n.T(lang, "mail.verify.body")},
		{Text: i18n.T(lang, "mail.verify.link"), Link: base + "/akun/verifikasi?t=" + token},
		{Text: i18n.T(lang, "mail.verify.not_you")},
	}}
	m, err := c.message(i18n.T(lang, "mail.verify.subject"), d)
	if err != nil {
		return nil, err
	}
	m.To = string(to)
	return m, nil
}

// VerifyCitizenEmail verifies a citizen account's address with the
// token of its verification link; the account may then sign in. A used,
// expired or unknown token is refused with the same answer.
func (s *Service) VerifyCitizenEmail(ctx context.Context, v Viewer, token string) (err error) {
	defer domain.Wrap(&err, "service.VerifyCitizenEmail")
	if err := authorize(v, domain.PermSubmit); err != nil {
		return err
	}
	if token == "" || len(token) > 128 {
		return domain.InvalidField("token", "field.token.invalid")
	}
	now := s.now()
	_, err = s.store.VerifyCitizenByToken(ctx, tokenHash(token), now, coarse(now))
	if errors.Is(err, domain.ErrNotFound) {
		return domain.InvalidField("token", "field.token.invalid")
	}
	return err
}
