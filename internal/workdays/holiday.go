package workdays

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// HolidayKind classifies a day off. Every kind makes the day a non-working
// day; the kind is informational (labels, reports).
type HolidayKind string

// The accepted holiday kinds.
const (
	// KindLiburNasional is a national public holiday (hari libur nasional).
	KindLiburNasional HolidayKind = "libur_nasional"
	// KindCutiBersama is a collective leave day (cuti bersama) set by the
	// joint ministerial decree; government offices are closed.
	KindCutiBersama HolidayKind = "cuti_bersama"
	// KindLiburDaerah is a regional holiday declared by the local government.
	KindLiburDaerah HolidayKind = "libur_daerah"
	// KindOther is any other day off an admin adds (e.g. an ad-hoc closure).
	KindOther HolidayKind = "other"
)

// Valid reports whether k is one of the accepted kinds.
func (k HolidayKind) Valid() bool {
	switch k {
	case KindLiburNasional, KindCutiBersama, KindLiburDaerah, KindOther:
		return true
	}
	return false
}

// Holiday is a day off in the calendar.
type Holiday struct {
	Date Date
	Kind HolidayKind
	Name string
}

// Limits applied by the parsers.
const (
	// MaxRows is the largest number of holidays a single file may define.
	MaxRows = 1000
	// MaxNameLen is the longest holiday name accepted, in characters (runes).
	MaxNameLen = 200
	// MaxInputSize is the largest input, in bytes, ParseCSV and ParseICal read.
	MaxInputSize = 1 << 20
	// maxErrors bounds how many problems one parse collects before giving up.
	maxErrors = 50
)

// Reason codes carried by [ParseError.Reason]. They are stable identifiers
// that callers may map to translated messages.
const (
	ReasonEmpty             = "empty"              // no content at all
	ReasonTooLarge          = "too_large"          // input exceeds MaxInputSize
	ReasonMissingHeader     = "missing_header"     // CSV: first line is not date,kind,name
	ReasonSyntax            = "syntax"             // malformed CSV / iCalendar line
	ReasonFieldCount        = "field_count"        // CSV: a row without exactly 3 fields
	ReasonInvalidUTF8       = "invalid_utf8"       // text is not valid UTF-8
	ReasonInvalidDate       = "invalid_date"       // malformed or impossible date
	ReasonUnknownKind       = "unknown_kind"       // CSV: kind not in the accepted list
	ReasonEmptyName         = "empty_name"         // name / SUMMARY missing or blank
	ReasonNameTooLong       = "name_too_long"      // name longer than MaxNameLen
	ReasonInvalidName       = "invalid_name"       // name contains control characters
	ReasonDuplicateDate     = "duplicate_date"     // two holidays on the same day
	ReasonTooManyRows       = "too_many_rows"      // more than MaxRows holidays
	ReasonInvalidStructure  = "invalid_structure"  // iCalendar BEGIN/END problems
	ReasonMissingDTStart    = "missing_dtstart"    // iCalendar VEVENT without DTSTART
	ReasonInvalidEnd        = "invalid_end"        // iCalendar DTEND/DURATION unusable
	ReasonDuplicateProperty = "duplicate_property" // iCalendar property given twice
	ReasonUnsupported       = "unsupported"        // iCalendar feature not supported (RRULE, RDATE)
)

// ParseError describes one problem in a holiday file.
type ParseError struct {
	// Line is the 1-based line of the problem; 0 when it concerns the
	// whole input (e.g. ReasonTooLarge).
	Line int
	// Reason is a short stable code, one of the Reason* constants.
	Reason string
	// Detail is a human-readable English explanation (may quote input).
	Detail string
}

// Error implements error.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("workdays: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	b.WriteString(e.Reason)
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// ParseErrors is the error returned by the parsers when the input has one
// or more problems; it lists them in input order (at most 50). It unwraps to
// the individual *ParseError values, so errors.As(err, &pe) yields the first.
type ParseErrors []*ParseError

// Error implements error.
func (es ParseErrors) Error() string {
	switch len(es) {
	case 0:
		return "workdays: no errors"
	case 1:
		return es[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "workdays: %d problems:", len(es))
	for i, e := range es {
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", len(es)-i)
			break
		}
		b.WriteString("; ")
		b.WriteString(strings.TrimPrefix(e.Error(), "workdays: "))
	}
	return b.String()
}

// Unwrap returns the individual errors.
func (es ParseErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// problems collects parse errors up to maxErrors.
type problems struct {
	list ParseErrors
}

// add records a problem and reports whether parsing may continue.
func (p *problems) add(line int, reason, format string, args ...any) bool {
	if len(p.list) < maxErrors {
		p.list = append(p.list, &ParseError{Line: line, Reason: reason, Detail: fmt.Sprintf(format, args...)})
	}
	return len(p.list) < maxErrors
}

func (p *problems) full() bool { return len(p.list) >= maxErrors }

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return p.list
}

// cleanName validates and normalises a holiday name: runs of white space
// (including newlines and tabs) become one space, the ends are trimmed.
// It returns a reason code on failure.
func cleanName(s string) (string, string, string) {
	if !utf8.ValidString(s) {
		return "", ReasonInvalidUTF8, "name is not valid UTF-8"
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError || r == '\uFEFF' {
			return "", ReasonInvalidName, fmt.Sprintf("name contains control character %U", r)
		}
	}
	name := strings.Join(strings.Fields(s), " ")
	if name == "" {
		return "", ReasonEmptyName, "name is empty"
	}
	if n := utf8.RuneCountInString(name); n > MaxNameLen {
		return "", ReasonNameTooLong, fmt.Sprintf("name has %d characters, at most %d allowed", n, MaxNameLen)
	}
	return name, "", ""
}

// quote shortens s for inclusion in an error detail.
func quote(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
