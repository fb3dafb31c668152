package seal

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ChainKeyPath is where the timeline chain key lives: beside the sealing
// key file, in a file of its own, because the chain key must never change
// (a sealing key rotation would otherwise break every timeline's hashes).
func ChainKeyPath(keyPath string) string { return keyPath + ".chain" }

// LoadOrCreateChainKey reads the chain key (32 bytes, base64 on one line)
// at path, creating it 0600 when it does not exist yet. keyed reports
// whether the database already holds keyed hashes: then a missing file is
// refused, never replaced by a key under which no timeline checks out.
func LoadOrCreateChainKey(path string, keyed func() (bool, error)) ([]byte, bool, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if exist, err := keyed(); err != nil {
			return nil, false, err
		} else if exist {
			abs, _ := filepath.Abs(path)
			return nil, false, fmt.Errorf("%w: the database holds keyed timelines but there is no chain key at %s; restore it from the backup", ErrKeyMissing, abs)
		}
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, false, err
		}
		if err := os.WriteFile(path, []byte(base64.StdEncoding.EncodeToString(key)+"\n"), 0o600); err != nil {
			return nil, false, fmt.Errorf("create chain key file: %w", err)
		}
		return key, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	return parseChainKey(path, raw)
}

// LoadChainKey reads an existing chain key (for the audit, which must not
// create one).
func LoadChainKey(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, _, err := parseChainKey(path, raw)
	return k, err
}

func parseChainKey(path string, raw []byte) ([]byte, bool, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(key) != 32 {
		return nil, false, fmt.Errorf("chain key file %s: not one base64 line of 32 bytes", path)
	}
	return key, false, nil
}
