// Package catalog turns the category list of lapor.go.id into a clean
// category tree for the store: readable Indonesian title case, no
// duplicates, stable unique codes and a deterministic order.
//
// The source (lapor-categories.json, embedded here) is a JSON object from
// each upper-case top-level name to a list of sub-category names.
package catalog

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// MaxInput is the largest category file accepted, in bytes.
const MaxInput = 5 << 20

// MaxName is the longest category name accepted, in characters.
const MaxName = 200

// maxCode is the longest code made (domain.ValidCode allows 64).
const maxCode = 64

// prefixLen bounds the part of a child's code taken from its parent.
const prefixLen = 24

//go:embed lapor-categories.json
var embedded []byte

var defaultTree = sync.OnceValue(func() []store.CategoryNode {
	tree, err := ParseLaporCategories(bytes.NewReader(embedded))
	if err != nil {
		panic("catalog: embedded lapor-categories.json: " + err.Error())
	}
	return tree
})

// Default returns the cleaned category tree of lapor.go.id (2025) that is
// embedded in the binary. Each call returns a fresh copy.
func Default() []store.CategoryNode {
	src := defaultTree()
	out := make([]store.CategoryNode, len(src))
	for i, top := range src {
		out[i] = store.CategoryNode{Code: top.Code, Name: top.Name}
		if len(top.Children) > 0 {
			out[i].Children = append([]store.CategoryNode(nil), top.Children...)
		}
	}
	return out
}

// Count returns the number of categories in a tree (top levels and
// sub-categories).
func Count(tree []store.CategoryNode) int {
	n := 0
	for _, t := range tree {
		n += 1 + Count(t.Children)
	}
	return n
}

// ParseLaporCategories reads a category file shaped like
// lapor-categories.json and returns the cleaned tree: names in title case,
// sub-categories de-duplicated within their parent, every code unique in
// the whole tree and valid for domain.ValidCode, top levels sorted by name
// and sub-categories by name with the "Lainnya..." (other) entries last.
func ParseLaporCategories(r io.Reader) ([]store.CategoryNode, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, fmt.Errorf("read categories: %w", err)
	}
	if len(data) > MaxInput {
		return nil, fmt.Errorf("category file is larger than %d MB", MaxInput>>20)
	}
	raw, err := decode(data)
	if err != nil {
		return nil, err
	}
	return build(raw)
}

// rawTop is one top-level entry as read, in file order.
type rawTop struct {
	name     string
	children []string
}

// decode walks the JSON tokens itself so it can name the bad entry, keep
// the file's order and merge a top-level name given twice.
func decode(data []byte) ([]rawTop, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, syntaxError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("category file must be a JSON object from category names to lists of sub-category names")
	}
	var out []rawTop
	index := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntaxError(err)
		}
		name, _ := tok.(string) // object keys are always strings
		tok, err = dec.Token()
		if err != nil {
			return nil, syntaxError(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return nil, fmt.Errorf("category %q: value must be a list of sub-category names, not %s", name, describeToken(tok))
		}
		var children []string
		for i := 0; dec.More(); i++ {
			tok, err := dec.Token()
			if err != nil {
				return nil, syntaxError(err)
			}
			s, ok := tok.(string)
			if !ok {
				return nil, fmt.Errorf("category %q: entry %d is %s, not a string", name, i+1, describeToken(tok))
			}
			children = append(children, s)
		}
		if _, err := dec.Token(); err != nil { // ']'
			return nil, syntaxError(err)
		}
		if j, ok := index[name]; ok {
			out[j].children = append(out[j].children, children...)
			continue
		}
		index[name] = len(out)
		out = append(out, rawTop{name: name, children: children})
	}
	if _, err := dec.Token(); err != nil { // '}'
		return nil, syntaxError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err != nil {
			return nil, syntaxError(err)
		}
		return nil, errors.New("category file: unexpected data after the JSON object")
	}
	return out, nil
}

func syntaxError(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("category file: unexpected end of JSON")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("category file: invalid JSON at byte %d: %v", se.Offset, err)
	}
	return fmt.Errorf("category file: invalid JSON: %w", err)
}

func describeToken(tok any) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		if v == '[' {
			return "a list"
		}
		return "a delimiter"
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64, json.Number:
		return "a number"
	case string:
		return "a string"
	}
	return fmt.Sprintf("%T", tok)
}

