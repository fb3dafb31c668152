package seal

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
)

// CheckpointKeyPath is where the Ed25519 key that signs audit checkpoints
// lives: beside the sealing key file, outside the database.
func CheckpointKeyPath(keyPath string) string { return keyPath + ".checkpoint" }

// LoadOrCreateCheckpointKey reads the signing key (its 32-byte seed, base64
// on one line) at path, creating it 0600 when it does not exist.
func LoadOrCreateCheckpointKey(path string) (ed25519.PrivateKey, bool, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		seed := make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(seed); err != nil {
			return nil, false, err
		}
		if err := os.WriteFile(path, []byte(base64.StdEncoding.EncodeToString(seed)+"\n"), 0o600); err != nil {
			return nil, false, fmt.Errorf("create checkpoint key file: %w", err)
		}
		return ed25519.NewKeyFromSeed(seed), true, nil
	}
	if err != nil {
		return nil, false, err
	}
	seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, false, fmt.Errorf("checkpoint key file %s: not one base64 line of %d bytes", path, ed25519.SeedSize)
	}
	return ed25519.NewKeyFromSeed(seed), false, nil
}
