package seal

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// Digest is a keyed digest (HMAC-SHA-256 under a key derived from the
// primary key) of data for one purpose, to look a value up without
// storing it: a copy of the database alone cannot tell which value a
// digest stands for. A new primary key gives new digests, so it serves
// look-ups that may be forgotten at a rotation (sign-in lock-outs).
func (s *Sealer) Digest(purpose string, data []byte) string {
	s.maybeReload()
	ks := s.ks.Load()
	derive := hmac.New(sha256.New, ks.primary.raw)
	derive.Write([]byte("lapor digest\x00" + purpose))
	mac := hmac.New(sha256.New, derive.Sum(nil))
	mac.Write(data)
	return hex.EncodeToString(mac.Sum(nil))
}
