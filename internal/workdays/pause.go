package workdays

import (
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
// was running when the day began (at its first instant, 00:00:00 in the
// calendar's time zone). The day containing start never counts, as in
// [Calendar.Deadline]. The deadline is the end (23:59:59) of the n-th
// counted day. So:
//
//   - with no pauses the result equals Deadline(start, n);
//   - a working day the clock spends wholly paused does not count;
//   - the day a pause begins counts (the clock ran when it began), and
//     a pause that begins and ends within one day changes nothing;
//   - the day the clock resumes does not count: resuming is treated like
//     receiving the report anew, whose day is free, so a reporter who answers
//     at 16:59 (or 23:00) does not cost the unit a day, and the unit always
//     gets whole days for the rest of its budget.
//
// This is fair to both sides: the unit never loses a day to a late answer,
// and cannot gain a day by a short pause during office hours; a pause gains
// one working day per working-day midnight (00:00 of a working day) it spans.
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
	ps := mergePauses(pauses)
	wd := d.Weekday()
	j := 0
	for count := 0; ; {
		d = d.next()
		wd = (wd + 1) % 7
		if !c.isWorking(d, wd) {
			continue
		}
		if j < len(ps) {
			t0 := c.StartOfDay(d)
			for j < len(ps) && !ps[j].open && !ps[j].end.After(t0) {
				j++ // pause ended at or before this day began
			}
			if j < len(ps) && !ps[j].start.After(t0) {
				if ps[j].open {
					return time.Time{}, false
				}
				continue // paused when the day began: does not count
			}
		}
		count++
		if count == n {
			return c.EndOfDay(d), true
		}
	}
}

// pause is a normalised Interval: [start, end), or [start, ∞) when open.
type pause struct {
	start, end time.Time
	open       bool
}

// mergePauses drops empty intervals and merges overlapping or touching ones
// into a sorted list of disjoint pauses.
func mergePauses(in []Interval) []pause {
	if len(in) == 0 {
		return nil
	}
	ps := make([]pause, 0, len(in))
	for _, iv := range in {
		if iv.Open() {
			ps = append(ps, pause{start: iv.Start, open: true})
		} else if iv.End.After(iv.Start) {
			ps = append(ps, pause{start: iv.Start, end: iv.End})
		}
	}
	slices.SortFunc(ps, func(a, b pause) int { return a.start.Compare(b.start) })
	out := ps[:0]
	for _, p := range ps {
		if k := len(out) - 1; k >= 0 && (out[k].open || !p.start.After(out[k].end)) {
			if out[k].open {
				continue
			}
			if p.open {
				out[k].open = true
				out[k].end = time.Time{}
			} else if p.end.After(out[k].end) {
				out[k].end = p.end
			}
			continue
		}
		out = append(out, p)
	}
	return out
}
