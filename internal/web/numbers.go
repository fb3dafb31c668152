package web

import (
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/i18n"
)

// decimal writes f in the reader's language (1.234,5 in Indonesian,
// 1,234.5 in English) with at most two decimals, trailing zeros dropped:
// the shared formatter, trimmed for figures such as thresholds.
func decimal(lang i18n.Lang, f float64) string {
	s := i18n.Formatter(lang, time.UTC).Number(f, 2)
	point := "."
	if lang == i18n.ID {
		point = ","
	}
	if strings.Contains(s, point) {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), point)
	}
	return s
}

// percent is decimal with a percent sign.
func percent(lang i18n.Lang, f float64) string { return decimal(lang, f) + "%" }
