package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/demo"
)

// lapor triage eval runs on the demo city and gives its figures
// (docs/triage.md quotes them).
func TestTriageEvalOnTheDemo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lapor.db")
	t.Setenv("LAPOR_KEY_FILE", filepath.Join(dir, "lapor.key"))
	ctx := context.Background()
	var c common
	if _, err := c.load(config.TriageEval, []string{"--db", db}); err != nil {
		t.Fatal(err)
	}
	svc, st, err := c.open(ctx, quietLogger(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, svc, time.Now()); err != nil {
		t.Fatal(err)
	}
	st.Close()

	out, err := lapor(t, "", "triage", "eval", "--db", db)
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	t.Logf("\n%s", out)
	m := regexp.MustCompile(`(\d+) months tested`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no months: %s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n < 10 {
		t.Errorf("%d months tested, want the demo's year", n)
	}
	for _, row := range []string{"units", "categories"} {
		r := regexp.MustCompile(`(?m)^` + row + `\s+(\d+)\s+([\d.]+)%\s+([\d.]+)%$`).FindStringSubmatch(out)
		if r == nil {
			t.Fatalf("no %s row: %s", row, out)
		}
		tests, _ := strconv.Atoi(r[1])
		top1, _ := strconv.ParseFloat(r[2], 64)
		top3, _ := strconv.ParseFloat(r[3], 64)
		if tests < 100 || top3 < top1 || top1 < 30 {
			t.Errorf("%s: %d tested, top-1 %.1f%%, top-3 %.1f%%", row, tests, top1, top3)
		}
	}
}
