package domain

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"unicode"
)

// trackingAlphabet leaves out 0, 1, I, L, O and U so an ID read out over
// the phone or typed from an SMS cannot be misheard or mistyped.
const trackingAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewTrackingID returns a random public ID such as "K7MQ-2XRD" (30^8, about
// 6.6e11 values; collisions are retried by the store).
func NewTrackingID() string {
	var b [8]byte
	var out [9]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	j := 0
	for i, c := range b {
		if i == 4 {
			out[j] = '-'
			j++
		}
		// 256 % 30 != 0: reject-free modulo bias is ~0.4%, acceptable
		// for an identifier that is not a secret.
		out[j] = trackingAlphabet[int(c)%len(trackingAlphabet)]
		j++
	}
	return string(out[:])
}

// NormalizeTrackingID accepts lower case, spaces, missing dash and a
// leading '#', and returns the canonical form, or "" when s cannot be one.
func NormalizeTrackingID(s string) string {
	if len(s) > 32 {
		return ""
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '#':
			continue
		case strings.ContainsRune(trackingAlphabet, r):
			b.WriteRune(r)
		default:
			return ""
		}
	}
	c := b.String()
	if len(c) != 8 {
		return ""
	}
	return c[:4] + "-" + c[4:]
}

var receiptEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewReceipt returns a secret of 128 random bits that lets the reporter act
// on the report without an account, and the hash the store keeps of it.
func NewReceipt() (receipt, hash string) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	receipt = strings.ToLower(receiptEncoding.EncodeToString(b[:]))
	return receipt, HashSecret(receipt)
}

// NormalizeReceipt returns a receipt as it was issued, however it was
// typed: spaces (the receipt is printed in groups), hyphens, tabs and line
// breaks are dropped and letters are lowered. It is the one place that
// decides which spellings of a receipt are the same.
func NormalizeReceipt(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == '\u2010' || r == '\u2011' || r == '\u2013' || unicode.IsSpace(r):
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// HashSecret hashes a receipt or session token for storage; both have
// 128 bits of entropy, so a fast hash is enough. Spellings that
// NormalizeReceipt treats as the same hash the same.
func HashSecret(s string) string {
	s = NormalizeReceipt(s)
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
