package domain

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// constantsOf parses the package's own source and returns the value of
// every constant declared with the named type, in source order.
func constantsOf(t *testing.T, typeName string) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		name := f.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			var last ast.Expr // the type an implicit spec repeats
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				typ := vs.Type
				if typ == nil && len(vs.Values) == 0 {
					typ = last
					if id, ok := typ.(*ast.Ident); ok && id.Name == typeName {
						t.Fatalf("%s: constant %s of type %s repeats the spec above; give it its own value", fset.Position(vs.Pos()), vs.Names[0], typeName)
					}
				}
				last = typ
				id, ok := typ.(*ast.Ident)
				if !ok || id.Name != typeName {
					continue
				}
				for _, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("%s: constant of type %s is not a string literal", fset.Position(v.Pos()), typeName)
					}
					s, _ := strconv.Unquote(lit.Value)
					out = append(out, s)
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no constants of type %s found; the parse is broken", typeName)
	}
	return out
}

func sameSet(t *testing.T, what string, declared, listed []string) {
	t.Helper()
	for _, d := range declared {
		if !slices.Contains(listed, d) {
			t.Errorf("%s %q is declared but missing from its list", what, d)
		}
	}
	for i, l := range listed {
		if !slices.Contains(declared, l) {
			t.Errorf("%s list holds %q, which is not a declared constant", what, l)
		}
		if slices.Contains(listed[:i], l) {
			t.Errorf("%s list holds %q twice", what, l)
		}
	}
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// TestListsMatchConstants: every exported list of values holds exactly the
// constants of its type, so a new action, event type, channel, status or
// kind reaches the code that ranges over the list.
func TestListsMatchConstants(t *testing.T) {
	sameSet(t, "action", constantsOf(t, "Action"), strs(Actions()))
	sameSet(t, "event type", constantsOf(t, "EventType"), strs(EventTypes()))
	sameSet(t, "channel", constantsOf(t, "Channel"), strs(Channels()))
	sameSet(t, "status", constantsOf(t, "Status"), strs(Statuses))
	sameSet(t, "kind", constantsOf(t, "Kind"), strs(Kinds))

	// Every action has a rule, and every rule records a listed event.
	for _, a := range Actions() {
		r, ok := rules[a]
		if !ok {
			t.Errorf("action %s has no rule", a)
			continue
		}
		if !slices.Contains(EventTypes(), r.event) {
			t.Errorf("action %s records event %q, which is not listed", a, r.event)
		}
	}
	if len(rules) != len(Actions()) {
		t.Errorf("%d rules for %d actions", len(rules), len(Actions()))
	}
	// The lists are copies: a caller cannot change them for everyone.
	Actions()[0] = "changed"
	if Actions()[0] == "changed" {
		t.Error("Actions returns the package's own slice")
	}
}
