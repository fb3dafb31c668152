package seal

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"time"
)

// Key rotation, without downtime:
//
//  1. AddPrimary writes a new key first in the file; the old keys stay.
//     Running servers notice the changed file (within ReloadInterval) and
//     seal new values with the new key; values sealed under any key in the
//     file keep opening, and a value under a key a server does not know yet
//     makes it re-read the file at once.
//  2. Every sealed value is re-sealed under the new key (Reseal), row by
//     row, by `lapor key rotate`.
//  3. Once no value uses an old key, RemoveKeys drops it from the file.

// ReloadInterval is how often a sealer made from a key file looks at the
// file's modification time.
var ReloadInterval = 30 * time.Second

// OpenFile builds a sealer from an existing key file and follows it.
func OpenFile(path string) (*Sealer, error) {
	keys, err := LoadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := New(keys...)
	if err != nil {
		return nil, err
	}
	s.follow(path)
	return s, nil
}

// follow makes s re-read path when it changes.
func (s *Sealer) follow(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.path = path
	if fi, err := os.Stat(path); err == nil {
		s.modTime = fi.ModTime()
	}
	s.checkedAt.Store(time.Now().UnixNano())
}

// maybeReload re-reads the key file when it changed since it was loaded,
// looking at most once per ReloadInterval. It costs one atomic load on the
// hot path.
func (s *Sealer) maybeReload() {
	if s.path == "" {
		return
	}
	now := time.Now().UnixNano()
	last := s.checkedAt.Load()
	if now-last < int64(ReloadInterval) || !s.checkedAt.CompareAndSwap(last, now) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fi, err := os.Stat(s.path)
	if err != nil || fi.ModTime().Equal(s.modTime) {
		return
	}
	_ = s.reloadLocked()
}

// reloadForUnknownKey re-reads the key file because a value names a key
// the sealer does not hold; at most once a second, so garbage cannot make
// it read the file in a loop. It reports whether the keys changed.
func (s *Sealer) reloadForUnknownKey() bool {
	if s.path == "" {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now().UnixNano()
	if now-s.unknownAt.Load() < int64(time.Second) {
		return false
	}
	s.unknownAt.Store(now)
	s.checkedAt.Store(now)
	before := s.ks.Load()
	if err := s.reloadLocked(); err != nil {
		return false
	}
	return s.ks.Load() != before
}

// Reload re-reads the key file now.
func (s *Sealer) Reload() error {
	if s.path == "" {
		return errors.New("seal: sealer was not made from a key file")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reloadLocked()
}

func (s *Sealer) reloadLocked() error {
	fi, err := os.Stat(s.path)
	if err != nil {
		return err
	}
	keys, err := LoadFile(s.path)
	if err != nil {
		return err
	}
	ks, err := newKeyset(keys)
	if err != nil {
		return err
	}
	// Never forget a key this sealer could open before: a value sealed by
	// another node under it may still be in flight while the file is
	// changed. Keys leave memory when the process restarts.
	for id, aead := range s.ks.Load().keys {
		if _, ok := ks.keys[id]; !ok {
			ks.keys[id] = aead
		}
	}
	s.ks.Store(ks)
	s.modTime = fi.ModTime()
	return nil
}

// KeyIDs lists the ids of the keys the sealer holds, primary first.
func (s *Sealer) KeyIDs() []string {
	ks := s.ks.Load()
	out := []string{ks.primary.ID}
	var rest []string
	for id := range ks.keys {
		if id != ks.primary.ID {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// Reseal returns value sealed under the primary key, opening it with aad.
// A value already under the primary key is returned unchanged with
// changed false.
func (s *Sealer) Reseal(value, aad []byte) (out []byte, changed bool, err error) {
	if KeyID(value) == s.PrimaryID() {
		return value, false, nil
	}
	pt, err := s.Open(value, aad)
	if err != nil {
		return nil, false, err
	}
	return s.Seal(pt, aad), true, nil
}

// AddPrimary writes a new random key at the head of the key file, keeping
// every old key after it, and returns it.
func AddPrimary(path string) (Key, error) {
	keys, err := LoadFile(path)
	if err != nil {
		return Key{}, err
	}
	k := NewKey()
	for slices.ContainsFunc(keys, func(o Key) bool { return o.ID == k.ID }) {
		k = NewKey()
	}
	if err := WriteFile(path, append([]Key{k}, keys...)); err != nil {
		return Key{}, err
	}
	return k, nil
}

// RemoveKeys drops from the key file every key but the primary for which
// keep returns false, and returns their ids.
func RemoveKeys(path string, keep func(id string) bool) ([]string, error) {
	keys, err := LoadFile(path)
	if err != nil {
		return nil, err
	}
	out := keys[:1]
	var removed []string
	for _, k := range keys[1:] {
		if keep(k.ID) {
			out = append(out, k)
		} else {
			removed = append(removed, k.ID)
		}
	}
	if len(removed) == 0 {
		return nil, nil
	}
	if err := WriteFile(path, out); err != nil {
		return nil, fmt.Errorf("rewrite key file: %w", err)
	}
	return removed, nil
}
