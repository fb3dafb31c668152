package main

import (
	"bytes"
	"context"
	"errors"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/config"
)

// TestPackageCommentListsEveryCommand keeps the synopsis in the package
// comment the same as the command table that help prints, line for line.
func TestPackageCommentListsEveryCommand(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, line := range strings.Split(f.Doc.Text(), "\n") {
		if l, ok := strings.CutPrefix(line, "\tlapor "); ok {
			listed = append(listed, "lapor "+l)
		}
	}
	var want []string
	for _, c := range commands {
		want = append(want, "lapor "+c.name+" "+c.args)
	}
	if strings.Join(listed, "\n") != strings.Join(want, "\n") {
		t.Errorf("the package comment lists\n%s\n\nthe command table has\n%s", strings.Join(listed, "\n"), strings.Join(want, "\n"))
	}
}

// TestEveryCommandInTheTableRuns checks that each command of the table is
// one that lapor dispatches: its --help names it.
func TestEveryCommandInTheTableRuns(t *testing.T) {
	for _, c := range commands {
		var out bytes.Buffer
		name, err := dispatch(context.Background(), append(strings.Fields(c.name), "--help"), strings.NewReader(""), &out, &out)
		if !errors.Is(err, config.ErrHelp) || name != c.name {
			t.Errorf("lapor %s --help: name %q, err %v, output %s", c.name, name, err, out.String())
		}
	}
}
