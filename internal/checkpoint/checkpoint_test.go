package checkpoint

import (
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAppendAndReadLast(t *testing.T) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cp")
	if last, err := ReadLast(path, pub); err != nil || last != nil {
		t.Fatalf("no file: %v %v", last, err)
	}
	t1 := time.Unix(1_800_000_000, 0).UTC()
	first := Checkpoint{At: t1, Heads: map[string]Head{"AAAA-BBBB": {Seq: 2, Hash: "h2"}, "CCCC-DDDD": {Seq: 1, Hash: "h1"}}}
	second := Checkpoint{At: t1.Add(time.Hour), Heads: map[string]Head{"AAAA-BBBB": {Seq: 3, Hash: "h3"}}}
	for _, cp := range []Checkpoint{first, second} {
		if err := Append(path, key, cp); err != nil {
			t.Fatal(err)
		}
	}
	last, err := ReadLast(path, pub)
	if err != nil || !last.At.Equal(second.At) || len(last.Heads) != 1 || last.Heads["AAAA-BBBB"] != (Head{3, "h3"}) {
		t.Fatalf("last: %+v %v", last, err)
	}

	a, b := string(Encode(key, first)), string(Encode(key, second))
	otherPub, _, _ := ed25519.GenerateKey(rand.Reader)
	for name, c := range map[string]struct {
		text string
		pub  ed25519.PublicKey
		want string
	}{
		"edited head":      {strings.Replace(a, "h2", "h9", 1), pub, "signature does not match"},
		"dropped head":     {strings.Replace(a, "CCCC-DDDD 1 h1\n", "", 1), pub, "not a report's head"},
		"cut short":        {a[:strings.Index(a, "signature")], pub, "has no signature"},
		"out of order":     {b + a, pub, "older than the one before it"},
		"other key":        {a, otherPub, "signature does not match"},
		"garbage":          {"hello\n", pub, "not the start of a checkpoint"},
		"count lowered":    {strings.Replace(a, " 2\n", " 1\n", 1), pub, "signature does not match"},
		"signature edited": {strings.Replace(a, "signature ", "signature A", 1), pub, "signature does not match"},
	} {
		if _, err := readLast(strings.NewReader(c.text), c.pub); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}