// node is a category being built.
type node struct {
	name     string
	slug     string
	children []*node
}

func build(raw []rawTop) ([]store.CategoryNode, error) {
	var tops []*node
	bySlug := map[string]*node{}
	for _, rt := range raw {
		name, err := cleanName(rt.name)
		if err != nil {
			return nil, fmt.Errorf("category %q: %w", rt.name, err)
		}
		if name == "" {
			return nil, errors.New("category file: a top-level category has an empty name")
		}
		slug := Slug(name)
		top, ok := bySlug[slug]
		if !ok {
			top = &node{name: name, slug: slug}
			bySlug[slug] = top
			tops = append(tops, top)
		}
		seen := map[string]bool{slug: true} // a child named like its parent adds nothing
		for _, c := range top.children {
			seen[c.slug] = true
		}
		for _, rc := range rt.children {
			cname, err := cleanName(rc)
			if err != nil {
				return nil, fmt.Errorf("category %q: sub-category %q: %w", rt.name, rc, err)
			}
			if cname == "" {
				continue
			}
			cs := Slug(cname)
			if seen[cs] {
				continue
			}
			seen[cs] = true
			top.children = append(top.children, &node{name: cname, slug: cs})
		}
	}
	sortNodes(tops)
	used := map[string]bool{}
	out := make([]store.CategoryNode, 0, len(tops))
	for _, t := range tops {
		code := unique(shorten(orHash(t.slug, t.name)), used)
		cn := store.CategoryNode{Code: code, Name: t.name}
		prefix := childPrefix(code)
		sortNodes(t.children)
		for _, c := range t.children {
			cc := unique(shorten(prefix+"-"+orHash(c.slug, c.name)), used)
			cn.Children = append(cn.Children, store.CategoryNode{Code: cc, Name: c.name})
		}
		out = append(out, cn)
	}
	return out, nil
}

// cleanName turns every kind of space (the file has no-break spaces) into
// one plain space, drops control characters and applies title case.
func cleanName(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", errors.New("name is not valid UTF-8")
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Cf, r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Join(strings.Fields(b.String()), " ")
	if utf8.RuneCountInString(name) > MaxName {
		return "", fmt.Errorf("name is longer than %d characters", MaxName)
	}
	return TitleCase(name), nil
}

// sortNodes orders by name, case-insensitively, with "Lainnya..." (other)
// entries after the rest; the slug breaks ties.
func sortNodes(ns []*node) {
	sort.SliceStable(ns, func(i, j int) bool {
		a, b := ns[i], ns[j]
		ao, bo := isOther(a.name), isOther(b.name)
		if ao != bo {
			return bo
		}
		al, bl := strings.ToLower(a.name), strings.ToLower(b.name)
		if al != bl {
			return al < bl
		}
		return a.slug < b.slug
	})
}

func isOther(name string) bool {
	l := strings.ToLower(name)
	return l == "lainnya" || strings.HasPrefix(l, "lainnya ") || strings.HasPrefix(l, "laiinya")
}

// Slug turns a name into a code: lower-case a-z and 0-9 words joined by
// '-', with '&' read as "dan". It may be empty and is not length-bounded.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '&':
			if b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString("dan")
			dash = true
		default:
			if folded, ok := asciiFold[r]; ok {
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				dash = false
				b.WriteByte(folded)
				continue
			}
			dash = true
		}
	}
	return b.String()
}

var asciiFold = map[rune]byte{'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'ú': 'u', 'ù': 'u',
	'û': 'u', 'ü': 'u', 'ñ': 'n', 'ç': 'c'}

// orHash gives a name without any a-z0-9 character a code from its hash.
func orHash(slug, name string) string {
	if slug != "" {
		return slug
	}
	return "kategori-" + shortHash(name)
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:3])
}

// shorten bounds a code to maxCode characters: it cuts at a word boundary
// and appends a short hash of the full code, so two long codes that share
// their beginning stay distinct and the result is stable.
func shorten(code string) string {
	if len(code) <= maxCode {
		return code
	}
	h := shortHash(code)
	keep := maxCode - len(h) - 1
	cut := code[:keep]
	if i := strings.LastIndexByte(cut, '-'); i > 0 && code[keep] != '-' {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "-") + "-" + h
}

// prefixStop are words left out of a child's code prefix.
var prefixStop = map[string]bool{"dan": true, "di": true, "ke": true, "dari": true, "yang": true,
	"untuk": true, "atau": true, "dengan": true, "terkait": true, "serta": true}

