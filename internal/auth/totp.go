package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TOTP (RFC 6238) as authenticator apps implement it: HMAC-SHA1, a 30
// second step, 6 digits; a code of the step before or after is accepted
// too, for clocks that drift.
const (
	TOTPStep    = 30 * time.Second
	TOTPDigits  = 6
	TOTPSkew    = 1
	totpKeySize = 20 // 160 bits, as RFC 4226 recommends
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a random secret.
func NewTOTPSecret() []byte {
	k := make([]byte, totpKeySize)
	if _, err := rand.Read(k); err != nil {
		panic(err)
	}
	return k
}

// TOTPSecretText is the secret as people type it into an app (base32).
func TOTPSecretText(secret []byte) string { return b32.EncodeToString(secret) }

// TOTPURI is the otpauth:// URI authenticator apps read (usually from a QR
// code).
func TOTPURI(secret []byte, issuer, account string) string {
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	q := url.Values{}
	q.Set("secret", TOTPSecretText(secret))
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", fmt.Sprint(TOTPDigits))
	q.Set("period", fmt.Sprint(int(TOTPStep.Seconds())))
	return "otpauth://totp/" + label + "?" + q.Encode()
}

// TOTPStepAt is the time step counter of t.
func TOTPStepAt(t time.Time) int64 { return t.Unix() / int64(TOTPStep.Seconds()) }

// TOTPCode is the code of a time step (RFC 4226 HOTP with counter = step).
func TOTPCode(secret []byte, step int64) string {
	return hotp(secret, uint64(step), TOTPDigits)
}

func hotp(secret []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	m := hmac.New(sha1.New, secret)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// VerifyTOTP checks code against the steps around now and returns the
// step it matched. Spaces in the code are ignored. The caller must refuse
// a step it accepted before, so a code works only once.
func VerifyTOTP(secret []byte, code string, now time.Time) (int64, bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != TOTPDigits || len(secret) == 0 {
		return 0, false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	cur := TOTPStepAt(now)
	var matched int64
	ok := 0
	// Check every step in the window, without stopping early.
	for d := int64(-TOTPSkew); d <= TOTPSkew; d++ {
		if subtle.ConstantTimeCompare([]byte(TOTPCode(secret, cur+d)), []byte(code)) == 1 && ok == 0 {
			matched, ok = cur+d, 1
		}
	}
	return matched, ok == 1
}
