package workdays

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Interval is a span of time [Start, End) during which a clock was paused,
// for example while a report waits for its reporter. A zero End means the
// clock is still paused. An interval whose non-zero End is not after Start
// is empty and ignored.
type Interval struct {
	Start time.Time
	End   time.Time
}

// Open reports whether the pause has not ended yet.
func (iv Interval) Open() bool { return iv.End.IsZero() }

// DeadlineWithPauses returns the deadline of n working days whose clock
// starts at start and is paused during pauses.
//
// The rule: a working day counts toward the n days if and only if the clock
// was running when the day began, that is at its first instant (00:00:00 in
// the calendar's time zone): day d does not count if some pause has
// Start <= 00:00 of d < End. The day containing start never counts, as in
// [Calendar.Deadline]. The deadline is the end (23:59:59) of the n-th
// counted day. So:
//
//   - with no pauses the result equals Deadline(start, n);
//   - a working day the clock spends wholly paused does not count;
//   - the day a pause begins counts (the clock ran when it began, unless the
//     pause starts at exactly 00:00:00), and a pause that begins and ends
//     within one day changes nothing;
//   - the day the clock resumes does not count (unless it resumes at exactly
//     00:00:00): resuming is treated like receiving the report anew, whose
//     day is free, so a reporter who answers at 16:59 (or 23:00) does not
//     cost the unit a day, and the unit always gets whole days for the rest
//     of its budget;
//   - weekends and holidays inside a pause are not working days anyway, so a
//     pause from Friday afternoon to Monday morning costs only Monday.
//
// This is fair to both sides: the unit never loses a day to a late answer,
// and cannot gain a day by a short pause during office hours; a pause pushes
// the deadline by one working day for each working day that begins (00:00)
// while it lasts.
//
// Pauses may overlap, be unsorted, or begin before start. If an open pause
// (zero End) stops the count before the n-th day is reached, the deadline is
// not known yet and ok is false; an open pause that begins after the clock
// was running at the start of the deadline day does not affect the deadline,
// which is then returned with ok true. An n below 1 is treated as 0 (the end
// of the day containing start, ok true).
//
// It runs in O(d + p log p) time for d days walked and p pauses.
func (c *Calendar) DeadlineWithPauses(start time.Time, n int, pauses []Interval) (deadline time.Time, ok bool) {
	d := c.DateOf(start)
	if n < 1 {
		return c.EndOfDay(d), true
	}
	paused := c.pausedDays(pauses)
	dn := d.dayNumber()
	wd := weekdayOf(dn)
	j := 0
	for count := 0; ; {
		dn++
		if wd++; wd == 7 {
			wd = 0
		}
		if !c.isWorking(dn, wd) {
			continue
		}
		for j < len(paused) && paused[j].last < dn {
			j++
		}
		if j < len(paused) && paused[j].first <= dn {
			if paused[j].open {
				return time.Time{}, false
			}
			continue // paused when the day began: does not count
		}
		count++
		if count == n {
			return c.EndOfDay(fromDayNumber(dn)), true
		}
	}
}

// dayRange is an inclusive range of day numbers whose first instant falls
// within a pause; open ranges never end.
type dayRange struct {
	first, last int64
	open        bool
}

// pausedDays converts pauses into the sorted, disjoint ranges of days that
// began while the clock was paused: day d is in the range of [Start, End)
// iff Start <= first instant of d < End.
func (c *Calendar) pausedDays(pauses []Interval) []dayRange {
	if len(pauses) == 0 {
		return nil
	}
	rs := make([]dayRange, 0, len(pauses))
	for _, iv := range pauses {
		if !iv.Open() && !iv.End.After(iv.Start) {
			continue // empty
		}
		sd := c.DateOf(iv.Start)
		r := dayRange{first: sd.dayNumber(), last: math.MaxInt64, open: iv.Open()}
		if !iv.Start.Equal(c.StartOfDay(sd)) {
			r.first++ // its own day began before the pause
		}
		if !r.open {
			ed := c.DateOf(iv.End)
			r.last = ed.dayNumber()
			if iv.End.Equal(c.StartOfDay(ed)) {
				r.last-- // resumed exactly as that day began
			}
			if r.last < r.first {
				continue // no day began during the pause
			}
		}
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b dayRange) int { return cmp.Compare(a.first, b.first) })
	out := rs[:0]
	for _, r := range rs {
		if k := len(out) - 1; k >= 0 && (out[k].open || r.first <= out[k].last+1) {
			if out[k].open {
				continue
			}
			if r.open {
				out[k].open, out[k].last = true, math.MaxInt64
			} else if r.last > out[k].last {
				out[k].last = r.last
			}
			continue
		}
		out = append(out, r)
	}
	return out
}
