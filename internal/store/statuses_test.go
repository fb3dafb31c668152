package store

import (
	"io/fs"
	"regexp"
	"sort"
	"testing"
)

// TestOverdueIndexMatchesTheOverdueClocks: the overdue filter can use the
// partial index only when both name the same clocks; a clock made
// breachable in the domain needs a migration that rebuilds the index.
func TestOverdueIndexMatchesTheOverdueClocks(t *testing.T) {
	cond := regexp.MustCompile(`(?s)CREATE INDEX reports_overdue ON [^;]*WHERE due_kind IN \(([^)]*)\)`)
	for _, dialect := range []string{"sqlite", "postgres"} {
		files, err := fs.Glob(migrations, "migrations/"+dialect+"/*.sql")
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(files)
		last := ""
		for _, f := range files {
			b, _ := fs.ReadFile(migrations, f)
			if m := cond.FindAllSubmatch(b, -1); m != nil {
				last = string(m[len(m)-1][1])
			}
		}
		if last != overdueKindsSQL {
			t.Errorf("%s: the latest reports_overdue index is on due_kind IN (%s), the overdue filter on (%s)", dialect, last, overdueKindsSQL)
		}
	}
}
