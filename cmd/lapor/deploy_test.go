package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/testenv"
)

// TestSystemdUnit: deploy/systemd/lapor.service passes systemd's own
// check without a warning, keeps its hardening, and sets only settings
// lapor serve has.
func TestSystemdUnit(t *testing.T) {
	unit, err := os.ReadFile(filepath.Join("..", "..", "deploy", "systemd", "lapor.service"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ExecStart=/usr/local/bin/lapor serve", "DynamicUser=yes", "ProtectSystem=strict",
		"StateDirectory=lapor", "NoNewPrivileges=yes", "KillSignal=SIGTERM"} {
		if !strings.Contains(string(unit), want+"\n") {
			t.Errorf("the unit lacks %s", want)
		}
	}
	serve := map[string]bool{}
	for _, s := range config.Lapor.For(config.Serve) {
		serve[s.Env] = true
	}
	for _, m := range regexp.MustCompile(`(?m)^Environment=(LAPOR_[A-Z_]+)=`).FindAllStringSubmatch(string(unit), -1) {
		if !serve[m[1]] {
			t.Errorf("the unit sets %s, which lapor serve does not read", m[1])
		}
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		if testenv.Required() {
			t.Fatal("systemd-analyze not found, and CI is set: apt-get install systemd")
		}
		t.Skip("systemd-analyze not found: the unit is not checked by systemd")
	}
	// systemd checks that the program exists: this test's own binary stands in.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "lapor.service")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(string(unit), "/usr/local/bin/lapor", self)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", "--man=no", path).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}
