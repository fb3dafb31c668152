package workdays

import (
	"slices"
	"time"
)

// Calendar answers working-day questions (hari kerja, HK) in one time zone.
// A working day is a Monday to Friday that is not in the holiday list; every
// listed holiday makes its day a non-working day, whatever its kind.
//
// A Calendar is immutable after New and safe for concurrent use. To apply an
// edited holiday list, build a new Calendar.
type Calendar struct {
	loc      *time.Location
	holidays map[Date]Holiday
	// lo and hi bound the holiday dates, so days outside the list skip the
	// map lookup (valid only when holidays is non-empty).
	lo, hi Date
	// offDays holds the sorted day numbers of holidays falling on Monday to
	// Friday, for counting working days without walking every day.
	offDays []int64
}

// New returns a Calendar for loc (nil means UTC) with the given holidays.
// The slice is copied. Holidays with an invalid Date are ignored; when two
// holidays share a date, the first one wins.
func New(loc *time.Location, holidays []Holiday) *Calendar {
	if loc == nil {
		loc = time.UTC
	}
	c := &Calendar{loc: loc, holidays: make(map[Date]Holiday, len(holidays))}
	for _, h := range holidays {
		if !h.Date.Valid() {
			continue
		}
		if _, dup := c.holidays[h.Date]; dup {
			continue
		}
		if len(c.holidays) == 0 || h.Date.Before(c.lo) {
			c.lo = h.Date
		}
		if len(c.holidays) == 0 || h.Date.After(c.hi) {
			c.hi = h.Date
		}
		c.holidays[h.Date] = h
		if !isWeekend(h.Date.Weekday()) {
			c.offDays = append(c.offDays, h.Date.dayNumber())
		}
	}
	slices.Sort(c.offDays)
	return c
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// DateOf returns the day containing t in the calendar's time zone.
func (c *Calendar) DateOf(t time.Time) Date { return DateOf(t, c.loc) }

// StartOfDay returns the first instant of d in the calendar's time zone.
func (c *Calendar) StartOfDay(d Date) time.Time { return d.In(c.loc) }

// EndOfDay returns 23:59:59 (no fraction) of d in the calendar's time zone.
// This is the instant deadlines are expressed as; the final fraction of a
// second is deliberately dropped so the value is exact at the one-second
// precision of most storage and display. An action at t is on time iff
// !t.After(deadline).
func (c *Calendar) EndOfDay(d Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 23, 59, 59, 0, c.loc)
}

// Holidays returns the calendar's holidays sorted by date.
func (c *Calendar) Holidays() []Holiday {
	out := make([]Holiday, 0, len(c.holidays))
	for _, h := range c.holidays {
		out = append(out, h)
	}
	sortHolidays(out)
	return out
}

// Holiday returns the holiday on d, if any (including holidays that fall on
// a weekend, such as Paskah on Sunday 2026-04-05).
func (c *Calendar) Holiday(d Date) (Holiday, bool) {
	h, ok := c.holidays[normalize(d)]
	return h, ok
}

// IsWorkingDay reports whether d is a Monday to Friday that is not a
// holiday. An invalid d is normalised first (2026-02-30 means 2026-03-02).
func (c *Calendar) IsWorkingDay(d Date) bool {
	d = normalize(d)
	return c.isWorking(d, d.Weekday())
}

// isWorking is IsWorkingDay for a valid d whose weekday is already known.
func (c *Calendar) isWorking(d Date, wd time.Weekday) bool {
	if isWeekend(wd) {
		return false
	}
	if len(c.holidays) == 0 || d.Before(c.lo) || d.After(c.hi) {
		return true
	}
	_, off := c.holidays[d]
	return !off
}

func isWeekend(wd time.Weekday) bool { return wd == time.Saturday || wd == time.Sunday }

func normalize(d Date) Date {
	if d.Valid() {
		return d
	}
	return d.AddDays(0)
}

// AddWorkingDays returns the n-th working day after d (d itself is never
// counted), or d itself when n is 0. A negative n counts backwards: the
// |n|-th working day before d. It runs in O(|n|) time.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	d = normalize(d)
	wd := d.Weekday()
	for n > 0 {
		d = d.next()
		wd = (wd + 1) % 7
		if c.isWorking(d, wd) {
			n--
		}
	}
	for n < 0 {
		d = d.AddDays(-1)
		wd = (wd + 6) % 7
		if c.isWorking(d, wd) {
			n++
		}
	}
	return d
}

// Deadline returns the deadline of n working days whose clock starts at
// start: the end (23:59:59, see [Calendar.EndOfDay]) of the n-th working day
// after the day containing start, in the calendar's time zone. The day of
// start never counts, whatever the hour, so a report received on Friday
// 2026-11-27 at 10:00 WITA with n = 3 is due on Wednesday 2026-12-02 at
// 23:59:59 WITA; a report received on a weekend or holiday gets n full
// working days from the next working day. An n below 1 is treated as 0: the
// end of the day containing start. It runs in O(n) time.
func (c *Calendar) Deadline(start time.Time, n int) time.Time {
	n = max(n, 0)
	return c.EndOfDay(c.AddWorkingDays(c.DateOf(start), n))
}

// WorkingDaysBetween counts the working days d with from < d <= to, days
// taken in the calendar's time zone; 0 if to is on or before from's day. For
// n >= 1, WorkingDaysBetween(start, Deadline(start, n)) == n.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	return c.CountWorkingDays(c.DateOf(from), c.DateOf(to))
}

// CountWorkingDays counts the working days d with from < d <= to; 0 if to
// is not after from. It runs in O(log h) time for h holidays.
func (c *Calendar) CountWorkingDays(from, to Date) int {
	a, b := normalize(from).dayNumber(), normalize(to).dayNumber()
	if b <= a {
		return 0
	}
	n := weekdaysUpTo(b) - weekdaysUpTo(a)
	// Holidays on Monday to Friday with a < day <= b.
	i, _ := slices.BinarySearch(c.offDays, a+1)
	j, _ := slices.BinarySearch(c.offDays, b+1)
	return int(n) - (j - i)
}

// weekdaysUpTo returns the number of Mondays to Fridays with a day number
// <= x, counted from an arbitrary origin (only differences are meaningful).
func weekdaysUpTo(x int64) int64 {
	k := x + 3 // day number 0 is a Thursday; k is 0 on a Monday
	weeks := floorDiv(k, 7)
	rem := floorMod(k, 7) // 0 = Monday ... 6 = Sunday
	return weeks*5 + min(rem+1, 5)
}
