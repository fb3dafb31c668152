package web

import (
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/i18n"
)

// Numbers in the reader's language: Indonesian writes 1.234,5 where
// English writes 1,234.5. A small local helper until the shared
// formatter lands.

// decimal writes f with at most two decimals, trailing zeros dropped.
func decimal(lang i18n.Lang, f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	thousands, point := ",", "."
	if lang == i18n.ID {
		thousands, point = ".", ","
	}
	var b strings.Builder
	if neg && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}

// percent is decimal with a percent sign.
func percent(lang i18n.Lang, f float64) string { return decimal(lang, f) + "%" }
