package auth

import (
	"strings"
	"testing"
	"time"
)

// RFC 6238 appendix B, SHA-1, truncated to our 6 digits.
func TestTOTPVectors(t *testing.T) {
	secret := []byte("12345678901234567890")
	for sec, want := range map[int64]string{
		59: "94287082", 1111111109: "07081804", 1111111111: "14050471",
		1234567890: "89005924", 2000000000: "69279037", 20000000000: "65353130",
	} {
		step := TOTPStepAt(time.Unix(sec, 0))
		if got := hotp(secret, uint64(step), 8); got != want {
			t.Errorf("T=%d: %s, want %s", sec, got, want)
		}
		if got := TOTPCode(secret, step); got != want[2:] {
			t.Errorf("T=%d 6 digits: %s, want %s", sec, got, want[2:])
		}
	}
}

func TestVerifyTOTP(t *testing.T) {
	secret := NewTOTPSecret()
	now := time.Unix(1_800_000_000, 0)
	cur := TOTPStepAt(now)
	for d, want := range map[int64]bool{-2: false, -1: true, 0: true, 1: true, 2: false} {
		step, ok := VerifyTOTP(secret, TOTPCode(secret, cur+d), now)
		if ok != want || (ok && step != cur+d) {
			t.Errorf("offset %d: ok=%v step=%d", d, ok, step)
		}
	}
	code := TOTPCode(secret, cur)
	if _, ok := VerifyTOTP(secret, code[:3]+" "+code[3:], now); !ok {
		t.Error("a code typed with a space is refused")
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef", "12345\x00"} {
		if _, ok := VerifyTOTP(secret, bad, now); ok {
			t.Errorf("accepted %q", bad)
		}
	}
	uri := TOTPURI(secret, "Lapor", "admin@bontang.go.id")
	if !strings.HasPrefix(uri, "otpauth://totp/Lapor:admin@bontang.go.id?") || !strings.Contains(uri, "secret="+TOTPSecretText(secret)) {
		t.Errorf("uri %s", uri)
	}
}
