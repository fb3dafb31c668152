package httperr

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

// TestCodeTable: every code has a row, a message in both catalogues, and
// is in the README's list of codes, which lists nothing else.
func TestCodeTable(t *testing.T) {
	codes := Codes()
	if len(codes) != len(table) {
		t.Fatalf("Codes() lists %d codes, the table has %d", len(codes), len(table))
	}
	seen := map[domain.Code]bool{}
	for _, c := range codes {
		if seen[c] {
			t.Errorf("%s has two rows", c)
		}
		seen[c] = true
		if lookup(c).code != c {
			t.Errorf("%s has no row", c)
		}
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, lookup(c).key) {
				t.Errorf("%s: no message %s in %s", c, lookup(c).key, lang)
			}
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`"code":"([a-z_|]+)"`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("README has no list of error codes")
	}
	var want []string
	for _, c := range codes {
		want = append(want, string(c))
	}
	got := strings.Split(string(m[1]), "|")
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("README lists codes %v, the table has %v", got, want)
	}
}

// TestOpenAPIListsEveryCode: the OpenAPI document's error codes are the
// table's.
func TestOpenAPIListsEveryCode(t *testing.T) {
	doc, err := os.ReadFile("../api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`"code":\s*\{\s*"type":\s*"string",\s*"enum":\s*\[([^\]]*)\]`).FindSubmatch(doc)
	if m == nil {
		t.Fatal("the OpenAPI document has no enum of error codes")
	}
	var got, want []string
	for _, c := range strings.Split(string(m[1]), ",") {
		got = append(got, strings.Trim(strings.TrimSpace(c), `"`))
	}
	for _, c := range Codes() {
		want = append(want, string(c))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("OpenAPI lists codes %v, the table has %v", got, want)
	}
}

func TestFrom(t *testing.T) {
	if e := From(fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 10})); e.Code != domain.CodeTooLarge {
		t.Errorf("a body over its limit: %s", e.Code)
	}
	if e := From(fmt.Errorf("disk full")); e.Code != domain.CodeInternal || PageStatus(e.Code) != 500 {
		t.Errorf("a foreign error: %s", e.Code)
	}
	if Status(domain.CodeInvalid) != 400 || PageStatus(domain.CodeInvalid) != 422 || Status("nonsense") != 500 {
		t.Error("statuses")
	}
}
