package workdays

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestDeadlineWithPauses(t *testing.T) {
	c := cal2026(t)
	// Monday 2026-11-02 10:00 WITA, 5 HK: without pauses due Monday 11-09.
	start := at(2026, 11, 2, 10, 0, 0)
	iv := func(a, b time.Time) Interval { return Interval{Start: a, End: b} }
	open := func(a time.Time) Interval { return Interval{Start: a} }
	tests := []struct {
		name   string
		start  time.Time
		n      int
		pauses []Interval
		want   time.Time // zero: ok must be false
	}{
		{"no pauses", start, 5, nil, endOf(2026, 11, 9)},
		{"empty slice", start, 5, []Interval{}, endOf(2026, 11, 9)},
		{"pause within one day changes nothing", start, 5,
			[]Interval{iv(at(2026, 11, 3, 9, 0, 0), at(2026, 11, 3, 15, 0, 0))}, endOf(2026, 11, 9)},
		{"pause on the start day only", start, 5,
			[]Interval{iv(at(2026, 11, 2, 11, 0, 0), at(2026, 11, 2, 23, 0, 0))}, endOf(2026, 11, 9)},
		{"overnight pause: resume day does not count", start, 5,
			[]Interval{iv(at(2026, 11, 3, 10, 0, 0), at(2026, 11, 4, 9, 0, 0))}, endOf(2026, 11, 10)},
		{"late answer (23:00) does not cost the unit the day", start, 5,
			[]Interval{iv(at(2026, 11, 3, 10, 0, 0), at(2026, 11, 4, 23, 0, 0))}, endOf(2026, 11, 10)},
		{"two-night pause", start, 5,
			[]Interval{iv(at(2026, 11, 3, 10, 0, 0), at(2026, 11, 5, 10, 0, 0))}, endOf(2026, 11, 11)},
		{"pause spanning a weekend costs only Monday", start, 5,
			[]Interval{iv(at(2026, 11, 6, 15, 0, 0), at(2026, 11, 9, 8, 0, 0))}, endOf(2026, 11, 10)},
		{"pause ending on Saturday changes nothing", start, 5,
			[]Interval{iv(at(2026, 11, 6, 15, 0, 0), at(2026, 11, 7, 10, 0, 0))}, endOf(2026, 11, 9)},
		{"pause ending exactly at midnight: that day counts", start, 5,
			[]Interval{iv(at(2026, 11, 3, 10, 0, 0), at(2026, 11, 4, 0, 0, 0))}, endOf(2026, 11, 9)},
		{"pause starting exactly at midnight: that day does not count", start, 5,
			[]Interval{iv(at(2026, 11, 4, 0, 0, 0), at(2026, 11, 4, 12, 0, 0))}, endOf(2026, 11, 10)},
		{"pause covering the start", start, 5,
			[]Interval{iv(at(2026, 11, 1, 10, 0, 0), at(2026, 11, 3, 11, 0, 0))}, endOf(2026, 11, 10)},
		{"pause before the start is irrelevant", start, 5,
			[]Interval{iv(at(2026, 10, 20, 10, 0, 0), at(2026, 10, 28, 11, 0, 0))}, endOf(2026, 11, 9)},
		{"pause after the deadline is irrelevant", start, 5,
			[]Interval{iv(at(2026, 11, 10, 10, 0, 0), at(2026, 11, 20, 11, 0, 0))}, endOf(2026, 11, 9)},
		{"pause on the deadline day does not move it", start, 5,
			[]Interval{iv(at(2026, 11, 9, 10, 0, 0), at(2026, 11, 12, 11, 0, 0))}, endOf(2026, 11, 9)},
		{"overlapping unsorted pauses are merged", start, 5, []Interval{
			iv(at(2026, 11, 4, 8, 0, 0), at(2026, 11, 5, 12, 0, 0)),
			iv(at(2026, 11, 3, 10, 0, 0), at(2026, 11, 4, 9, 0, 0)),
		}, endOf(2026, 11, 11)},
		{"nested pauses", start, 5, []Interval{
			iv(at(2026, 11, 3, 10, 0, 0), at(2026, 11, 6, 12, 0, 0)),
			iv(at(2026, 11, 4, 10, 0, 0), at(2026, 11, 5, 12, 0, 0)),
		}, endOf(2026, 11, 12)},
		{"two separate pauses add up", start, 5, []Interval{
			iv(at(2026, 11, 3, 16, 0, 0), at(2026, 11, 4, 9, 0, 0)),
			iv(at(2026, 11, 5, 16, 0, 0), at(2026, 11, 6, 9, 0, 0)),
		}, endOf(2026, 11, 11)},
		{"touching pauses", start, 5, []Interval{
			iv(at(2026, 11, 3, 16, 0, 0), at(2026, 11, 4, 9, 0, 0)),
			iv(at(2026, 11, 4, 9, 0, 0), at(2026, 11, 5, 9, 0, 0)),
		}, endOf(2026, 11, 11)},
		{"empty and reversed intervals are ignored", start, 5, []Interval{
			iv(at(2026, 11, 3, 10, 0, 0), at(2026, 11, 3, 10, 0, 0)),
			iv(at(2026, 11, 5, 10, 0, 0), at(2026, 11, 3, 10, 0, 0)),
		}, endOf(2026, 11, 9)},
		{"pause given in UTC crossing WITA midnight", start, 5,
			[]Interval{iv(time.Date(2026, 11, 3, 15, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 17, 0, 0, 0, time.UTC))}, endOf(2026, 11, 10)},
		{"pause in UTC within one WITA day", start, 5,
			[]Interval{iv(time.Date(2026, 11, 3, 1, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC))}, endOf(2026, 11, 9)},
		{"holidays inside a pause are not counted twice", at(2026, 12, 23, 10, 0, 0), 2,
			[]Interval{iv(at(2026, 12, 23, 12, 0, 0), at(2026, 12, 28, 10, 0, 0))}, endOf(2026, 12, 30)},
		{"pause over the Idul Fitri block", at(2026, 3, 16, 10, 0, 0), 2,
			[]Interval{iv(at(2026, 3, 17, 10, 0, 0), at(2026, 3, 25, 10, 0, 0))}, endOf(2026, 3, 26)},
		{"long pause of several weeks", start, 5,
			[]Interval{iv(at(2026, 11, 3, 10, 0, 0), at(2026, 11, 30, 10, 0, 0))}, endOf(2026, 12, 4)},
		{"open pause before the deadline", start, 5,
			[]Interval{open(at(2026, 11, 4, 10, 0, 0))}, time.Time{}},
		{"open pause covering the start", start, 5,
			[]Interval{open(at(2026, 11, 1, 10, 0, 0))}, time.Time{}},
		{"open pause after the deadline day began", start, 5,
			[]Interval{open(at(2026, 11, 9, 10, 0, 0))}, endOf(2026, 11, 9)},
		{"open pause at the deadline day's midnight", start, 5,
			[]Interval{open(at(2026, 11, 9, 0, 0, 0))}, time.Time{}},
		{"open pause on Saturday before a Monday deadline", start, 5,
			[]Interval{open(at(2026, 11, 7, 10, 0, 0))}, time.Time{}},
		{"closed pause then open pause", start, 5, []Interval{
			iv(at(2026, 11, 3, 16, 0, 0), at(2026, 11, 4, 9, 0, 0)),
			open(at(2026, 11, 6, 10, 0, 0)),
		}, time.Time{}},
		{"closed pause overlapping an open one", start, 5, []Interval{
			open(at(2026, 11, 5, 10, 0, 0)),
			iv(at(2026, 11, 3, 16, 0, 0), at(2026, 11, 6, 9, 0, 0)),
		}, time.Time{}},
		{"n=1 with an overnight pause", start, 1,
			[]Interval{iv(at(2026, 11, 2, 16, 0, 0), at(2026, 11, 3, 9, 0, 0))}, endOf(2026, 11, 4)},
		{"n=0 ignores pauses", start, 0,
			[]Interval{open(at(2026, 11, 1, 10, 0, 0))}, endOf(2026, 11, 2)},
		{"n=60 with a week-long pause", at(2026, 3, 2, 8, 0, 0), 60,
			[]Interval{iv(at(2026, 4, 6, 9, 0, 0), at(2026, 4, 13, 9, 0, 0))}, endOf(2026, 6, 18)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := c.DeadlineWithPauses(tc.start, tc.n, tc.pauses)
			if tc.want.IsZero() {
				if ok || !got.IsZero() {
					t.Fatalf("got %v, %v; want zero, false", got, ok)
				}
				return
			}
			if !ok || !got.Equal(tc.want) {
				t.Fatalf("got %v, %v; want %v, true", got, ok, tc.want)
			}
			if got.Location() != wita {
				t.Errorf("location = %v", got.Location())
			}
			if want, _ := referenceDeadlineWithPauses(c, tc.start, tc.n, tc.pauses); !got.Equal(want) {
				t.Errorf("reference says %v", want)
			}
		})
	}
}