// childPrefix is the start of each sub-category's code: the parent code's
// first meaningful words, at most prefixLen characters.
func childPrefix(parent string) string {
	var parts []string
	n := 0
	for _, w := range strings.Split(parent, "-") {
		if w == "" || prefixStop[w] {
			continue
		}
		add := len(w)
		if len(parts) > 0 {
			add++
		}
		if n+add > prefixLen {
			if len(parts) == 0 {
				parts = append(parts, w[:prefixLen])
			}
			break
		}
		parts = append(parts, w)
		n += add
	}
	if len(parts) == 0 {
		return parent[:min(len(parent), prefixLen)]
	}
	return strings.Join(parts, "-")
}

// unique returns code, or code with "-2", "-3"... when it is taken, and
// records it as used.
func unique(code string, used map[string]bool) string {
	c := code
	for i := 2; used[c] || !domain.ValidCode(c); i++ {
		suffix := "-" + strconv.Itoa(i)
		base := code
		if len(base)+len(suffix) > maxCode {
			base = strings.TrimRight(base[:maxCode-len(suffix)], "-")
		}
		if base == "" || !domain.ValidCode(base) {
			base = "kategori"
		}
		c = base + suffix
	}
	used[c] = true
	return c
}

// acronyms stay upper case whatever their letters.
var acronyms = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`AHU APBD APBN APD ASN BIOCF BPHN BPJS BPU BUMD BUMDES BUMN COB COVID CPNS
		CSIRT DTLST EDABU EPS FKRTL FKTP GTK HAM HCU ICCU ICU JDIH JKN JPO KAI KIA KIP KIS KITAP KITAS KPJ KUR
		LAPOR MBG MI MLA NIB NICU NIDN NIK NISN NPSN NPWP NUPTK ODGJ OPD OSS PAUD PBI PBPU PDAM PDGS PICU PIPP
		PLN PMI POLRI PPDB PPID PPU PSBB REDD RI RO RSUD SARA SEP SIKAP SIM SIMBG SIOLA SIP SIPD SIPP SIRUP
		SLA SMA SRGI TKA TKI TNI UKT UMKM UPT UPTD VA WNA WNI`) {
		acronyms[a] = true
	}
}

// lowerAbbrev are abbreviations written in lower case.
var lowerAbbrev = map[string]bool{"DLL": true, "YG": true, "DSB": true, "DST": true}

// smallWords are conjunctions and prepositions that Indonesian title case
// keeps in lower case unless they start the name.
var smallWords = map[string]bool{"DAN": true, "ATAU": true, "DI": true, "KE": true, "DARI": true,
	"YANG": true, "UNTUK": true, "DENGAN": true, "PADA": true, "DALAM": true, "KEPADA": true,
	"TERHADAP": true, "OLEH": true, "BAGI": true, "TENTANG": true, "SEBAGAI": true, "ANTARA": true,
	"PER": true, "ATAS": true, "KARENA": true, "TANPA": true, "MELALUI": true}

// TitleCase writes an upper-case Indonesian name in title case: each word
// capitalised; conjunctions and prepositions in lower case except at the
// start; acronyms kept upper case. A word part is kept upper case when it
// is a known acronym (BPJS, UMKM, POLRI, COVID...), contains a digit
// (SP4N, P4GN, S2) or has at most four letters and no vowel (KTP, PCR,
// BBM). Parts are the letter-and-digit runs between '-', '/', '(' and so
// on, so "COVID-19", "E-KTP" and "(GORONG-GORONG/PARIT)" come out right.
func TitleCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	first := true // no word part written yet
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && isWordRune(rs[j]) {
			j++
		}
		b.WriteString(casePart(string(rs[i:j]), first))
		first = false
		i = j
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func casePart(w string, first bool) string {
	up := strings.ToUpper(w)
	switch {
	case strings.IndexFunc(w, unicode.IsDigit) >= 0:
		return up
	case acronyms[up]:
		return up
	case lowerAbbrev[up]:
		return strings.ToLower(w)
	case smallWords[up] && !first:
		return strings.ToLower(w)
	case utf8.RuneCountInString(w) <= 4 && utf8.RuneCountInString(w) > 1 && !strings.ContainsAny(up, "AEIOU"):
		return up
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + strings.ToLower(w[size:])
}
