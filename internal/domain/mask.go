package domain

import (
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
	if !strings.ContainsAny(s, "0123456789") {
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
// of groups of digits joined by single separators (space, dot, dash),
// optionally after a '+', not glued to a letter or digit on either side.
func numberToken(b []byte, i int) (int, int) {
	for ; i < len(b); i++ {
		c := b[i]
		if !(isDigit(c) || (c == '+' && i+1 < len(b) && isDigit(b[i+1]))) {
			continue
		}
		if i > 0 && gluedBefore(b, i) {
			// Skip the rest of this word.
			for i+1 < len(b) && (isDigit(b[i+1]) || isLetterAt(b, i+1)) {
				i++
			}
			continue
		}
		end := i + 1
		for {
			for end < len(b) && isDigit(b[end]) {
				end++
			}
			if end+1 < len(b) && isSep(b[end]) && isDigit(b[end+1]) {
				end++
				continue
			}
			break
		}
		if end < len(b) && isLetterAt(b, end) {
			// Glued to a word after it (a code such as 12AB): not a number.
			i = end
			continue
		}
		return i, end
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
func isSep(c byte) bool   { return c == ' ' || c == '.' || c == '-' }

// maskGroups looks, inside the token b[start:end], for the longest run of
// whole groups that is a NIK or a phone number, from the left, and masks
// each it finds. Looking at runs of groups copes with a number written
// right after another: "tahun 2026 0812 3456 7890".
func maskGroups(b []byte, start, end int) {
	type group struct{ from, to int } // b[from:to], digits only (from may hold '+')
	var groups []group
	g := start
	for k := start; k <= end; k++ {
		if k == end || isSep(b[k]) {
			groups = append(groups, group{g, k})
			g = k + 1
		}
	}
	if len(groups) > 40 {
		return
	}
	for i := 0; i < len(groups); {
		matched := false
		for j := len(groups) - 1; j >= i; j-- {
			tok := b[groups[i].from:groups[j].to]
			if personalNumber(tok) {
				for k := groups[i].from; k < groups[j].to; k++ {
					if isDigit(b[k]) {
						b[k] = '*'
					}
				}
				i, matched = j+1, true
				break
			}
		}
		if !matched {
			i++
		}
	}
}

// personalNumber decides whether a token of digit groups is a NIK or an
// Indonesian mobile number.
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
