// Package i18n holds Lapor's message catalogues: Indonesian first,
// English second. Each language is a folder of JSON files (one per area
// of the product) merged at start-up; a test fails when a key is missing
// from either language.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
)

// Lang is a supported language.
type Lang string

const (
	ID Lang = "id" // Bahasa Indonesia, the default
	EN Lang = "en"
)

// Langs lists supported languages, default first.
var Langs = []Lang{ID, EN}

//go:embed locales
var files embed.FS

var catalogues = map[Lang]map[string]string{}

func init() {
	for _, l := range Langs {
		m, err := load(l)
		if err != nil {
			panic(err) // the catalogues are embedded and tested
		}
		catalogues[l] = m
	}
}

func load(l Lang) (map[string]string, error) {
	m := map[string]string{}
	dir := path.Join("locales", string(l))
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		data, err := fs.ReadFile(files, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		var part map[string]string
		if err := json.Unmarshal(data, &part); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", dir, e.Name(), err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				return nil, fmt.Errorf("%s: key %q defined twice", dir, k)
			}
			if v, err = fillLaw(v); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", dir, k, err)
			}
			m[k] = v
		}
	}
	return m, nil
}

// law holds the periods fixed by law that messages quote, by the name a
// message writes in braces ("{law.info_answer_days}"), so a text never
// repeats a number the rules take from the domain.
var law = map[string]int{
	"law.info_answer_days":           domain.InfoAnswerDays,
	"law.info_extension_days":        domain.InfoExtensionDays,
	"law.info_objection_window_days": domain.InfoObjectionWindowDays,
	"law.info_superior_days":         domain.InfoSuperiorDays,
	"law.info_komisi_days":           domain.InfoKomisiDays,
}

// fillLaw puts the periods of law into a message; an unknown name is an
// error of the catalogue, caught when it loads.
func fillLaw(msg string) (string, error) {
	for {
		i := strings.Index(msg, "{law.")
		if i < 0 {
			return msg, nil
		}
		j := strings.IndexByte(msg[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("unclosed %q", msg[i:])
		}
		n, ok := law[msg[i+1:i+j]]
		if !ok {
			return "", fmt.Errorf("unknown period %q", msg[i:i+j+1])
		}
		msg = msg[:i] + strconv.Itoa(n) + msg[i+j+1:]
	}
}

// Valid reports whether s names a supported language exactly.
func Valid(s string) bool { return s == string(ID) || s == string(EN) }

// Negotiate picks a language from an Accept-Language header, by quality;
// Indonesian when nothing matches.
func Negotiate(header string) Lang {
	best, bestQ := ID, -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		var l Lang
		switch {
		case tag == "id" || strings.HasPrefix(tag, "id-") || tag == "in":
			l = ID
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			l = EN
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

// T translates key; args fill %s / %d verbs in the message. A missing key
// shows itself, which the catalogue test prevents.
//
// A key that ends in a number the catalogue does not list itself, such as
// field.min_chars.10, is the message of the key before the number filled
// with it ("at least 10 characters"): a key that carries its argument, for
// the places that pass only a key (domain.FieldErrors).
func T(l Lang, key string, args ...any) string {
	msg, n, ok := lookup(l, key)
	if !ok {
		msg, n, ok = lookup(ID, key)
		if !ok {
			return key
		}
	}
	if n != "" {
		v, _ := strconv.ParseInt(n, 10, 64) // cutLast gave digits only
		args = append([]any{Formatter(l, nil).Int(v)}, args...)
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// lookup finds key's message in l, or that of the key before its number
// and the number.
func lookup(l Lang, key string) (msg, number string, ok bool) {
	if msg, ok := catalogues[l][key]; ok {
		return msg, "", true
	}
	base, n, found := cutLast(key)
	if !found {
		return "", "", false
	}
	msg, ok = catalogues[l][base]
	return msg, n, ok
}

// cutLast splits key.123 into key and 123; found is false when the last
// part is not a number.
func cutLast(key string) (base, number string, found bool) {
	i := strings.LastIndexByte(key, '.')
	if i <= 0 || i == len(key)-1 {
		return "", "", false
	}
	for _, r := range key[i+1:] {
		if r < '0' || r > '9' {
			return "", "", false
		}
	}
	return key[:i], key[i+1:], true
}

// Has reports whether key exists in l, as itself or as a key before a
// number (see T).
func Has(l Lang, key string) bool { _, _, ok := lookup(l, key); return ok }

// Keys lists l's keys, sorted.
func Keys(l Lang) []string {
	out := make([]string, 0, len(catalogues[l]))
	for k := range catalogues[l] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
