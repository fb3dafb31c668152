package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// --log-format json writes every log line as one JSON object; a wrong
// format is refused before anything runs.
func TestLogFormat(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lapor.db")
	out, err := lapor(t, "", "worker", "--db", db, "--once", "--log-format", "json")
	if err != nil {
		t.Fatalf("worker: %v\n%s", err, out)
	}
	lines := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "{") {
			continue // the command's own report, not a log line
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil || m["msg"] == nil || m["level"] == nil {
			t.Errorf("not a JSON log line: %q (%v)", line, err)
		}
		lines++
	}
	if lines == 0 {
		t.Fatalf("no JSON log lines:\n%s", out)
	}
	if _, err := lapor(t, "", "worker", "--db", db, "--once", "--log-format", "xml"); err == nil || !strings.Contains(err.Error(), "text or json") {
		t.Fatalf("--log-format xml: %v", err)
	}
}
