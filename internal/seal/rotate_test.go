package seal

import (
	"bytes"
	"path/filepath"
	"testing"
)

func TestRotationFollowedByARunningSealer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lapor.key")
	running, _, err := LoadOrCreate(path, nothingSealed)
	if err != nil {
		t.Fatal(err)
	}
	old := running.PrimaryID()
	before := running.Seal([]byte("Siti"), []byte("identity:x"))

	k, err := AddPrimary(path)
	if err != nil {
		t.Fatal(err)
	}
	// Another node (or the rotate command) seals under the new key; the
	// running sealer meets an unknown key id and re-reads the file.
	tool, err := OpenFile(path)
	if err != nil || tool.PrimaryID() != k.ID || len(tool.KeyIDs()) != 2 {
		t.Fatalf("tool sealer: %v %v", tool.KeyIDs(), err)
	}
	resealed, changed, err := tool.Reseal(before, []byte("identity:x"))
	if err != nil || !changed || KeyID(resealed) != k.ID {
		t.Fatalf("reseal: %v %v %q", changed, err, KeyID(resealed))
	}
	if again, changed, _ := tool.Reseal(resealed, []byte("identity:x")); changed || !bytes.Equal(again, resealed) {
		t.Fatal("resealing a value under the primary changed it")
	}
	if _, _, err := tool.Reseal(before, []byte("identity:y")); err == nil {
		t.Fatal("resealed with the wrong context")
	}
	pt, err := running.Open(resealed, []byte("identity:x"))
	if err != nil || string(pt) != "Siti" {
		t.Fatalf("running sealer cannot open a value under the new key: %v", err)
	}
	if running.PrimaryID() != k.ID {
		t.Fatalf("running sealer's primary is %s after reload, want %s", running.PrimaryID(), k.ID)
	}
	// Dropping the old key from the file: the running sealer keeps it in
	// memory, a new one does not have it.
	removed, err := RemoveKeys(path, func(string) bool { return false })
	if err != nil || len(removed) != 1 || removed[0] != old {
		t.Fatalf("remove: %v %v", removed, err)
	}
	if err := running.Reload(); err != nil {
		t.Fatal(err)
	}
	if _, err := running.Open(before, []byte("identity:x")); err != nil {
		t.Fatal("running sealer forgot a key it held")
	}
	fresh, _ := OpenFile(path)
	if _, err := fresh.Open(before, []byte("identity:x")); err == nil {
		t.Fatal("a removed key still opens values")
	}
}
