package main

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBinaryCarriesTimeZones: the lapor binary (its non-test files) imports
// time/tzdata, so it needs no time-zone database on the machine, and the
// zones a city may choose load.
func TestBinaryCarriesTimeZones(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	embedded := false
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "time/tzdata" {
				embedded = true
			}
		}
	}
	if !embedded {
		t.Fatal(`no file of package main imports _ "time/tzdata": the binary depends on the machine's time-zone database`)
	}
	for _, tz := range []string{"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"} {
		var c common
		_, err := c.load("serve", []string{"--tz", tz})
		if loc := c.loc; err != nil || loc == nil || loc.String() != tz {
			t.Errorf("--tz %s: %v %v", tz, c.loc, err)
		}
	}
}
