package domain

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaskPersonal hides obvious personal data in text shown to the public
// (domain.md section 3): NIK numbers (16 digits, also grouped with spaces,
// dots or dashes), Indonesian mobile numbers (08..., 62 8..., +62...) and
// e-mail addresses. Digits become '*' (separators stay, so the text keeps
// its shape); e-mail addresses become "***@***". Dates, times, money
// (Rp 1.500.000), coordinates and tracking IDs are left alone.
//
// It is best effort: a number written in words, or with letters between
// its digits, passes. Staff see the text as written.
func MaskPersonal(s string) string {
	if s == "" {
		return s
	}
	s = emailPattern.ReplaceAllString(s, "***@***")
	if !strings.ContainsFunc(s, unicode.IsDigit) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		start, end := numberToken(b, i)
		if start < 0 {
			break
		}
		maskGroups(b, start, end)
		i = end
	}
	return string(b)
}

// emailPattern is loose on purpose: anything that looks like an address.
var emailPattern = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)

// numberToken finds the next run of digits starting at or after i, made
// of groups of digits joined by separators (space, dot, dash, slash, the
// Unicode dashes, or the ") " after an area code in parentheses),
// optionally after a '+', not glued to a letter or digit on either side.
// Digits may be ASCII or full-width (as phone keyboards type them).
func numberToken(b []byte, i int) (int, int) {
	for i < len(b) {
		d, w := digitAt(b, i)
		plus := !d && b[i] == '+' && isDigitAt(b, i+1)
		if !d && !plus {
			i += w
			continue
		}
		if i > 0 && gluedBefore(b, i) {
			// Skip the rest of this word.
			for i < len(b) && (isDigitAt(b, i) || isLetterAt(b, i)) {
				_, w := digitAt(b, i)
				i += w
			}
			continue
		}
		start, end := i, i+w
		paren := i > 0 && b[i-1] == '('
		for {
			for isDigitAt(b, end) {
				_, w := digitAt(b, end)
				end += w
			}
			if sw := sepAt(b, end, paren); sw > 0 && isDigitAt(b, end+sw) {
				end += sw
				paren = false // only the first group may sit in parentheses
				continue
			}
			break
		}
		if end < len(b) && isLetterAt(b, end) {
			// Glued to a word after it (a code such as 12AB): not a number.
			i = end
			continue
		}
		return start, end
	}
	return -1, -1
}

