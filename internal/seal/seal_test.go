package seal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	s, err := New(NewKey())
	if err != nil {
		t.Fatal(err)
	}
	secret := []byte(`{"name":"Siti Rahma"}`)
	sealed := s.Seal(secret, []byte("ABCD-EFGH"))
	if bytes.Contains(sealed, []byte("Siti")) {
		t.Fatal("plaintext visible in sealed value")
	}
	got, err := s.Open(sealed, []byte("ABCD-EFGH"))
	if err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := s.Open(sealed, []byte("OTHER-ROW")); err == nil {
		t.Fatal("opened with wrong context")
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := s.Open(sealed, []byte("ABCD-EFGH")); err == nil {
		t.Fatal("opened tampered value")
	}
	for _, bad := range [][]byte{nil, {}, {200}, {1, 'a'}} {
		if _, err := s.Open(bad, nil); err == nil {
			t.Fatalf("opened %v", bad)
		}
	}
}

func TestRotationKeepsOldValuesReadable(t *testing.T) {
	old := NewKey()
	s1, _ := New(old)
	sealed := s1.Seal([]byte("x"), nil)
	s2, _ := New(NewKey(), old)
	if got, err := s2.Open(sealed, nil); err != nil || string(got) != "x" {
		t.Fatalf("old value: %q %v", got, err)
	}
	if KeyID(s2.Seal([]byte("y"), nil)) == old.ID {
		t.Fatal("new values must use the new primary key")
	}
}

func TestKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lapor.key")
	s, created, err := LoadOrCreate(path, nothingSealed)
	if err != nil || !created {
		t.Fatalf("create: %v %v", created, err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", fi.Mode(), err)
	}
	sealed := s.Seal([]byte("z"), nil)
	s2, created, err := LoadOrCreate(path, nothingSealed)
	if err != nil || created {
		t.Fatalf("reload: %v %v", created, err)
	}
	if got, err := s2.Open(sealed, nil); err != nil || string(got) != "z" {
		t.Fatalf("reopen: %q %v", got, err)
	}
	os.WriteFile(path, []byte("broken\n"), 0o600)
	if _, _, err := LoadOrCreate(path, nothingSealed); err == nil {
		t.Fatal("accepted a broken key file")
	}
}

func nothingSealed() (bool, error) { return false, nil }

// TestKeyFileGuards: a missing key file is never replaced by a new key
// while sealed values exist, and a key file others may read is refused.
func TestKeyFileGuards(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lapor.key")
	_, _, err := LoadOrCreate(path, func() (bool, error) { return true, nil })
	if !errors.Is(err, ErrKeyMissing) || !strings.Contains(err.Error(), path) {
		t.Fatalf("missing key with sealed values: %v", err)
	}
	if _, statErr := os.Stat(path); !errors.Is(statErr, os.ErrNotExist) {
		t.Fatal("a new key file was written")
	}
	if _, _, err := LoadOrCreate(path, nothingSealed); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		if _, _, err := LoadOrCreate(path, nothingSealed); err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("mode %04o: %v", mode, err)
		}
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadOrCreate(path, nothingSealed); err != nil {
		t.Errorf("a key file only its owner may read: %v", err)
	}
}
