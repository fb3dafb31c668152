package textprep

import (
	_ "embed"
	"strings"
)

// The stemmer follows the confix-stripping idea of Nazief and Adriani as
// later refined (Asian, Arifin): inflectional suffixes (-lah, -kah, -tah,
// -pun, then -ku, -mu, -nya) and a derivational suffix (-kan, -an, -i) come
// off first, then up to three derivational prefixes (di-, ke-, se-, ter-,
// ber-, per-, me- and pe- with their nasal forms mem-, men-, meng-, meny-,
// pem-, pen-, peng-, peny-, whose dropped first letter is put back:
// "menulis" is "tulis", "memakai" "pakai", "menyapu" "sapu"). Every cut is
// kept only if it ends on a known root (roots.txt); when no cut does, the
// suffixes are put back one by one and the prefixes tried again, and a word
// that never reaches a root is left whole. So the stemmer never invents a
// root: an unknown word stays as written.

//go:embed roots.txt
var rootsText string

var roots = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(rootsText, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
}()

// IsRoot reports whether w is in the stemmer's root dictionary.
func IsRoot(w string) bool { return roots[w] }

// Stem returns the root of the folded word w ("berlubang", "lubangnya" and
// "lubang" are all "lubang"), or w itself when it is a root, too short, not
// all letters or not reducible to a known root.
func Stem(w string) string {
	if len(w) <= 3 || roots[w] || !isLetters(w) {
		return w
	}
	for _, base := range suffixVariants(w) {
		if roots[base] {
			return base
		}
		if r, ok := stripPrefixes(base, 3); ok {
			return r
		}
	}
	return w
}

func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// suffixVariants lists w with its suffixes removed, the most removed
// first and w itself last.
func suffixVariants(w string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if len(s) >= 2 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	w1 := w
	for _, p := range []string{"lah", "kah", "tah", "pun"} {
		if strings.HasSuffix(w1, p) && len(w1) > len(p)+2 {
			w1 = strings.TrimSuffix(w1, p)
			break
		}
	}
	w2 := w1
	for _, p := range []string{"nya", "ku", "mu"} {
		if strings.HasSuffix(w2, p) && len(w2) > len(p)+2 {
			w2 = strings.TrimSuffix(w2, p)
			break
		}
	}
	switch {
	case strings.HasSuffix(w2, "kan") && len(w2) > 5:
		add(w2[:len(w2)-3])
		add(w2[:len(w2)-2])
	case strings.HasSuffix(w2, "an") && len(w2) > 4:
		add(w2[:len(w2)-2])
	case strings.HasSuffix(w2, "i") && len(w2) > 3:
		add(w2[:len(w2)-1])
	}
	add(w2)
	add(w1)
	add(w)
	return out
}

// stripPrefixes removes up to depth prefixes from w and returns the first
// known root it reaches.
func stripPrefixes(w string, depth int) (string, bool) {
	for _, c := range prefixCandidates(w) {
		if roots[c] {
			return c, true
		}
		if depth > 1 {
			if r, ok := stripPrefixes(c, depth-1); ok {
				return r, true
			}
		}
	}
	return "", false
}

// prefixCandidates lists what w may be with one prefix removed, the likely
// readings first.
func prefixCandidates(w string) []string {
	var c []string
	add := func(s string) {
		if len(s) >= 2 {
			c = append(c, s)
		}
	}
	has := func(p string) bool { return strings.HasPrefix(w, p) && len(w) > len(p)+1 }
	vowelAt := func(i int) bool { return i < len(w) && isVowel(w[i]) }
	nasal := func(p string) { // me- or pe- with its nasal forms; p is "me" or "pe"
		switch {
		case has(p + "ng"):
			rest := w[len(p)+2:]
			add(rest)
			if vowelAt(len(p) + 2) {
				add("k" + rest)
			}
			if has(p + "nge") {
				add(w[len(p)+3:]) // mengecat: cat
			}
		case has(p + "ny"):
			rest := w[len(p)+2:]
			if vowelAt(len(p) + 2) {
				add("s" + rest)
				add("ny" + rest)
			}
		case has(p + "m"):
			rest := w[len(p)+1:]
			switch rest[0] {
			case 'b', 'f', 'v', 'p':
				add(rest)
			default:
				if isVowel(rest[0]) {
					add("m" + rest)
					add("p" + rest)
				}
			}
		case has(p + "n"):
			rest := w[len(p)+1:]
			switch rest[0] {
			case 'c', 'd', 'j', 's', 't', 'z':
				add(rest)
			default:
				if isVowel(rest[0]) {
					add("n" + rest)
					add("t" + rest)
				}
			}
		case p == "pe" && has("per"):
			add(w[3:])
			if vowelAt(3) {
				add("r" + w[3:])
			}
		case p == "pe" && strings.HasPrefix(w, "pelajar"):
			add(w[3:])
		case has(p):
			if !isVowel(w[2]) {
				add(w[2:]) // melihat, merawat, petugas, pekerja
			}
		}
	}
	switch {
	case has("di"), has("ke"), has("se"):
		add(w[2:])
	case has("ter"):
		add(w[3:])
		if vowelAt(3) {
			add("r" + w[3:])
		}
	case has("ber"):
		add(w[3:])
		if vowelAt(3) {
			add("r" + w[3:])
		}
	case strings.HasPrefix(w, "belajar"):
		add(w[3:])
	case has("be") && !isVowel(w[2]):
		add(w[2:]) // bekerja, beternak
	case has("me"):
		nasal("me")
	case has("pe"):
		nasal("pe")
	}
	return c
}
