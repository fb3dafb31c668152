// Package seal encrypts reporters' identities with AES-256-GCM under keys
// kept in a file outside the database, so a copy of the database alone
// reveals nothing.
package seal

import (
	"bufio"
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Key is one AES-256 key with a short id stored beside each sealed value.
type Key struct {
	ID  string
	raw []byte
}

// Sealer seals with its primary key and opens with any key it holds. It is
// safe for concurrent use. A sealer made from a key file (LoadOrCreate,
// OpenFile) follows that file: it re-reads it when the file changes (checked
// at most every ReloadInterval) and when it meets a value sealed under a key
// it does not hold, so a running server keeps working while `lapor key
// rotate` adds a key and re-seals the database (rotate.go).
type Sealer struct {
	ks atomic.Pointer[keyset]
	// Set only for sealers made from a key file.
	path      string
	mu        sync.Mutex   // serialises reloads
	modTime   time.Time    // of the file as last loaded; guarded by mu
	checkedAt atomic.Int64 // unix nanoseconds of the last look at the file
	unknownAt atomic.Int64 // unix nanoseconds of the last reload for an unknown key
}

// keyset is one immutable generation of keys.
type keyset struct {
	primary Key
	keys    map[string]cipher.AEAD
}

// ErrOpen means a sealed value could not be opened (wrong key or tampered).
var ErrOpen = errors.New("seal: cannot open sealed value")

// NewKey creates a random key.
func NewKey() Key {
	k := Key{raw: make([]byte, 32)}
	id := make([]byte, 4)
	if _, err := rand.Read(k.raw); err != nil {
		panic(err)
	}
	if _, err := rand.Read(id); err != nil {
		panic(err)
	}
	k.ID = hex.EncodeToString(id)
	return k
}

// New builds a sealer; keys[0] is the primary.
func New(keys ...Key) (*Sealer, error) {
	ks, err := newKeyset(keys)
	if err != nil {
		return nil, err
	}
	s := &Sealer{}
	s.ks.Store(ks)
	return s, nil
}

func newKeyset(keys []Key) (*keyset, error) {
	if len(keys) == 0 {
		return nil, errors.New("seal: no key")
	}
	s := &keyset{primary: keys[0], keys: map[string]cipher.AEAD{}}
	for _, k := range keys {
		if len(k.raw) != 32 || k.ID == "" || len(k.ID) > 32 {
			return nil, fmt.Errorf("seal: key %q is malformed", k.ID)
		}
		block, err := aes.NewCipher(k.raw)
		if err != nil {
			return nil, err
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		s.keys[k.ID] = aead
	}
	return s, nil
}

// PrimaryID is the id of the key new values are sealed with.
func (s *Sealer) PrimaryID() string { s.maybeReload(); return s.ks.Load().primary.ID }

// Seal encrypts plaintext; aad binds it to its context (e.g. a tracking
// ID) so a sealed value moved to another row does not open.
func (s *Sealer) Seal(plaintext, aad []byte) []byte {
	s.maybeReload()
	ks := s.ks.Load()
	aead := ks.keys[ks.primary.ID]
	out := make([]byte, 0, 1+len(ks.primary.ID)+aead.NonceSize()+len(plaintext)+aead.Overhead())
	out = append(out, byte(len(ks.primary.ID)))
	out = append(out, ks.primary.ID...)
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	out = append(out, nonce...)
	return aead.Seal(out, nonce, plaintext, aad)
}

// Open decrypts a value sealed by Seal with the same aad.
func (s *Sealer) Open(sealed, aad []byte) ([]byte, error) {
	if len(sealed) < 1 {
		return nil, ErrOpen
	}
	n := int(sealed[0])
	if len(sealed) < 1+n {
		return nil, ErrOpen
	}
	aead, ok := s.ks.Load().keys[string(sealed[1:1+n])]
	if !ok && s.reloadForUnknownKey() {
		aead, ok = s.ks.Load().keys[string(sealed[1:1+n])]
	}
	if !ok {
		return nil, fmt.Errorf("%w: unknown key %q", ErrOpen, sealed[1:1+n])
	}
	rest := sealed[1+n:]
	if len(rest) < aead.NonceSize()+aead.Overhead() {
		return nil, ErrOpen
	}
	pt, err := aead.Open(nil, rest[:aead.NonceSize()], rest[aead.NonceSize():], aad)
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}

// KeyID returns the id of the key a value was sealed with.
func KeyID(sealed []byte) string {
	if len(sealed) < 1 || len(sealed) < 1+int(sealed[0]) {
		return ""
	}
	return string(sealed[1 : 1+int(sealed[0])])
}

// The key file holds one key per line, "<id> <base64 key>", primary first.
// Lines starting with # are comments.

// LoadFile reads a key file. A file that others than its owner may read
// or write is refused: anyone who can read it can read every identity.
func LoadFile(path string) ([]Key, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("key file %s may be read by others (mode %04o): make it private with chmod 600 %s", path, perm, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var keys []Key
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		id, b64, ok := strings.Cut(t, " ")
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
		if !ok || err != nil || len(raw) != 32 {
			return nil, fmt.Errorf("key file %s line %d: expected \"<id> <base64 of 32 bytes>\"", path, line)
		}
		keys = append(keys, Key{ID: id, raw: raw})
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("key file %s holds no key", path)
	}
	return keys, nil
}

// WriteFile writes keys atomically with mode 0600.
func WriteFile(path string, keys []Key) error {
	var b bytes.Buffer
	b.WriteString("# Lapor sealing keys: the first is used for new values. Back this file up;\n")
	b.WriteString("# without it the identities of reporters cannot be read.\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %s\n", k.ID, base64.StdEncoding.EncodeToString(k.raw))
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".lapor-key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ErrKeyMissing means the key file is absent while sealed values exist.
var ErrKeyMissing = errors.New("seal: key file missing")

// LoadOrCreate opens the key file, creating it with a fresh key when it
// does not exist yet (first run). sealed reports whether values sealed
// under some key exist already: then a missing file is refused, never
// replaced by a new key under which nothing sealed so far would open.
func LoadOrCreate(path string, sealed func() (bool, error)) (*Sealer, bool, error) {
	keys, err := LoadFile(path)
	created := false
	if errors.Is(err, os.ErrNotExist) {
		if exist, err := sealed(); err != nil {
			return nil, false, err
		} else if exist {
			abs, _ := filepath.Abs(path)
			return nil, false, fmt.Errorf("%w: the database holds sealed identities but there is no key file at %s; restore it from the backup (or point --key-file / LAPOR_KEY_FILE at it)", ErrKeyMissing, abs)
		}
		keys = []Key{NewKey()}
		if err := WriteFile(path, keys); err != nil {
			return nil, false, fmt.Errorf("create key file: %w", err)
		}
		created = true
	} else if err != nil {
		return nil, false, err
	}
	s, err := New(keys...)
	if err != nil {
		return nil, false, err
	}
	s.follow(path)
	return s, created, nil
}
