package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/pgtest"
)

// lapor ppid main shows, names and clears the city's main PPID; an
// unknown unit, or --unit with --clear, is refused and changes nothing.
func TestPPIDMainCommand(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "lapor.db")
			if backend == "postgres" {
				db = pgtest.NewDatabase(t)
			}
			t.Setenv("LAPOR_KEY_FILE", filepath.Join(dir, "lapor.key"))
			must := func(want string, args ...string) {
				t.Helper()
				out, err := lapor(t, "", append([]string{"ppid", "main", "--db", db}, args...)...)
				if err != nil || !strings.Contains(out, want) {
					t.Fatalf("ppid main %v: %v %q, want %q", args, err, out, want)
				}
			}
			refused := func(want string, args ...string) {
				t.Helper()
				out, err := lapor(t, "", append([]string{"ppid", "main", "--db", db}, args...)...)
				if err == nil || !strings.Contains(describe(err)+out, want) {
					t.Fatalf("ppid main %v: %v %q, want an error with %q", args, err, out, want)
				}
			}
			if out, err := lapor(t, "", "unit", "add", "--db", db, "--code", "setda", "--name", "Sekretariat Daerah"); err != nil {
				t.Fatalf("unit add: %v %s", err, out)
			}
			must("no main PPID")
			refused("unit", "--unit", "tidak-ada")
			must("no main PPID")
			must("unit setda", "--unit", "setda")
			refused("not both", "--unit", "setda", "--clear")
			must("unit setda")
			must("no main PPID", "--clear")
		})
	}
}
