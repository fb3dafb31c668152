package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
)

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	for _, a := range Langs {
		for _, b := range Langs {
			for _, k := range Keys(a) {
				if !Has(b, k) {
					t.Errorf("key %q is in %s but missing from %s", k, a, b)
				}
			}
		}
	}
}

func TestNoEmptyMessages(t *testing.T) {
	for _, l := range Langs {
		for _, k := range Keys(l) {
			if strings.TrimSpace(T(l, k)) == "" {
				t.Errorf("%s: %q is empty", l, k)
			}
		}
	}
}

// keyPattern finds catalogue keys written as string literals in Go code.
var keyPattern = regexp.MustCompile(`"((?:error|field)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)

func TestEveryKeyUsedInCodeExists(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range keyPattern.FindAllStringSubmatch(string(data), -1) {
			for _, l := range Langs {
				if !Has(l, m[1]) {
					t.Errorf("%s uses key %q, missing from the %s catalogue", p, m[1], l)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNegotiate(t *testing.T) {
	for h, want := range map[string]Lang{
		"": ID, "en": EN, "en-US,en;q=0.9": EN, "id-ID,id;q=0.9,en;q=0.8": ID,
		"fr, en;q=0.5": EN, "en;q=0.3, id;q=0.7": ID, "de": ID, "en;q=abc": EN,
	} {
		if got := Negotiate(h); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", h, got, want)
		}
	}
}

// A key ending in a number is its base message filled with the number.
func TestKeyWithNumber(t *testing.T) {
	if got := T(ID, "field.min_chars.10"); got != "Terlalu pendek: tulis paling sedikit 10 karakter." {
		t.Errorf("field.min_chars.10 in Indonesian: %q", got)
	}
	if got := T(EN, "field.max_chars.200"); got != "Too long: at most 200 characters." {
		t.Errorf("field.max_chars.200 in English: %q", got)
	}
	if got := T(ID, "field.max_chars.10000"); got != "Terlalu panjang: paling banyak 10.000 karakter." {
		t.Errorf("field.max_chars.10000 in Indonesian: %q", got)
	}
	if Formatter(EN, nil).Int(1234567) != "1,234,567" || Formatter(ID, nil).Int(999) != "999" || Formatter(ID, nil).Int(-1000) != "-1.000" {
		t.Error("Number groups thousands wrongly")
	}
	if !Has(EN, "field.min_chars.5") || Has(EN, "field.nothing.5") || Has(EN, "field.min_chars.x") {
		t.Error("Has does not follow T")
	}
}

// TestLawPeriodsComeFromTheDomain: the periods of UU 14/2008 quoted in the
// texts are the domain's own, and a misspelt name fails the load.
func TestLawPeriodsComeFromTheDomain(t *testing.T) {
	if got := T(ID, "web.flash.extend"); !strings.Contains(got, strconv.Itoa(domain.InfoExtensionDays)+" hari kerja") {
		t.Errorf("id: %q", got)
	}
	if got := T(EN, "info.track.object_text"); !strings.Contains(got, strconv.Itoa(domain.InfoObjectionWindowDays)+" working days") {
		t.Errorf("en: %q", got)
	}
	for _, l := range Langs {
		for k, v := range catalogues[l] {
			if strings.Contains(v, "{law.") {
				t.Errorf("%s %s keeps a period unfilled: %q", l, k, v)
			}
		}
	}
	for _, bad := range []string{"{law.nothing}", "dalam {law.info_answer_days hari"} {
		if _, err := fillLaw(bad); err == nil {
			t.Errorf("%q loads", bad)
		}
	}
}
