package api_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

// The Receipt credential is accepted as printed (groups of five), with
// spaces, or in capitals.
func TestReceiptHeaderSpellings(t *testing.T) {
	env := apptest.New(t, filepath.Join(t.TempDir(), "lapor.db"), apptest.Options{})
	f := submit(t, env, complaint(nil))
	var groups []string
	for r := f.receipt; r != ""; {
		n := min(5, len(r))
		groups = append(groups, r[:n])
		r = r[n:]
	}
	for _, typed := range []string{strings.Join(groups, "-"), strings.Join(groups, " "), strings.ToUpper(strings.Join(groups, " - "))} {
		m := get(t, env, f, "Receipt "+typed, 200)
		if m["reporter"] == nil {
			t.Fatalf("receipt typed as %q: not seen as the reporter: %v", typed, m)
		}
	}
}
