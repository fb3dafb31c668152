package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// HookTolerance is how old a signed delivery's timestamp may be before a
// receiver should reject it as a replay.
const HookTolerance = 5 * time.Minute

// SignHook is the X-Lapor-Signature header of body sent at t:
// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with secret>".
func SignHook(secret []byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hookMAC(secret, ts, body)
}

func hookMAC(secret []byte, ts string, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// VerifyHook checks a signature header the way a receiver should: the
// MAC must match and t must be no more than HookTolerance from now.
func VerifyHook(secret []byte, header string, body []byte, now time.Time) error {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" {
		return errors.New("malformed signature header")
	}
	if !hmac.Equal([]byte(sig), []byte(hookMAC(secret, ts, body))) {
		return errors.New("signature does not match")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > HookTolerance || d < -HookTolerance {
		return errors.New("signature timestamp outside the tolerance")
	}
	return nil
}