// referenceDeadlineWithPauses is a direct transcription of the documented
// rule, without merging or sweeping.
func referenceDeadlineWithPauses(c *Calendar, start time.Time, n int, pauses []Interval) (time.Time, bool) {
	d := c.DateOf(start)
	if n < 1 {
		return c.EndOfDay(d), true
	}
	for count := 0; ; {
		d = d.AddDays(1)
		if !c.IsWorkingDay(d) {
			continue
		}
		t0 := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, c.Location())
		paused, openPause := false, false
		for _, p := range pauses {
			if p.End.IsZero() {
				if !p.Start.After(t0) {
					paused, openPause = true, true
				}
			} else if !p.Start.After(t0) && t0.Before(p.End) {
				paused = true
			}
		}
		if openPause {
			return time.Time{}, false
		}
		if paused {
			continue
		}
		count++
		if count == n {
			return c.EndOfDay(d), true
		}
	}
}

func TestDeadlineWithPausesProperty(t *testing.T) {
	c := cal2026(t)
	r := rand.New(rand.NewPCG(3, 4))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, wita).Unix()
	span := int64(330 * 24 * 3600)
	for range 4000 {
		start := time.Unix(base+r.Int64N(span), 0).In(wita)
		n := 1 + r.IntN(30)
		var pauses []Interval
		for range r.IntN(5) {
			s := start.Add(time.Duration(r.Int64N(40*24*3600)-5*24*3600) * time.Second)
			var e time.Time
			switch r.IntN(8) {
			case 0:
				// open
			case 1:
				// exactly at a midnight
				e = time.Date(s.Year(), s.Month(), s.Day()+1+r.IntN(3), 0, 0, 0, 0, wita)
			default:
				e = s.Add(time.Duration(r.Int64N(6*24*3600)) * time.Second)
			}
			pauses = append(pauses, Interval{Start: s, End: e})
		}
		got, ok := c.DeadlineWithPauses(start, n, pauses)
		want, wantOK := referenceDeadlineWithPauses(c, start, n, pauses)
		if ok != wantOK || !got.Equal(want) {
			t.Fatalf("DeadlineWithPauses(%v, %d, %v) = %v, %v; reference %v, %v", start, n, pauses, got, ok, want, wantOK)
		}
		if !ok {
			continue
		}
		plain := c.Deadline(start, n)
		if got.Before(plain) {
			t.Fatalf("pauses moved the deadline earlier: %v < %v", got, plain)
		}
		if !c.IsWorkingDay(c.DateOf(got)) {
			t.Fatalf("deadline %v is not a working day", got)
		}
	}
}

func BenchmarkDeadlineWithPauses(b *testing.B) {
	c := New(wita, Default2026())
	start := at(2026, 3, 2, 10, 0, 0)
	pauses := []Interval{
		{Start: at(2026, 3, 5, 10, 0, 0), End: at(2026, 3, 9, 10, 0, 0)},
		{Start: at(2026, 4, 1, 10, 0, 0), End: at(2026, 4, 2, 10, 0, 0)},
	}
	for b.Loop() {
		c.DeadlineWithPauses(start, 60, pauses)
	}
}
