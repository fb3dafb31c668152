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
	// offDays holds the sorted day numbers (days since 1970-01-01) of the
	// holidays falling on Monday to Friday: the only holidays that change
	// whether a day is a working day. It answers range counts by binary
	// search.
	offDays []int64
	// offBits is a bitmap of offDays starting at day number offBase, so the
	// hot loops test a day with a shift instead of hashing a Date. It is nil
	// when the holidays span more than maxBitmapDays (offDays is used then).
	offBase int64
	offBits []uint64
}

// maxBitmapDays bounds the bitmap to 8 KiB (about 180 years of holidays).
const maxBitmapDays = 1 << 16

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
		c.holidays[h.Date] = h
		if dn := h.Date.dayNumber(); !isWeekend(weekdayOf(dn)) {
			c.offDays = append(c.offDays, dn)
		}
	}
	slices.Sort(c.offDays)
	if n := len(c.offDays); n > 0 && c.offDays[n-1]-c.offDays[0] < maxBitmapDays {
		c.offBase = c.offDays[0]
		c.offBits = make([]uint64, (c.offDays[n-1]-c.offBase)/64+1)
		for _, dn := range c.offDays {
			i := dn - c.offBase
			c.offBits[i/64] |= 1 << (i % 64)
		}
	}
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
// !t.After(deadline) (so one in the final fraction of the second, after
// 23:59:59.0, counts as late).
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
// It runs in O(1) time.
func (c *Calendar) IsWorkingDay(d Date) bool {
	dn := d.dayNumber()
	return c.isWorking(dn, weekdayOf(dn))
}

// isWorking is IsWorkingDay for a day number whose weekday is known.
func (c *Calendar) isWorking(dn int64, wd time.Weekday) bool {
	return !isWeekend(wd) && !c.isOff(dn)
}

// isOff reports whether day number dn is a holiday on Monday to Friday.
func (c *Calendar) isOff(dn int64) bool {
	if c.offBits != nil {
		i := dn - c.offBase
		if i < 0 || i >= int64(len(c.offBits))*64 {
			return false
		}
		return c.offBits[i/64]&(1<<(i%64)) != 0
	}
	_, found := slices.BinarySearch(c.offDays, dn)
	return found
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
	if n == 0 {
		return normalize(d)
	}
	return fromDayNumber(c.addWorkingDays(d.dayNumber(), n))
}

// addWorkingDays is AddWorkingDays on day numbers.
func (c *Calendar) addWorkingDays(dn int64, n int) int64 {
	wd := weekdayOf(dn)
	for n > 0 {
		dn++
		if wd++; wd == 7 {
			wd = 0
		}
		if c.isWorking(dn, wd) {
			n--
		}
	}
	for n < 0 {
		dn--
		if wd--; wd < 0 {
			wd = 6
		}
		if c.isWorking(dn, wd) {
			n++
		}
	}
	return dn
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
