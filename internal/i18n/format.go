package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// nbsp joins a number to its unit so that a line never breaks between
// them ("12 KB", never "12" and "KB" on two lines).
const nbsp = "\u00a0"

// Format writes dates, times, numbers and file sizes the way one language
// does: the one formatter of every page and every timeline text.
//
//	          Indonesian                  English
//	Date      2 Desember 2026             2 December 2026
//	Time      14.05 WITA                  2:05 pm WITA
//	DateTime  2 Desember 2026 14.05 WITA  2 December 2026, 2:05 pm WITA
//	Number    1.234,5                     1,234.5
//	Percent   52,5%                       52.5%
//	Size      1,5 MB                      1.5 MB
type Format struct {
	lang Lang
	loc  *time.Location // nil: each time in its own zone
}

// Formatter is the formatter of language l, writing times in loc.
func Formatter(l Lang, loc *time.Location) Format {
	if l != EN {
		l = ID
	}
	return Format{lang: l, loc: loc}
}

func (f Format) in(t time.Time) time.Time {
	if f.loc != nil {
		return t.In(f.loc)
	}
	return t
}

// Date is the day of t in words; "" for the zero time.
func (f Format) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := f.in(t).Date()
	return f.Day(y, m, d)
}

// Day is a calendar day in words.
func (f Format) Day(y int, m time.Month, d int) string {
	if m < time.January || m > time.December {
		return ""
	}
	return strconv.Itoa(d) + " " + T(f.lang, "web.month."+strconv.Itoa(int(m))) + " " + strconv.Itoa(y)
}

// Time is the time of day of t with its zone.
func (f Format) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = f.in(t)
	layout := "15.04"
	if f.lang == EN {
		layout = "3:04 pm"
	}
	s := t.Format(layout)
	if zone := t.Format("MST"); zone != "" && zone[0] != '+' && zone[0] != '-' {
		s += " " + zone
	}
	return s
}

// DateTime is the day and the time of t.
func (f Format) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	sep := " "
	if f.lang == EN {
		sep = ", "
	}
	return f.Date(t) + sep + f.Time(t)
}

// Number writes x with at most decimals digits after the separator,
// trailing zeros dropped, and the thousands grouped.
func (f Format) Number(x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	group, point := ".", ","
	if f.lang == EN {
		group, point = ",", "."
	}
	var b strings.Builder
	if neg && (strings.Trim(whole, "0") != "" || frac != "") {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}

// Int writes a whole number with the thousands grouped.
func (f Format) Int(n int64) string { return f.Number(float64(n), 0) }

// Percent writes a percentage (52.5 for 52.5%) with at most two decimals.
func (f Format) Percent(x float64) string { return f.Number(x, 2) + "%" }

// Size writes a file size in B, KB (whole) or MB (one decimal), the unit
// joined to the number by a non-breaking space.
func (f Format) Size(n int64) string {
	switch {
	case n >= 1<<20:
		return f.Number(float64(n)/(1<<20), 1) + nbsp + "MB"
	case n >= 1<<10:
		return f.Int(n>>10) + nbsp + "KB"
	}
	return f.Int(n) + nbsp + "B"
}
