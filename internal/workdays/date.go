package workdays

import (
	"errors"
	"fmt"
	"time"
)

// Date is a calendar day without a time zone (a "civil" date).
//
// The zero Date is not a valid day; see [Date.Valid]. Dates are comparable
// with == and usable as map keys; values built by this package ([ParseDate],
// [DateOf], [Date.AddDays], ...) are always normalised, so two Dates denote
// the same day exactly when they are ==.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ErrInvalidDate is returned (wrapped) by [ParseDate] for malformed or
// impossible dates.
var ErrInvalidDate = errors.New("invalid date")

// ParseDate parses a date in the strict form YYYY-MM-DD ("2026-03-21").
// It rejects anything else: other separators, missing zero padding
// ("2026-2-3"), surrounding spaces, the empty string, year 0000 and
// impossible days such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%w %q: want YYYY-MM-DD", ErrInvalidDate, s)
	}
	y, ok1 := atoiDigits(s[0:4])
	m, ok2 := atoiDigits(s[5:7])
	d, ok3 := atoiDigits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("%w %q: want YYYY-MM-DD", ErrInvalidDate, s)
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if !date.Valid() {
		return Date{}, fmt.Errorf("%w %q: no such day", ErrInvalidDate, s)
	}
	return date, nil
}

// atoiDigits parses a non-empty string made only of ASCII digits.
func atoiDigits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// DateOf returns the calendar day containing the instant t as seen in loc.
// A nil loc means t's own location.
func DateOf(t time.Time, loc *time.Location) Date {
	if loc != nil {
		t = t.In(loc)
	}
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// Valid reports whether d is a real day of the proleptic Gregorian calendar
// with a year in 1..9999 (the range ParseDate and String round-trip).
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December {
		return false
	}
	return d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText implements encoding.TextMarshaler (YYYY-MM-DD).
func (d Date) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, fmt.Errorf("workdays: cannot marshal %w %s", ErrInvalidDate, d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler using [ParseDate].
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// AddDays returns the date n days after d (before d if n < 0). An invalid d
// is normalised first, the way time.Date does (2026-02-30 + 0 = 2026-03-02).
func (d Date) AddDays(n int) Date {
	if n == 1 && d.Valid() {
		return d.next()
	}
	return fromDayNumber(d.dayNumber() + int64(n))
}

// next returns the following day of a valid date, cheaply.
func (d Date) next() Date {
	if d.Day < daysIn(d.Year, d.Month) {
		d.Day++
		return d
	}
	d.Day = 1
	if d.Month < time.December {
		d.Month++
		return d
	}
	d.Month = time.January
	d.Year++
	return d
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return weekdayOf(d.dayNumber())
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Equal reports whether d and o are the same day.
func (d Date) Equal(o Date) bool { return d.Compare(o) == 0 }

// DaysUntil returns the number of days from d to o (negative if o is before d).
func (d Date) DaysUntil(o Date) int { return int(o.dayNumber() - d.dayNumber()) }

// In returns the first instant of d in loc (normally 00:00:00; time.Date's
// rules apply where a zone transition skips midnight). A nil loc means UTC.
func (d Date) In(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// dayNumber returns the number of days since 1970-01-01 (negative before).
// Out-of-range fields are normalised as by time.Date.
func (d Date) dayNumber() int64 {
	if d.Valid() {
		return daysFromCivil(int64(d.Year), int64(d.Month), int64(d.Day))
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return floorDiv(t.Unix(), 86400)
}

// fromDayNumber is the inverse of dayNumber.
func fromDayNumber(n int64) Date {
	y, m, d := civilFromDays(n)
	return Date{Year: int(y), Month: time.Month(m), Day: int(d)}
}

// weekdayOf returns the weekday of a day number (1970-01-01 was a Thursday).
func weekdayOf(n int64) time.Weekday {
	return time.Weekday(floorMod(n+4, 7))
}

// daysFromCivil and civilFromDays are Howard Hinnant's algorithms for the
// proleptic Gregorian calendar (http://howardhinnant.github.io/date_algorithms.html).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int64) (y, m, d int64) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
