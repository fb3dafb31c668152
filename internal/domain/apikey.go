package domain

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
	"time"
)

// APIKey is a key a gateway or integration (an SMS gateway, a social media
// bridge, an Open311 client) presents as "Authorization: Bearer <key>".
// Only the key's SHA-256 is stored; the key is shown once, when made.
type APIKey struct {
	ID        int64
	Name      string
	Channel   string // the one channel the key may call; "" for any
	Hash      string // hex SHA-256 of the key
	CreatedAt time.Time
	RevokedAt *time.Time
}

// Revoked reports whether the key has been revoked.
func (k APIKey) Revoked() bool { return k.RevokedAt != nil }

// Allows reports whether the key may call channel.
func (k APIKey) Allows(channel string) bool { return k.Channel == "" || k.Channel == channel }

// KeyChannels are the channels a key can be limited to.
var KeyChannels = []string{"sms", "whatsapp", "email", "social", "open311"}

// apiKeyPrefix marks Lapor's keys, so a leaked one is easy to recognise.
const apiKeyPrefix = "lpk_"

// MaxKeyName bounds a key's name.
const MaxKeyName = 100

// NewAPIKey draws a key of 256 random bits and returns it with its hash.
func NewAPIKey() (key, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	key = apiKeyPrefix + base64.RawURLEncoding.EncodeToString(b)
	return key, APIKeyHash(key)
}

// APIKeyHash is the stored form of key. A key has 256 random bits, so a
// plain SHA-256 is enough: there is nothing to guess.
func APIKeyHash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// ValidateAPIKey checks a new key's name and channel.
func ValidateAPIKey(name, channel string) error {
	f := FieldErrors{}
	checkText(f, "name", strings.TrimSpace(name), 1, MaxKeyName, false)
	if channel != "" && !slices.Contains(KeyChannels, channel) {
		f.Add("channel", "field.apikey.channel_unknown")
	}
	return f.Err()
}