func gluedBefore(b []byte, i int) bool {
	r, _ := utf8.DecodeLastRune(b[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '/' || r == '#'
}

func isLetterAt(b []byte, i int) bool {
	r, _ := utf8.DecodeRune(b[i:])
	return unicode.IsLetter(r) || r == '_'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitAt reports whether b[i:] starts with a digit (ASCII or full-width),
// and the width in bytes of the character there (0 past the end).
func digitAt(b []byte, i int) (bool, int) {
	if i >= len(b) {
		return false, 0
	}
	if b[i] < utf8.RuneSelf {
		return isDigit(b[i]), 1
	}
	r, w := utf8.DecodeRune(b[i:])
	return r >= '０' && r <= '９', w
}

func isDigitAt(b []byte, i int) bool { d, _ := digitAt(b, i); return d }

// sepAt is the width of a separator between digit groups at b[i:], 0 if
// there is none. paren allows the ")" or ") " closing an area code.
func sepAt(b []byte, i int, paren bool) int {
	if i >= len(b) {
		return 0
	}
	switch b[i] {
	case ' ', '.', '-', '/':
		return 1
	case ')':
		if !paren {
			return 0
		}
		if i+1 < len(b) && b[i+1] == ' ' {
			return 2
		}
		return 1
	}
	r, w := utf8.DecodeRune(b[i:])
	if unicodeDash(r) || r == '\u00a0' || r == '\u3000' {
		return w
	}
	return 0
}

// unicodeDash: the hyphens and dashes word processors and phones put
// between digit groups instead of '-'.
func unicodeDash(r rune) bool {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\ufe63', '\uff0d':
		return true
	}
	return false
}

// maskGroups looks, inside the token b[start:end], for the longest run of
// whole groups that is a NIK or a phone number, from the left, and masks
// each it finds. Looking at runs of groups copes with a number written
// right after another: "tahun 2026 0812 3456 7890".
func maskGroups(b []byte, start, end int) {
	type group struct{ from, to int } // b[from:to], digits only (from may hold '+')
	var groups []group
	g, k := start, start
	if b[k] == '+' {
		k++
	}
	for k < end {
		if d, w := digitAt(b, k); d {
			k += w
			continue
		}
		groups = append(groups, group{g, k})
		for k < end && !isDigitAt(b, k) {
			_, w := digitAt(b, k)
			k += w
		}
		g = k
	}
	groups = append(groups, group{g, end})
	if len(groups) > 40 {
		return
	}
	for i := 0; i < len(groups); {
		matched := false
		for j := len(groups) - 1; j >= i; j-- {
			if personalNumber(normalizeToken(b[groups[i].from:groups[j].to])) {
				maskDigits(b[groups[i].from:groups[j].to])
				i, matched = j+1, true
				break
			}
		}
		if !matched {
			i++
		}
	}
}

// normalizeToken spells a token in ASCII: digits 0-9, '+', '.', '/', and
// '-' or ' ' for every other separator.
func normalizeToken(tok []byte) []byte {
	out := make([]byte, 0, len(tok))
	for k := 0; k < len(tok); {
		d, w := digitAt(tok, k)
		switch {
		case d && w == 1:
			out = append(out, tok[k])
		case d:
			r, _ := utf8.DecodeRune(tok[k:])
			out = append(out, byte('0'+r-'０'))
		case tok[k] == '+' || tok[k] == '.' || tok[k] == '/' || tok[k] == '-':
			out = append(out, tok[k])
		default:
			r, _ := utf8.DecodeRune(tok[k:])
			if unicodeDash(r) {
				out = append(out, '-')
			} else {
				out = append(out, ' ')
			}
		}
		k += w
	}
	return out
}

// maskDigits replaces each digit in place by an asterisk of the same width
// ('*' for ASCII, '＊' for full-width), so the text keeps its length.
func maskDigits(tok []byte) {
	for k := 0; k < len(tok); {
		d, w := digitAt(tok, k)
		if d {
			if w == 1 {
				tok[k] = '*'
			} else {
				utf8.EncodeRune(tok[k:], '＊')
			}
		}
		k += w
	}
}

// personalNumber decides whether a token of digit groups (normalized) is a
// NIK or an Indonesian mobile number.
func personalNumber(tok []byte) bool {
	var digits []byte
	for _, c := range tok {
		if isDigit(c) {
			digits = append(digits, c)
		}
	}
	n := len(digits)
	plus := tok[0] == '+'
	if n < 9 || thousands(tok) {
		return false // 1.500.000: money or a count
	}
	if bytes.IndexByte(tok, '/') >= 0 && bytes.ContainsAny(tok, " .-") {
		return false // dates or paths beside other numbers: 08/11/2026 20/11/2026
	}
	switch {
	case n == 16 && !plus:
		return true // NIK
	case !plus && digits[0] == '0' && digits[1] == '8' && n >= 9 && n <= 15:
		return true // 08xx...
	case plus && digits[0] == '6' && digits[1] == '2' && n >= 10 && n <= 15:
		return true // +62...
	case !plus && n >= 10 && n <= 15 && digits[0] == '6' && digits[1] == '2' && digits[2] == '8':
		return true // 628...
	}
	return false
}

// thousands reports digit groups written as a number with dot or comma
// thousands separators: 1.500.000, 12.000.
func thousands(tok []byte) bool {
	parts := strings.Split(string(tok), ".")
	if len(parts) < 2 {
		return false
	}
	if len(parts[0]) < 1 || len(parts[0]) > 3 || strings.ContainsAny(parts[0], " -+") {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || strings.ContainsAny(p, " -") {
			return false
		}
	}
	return true
}
