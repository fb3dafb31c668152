package workdays

import (
	"math/rand/v2"
	"testing"
	"time"
)

func cal2026(t testing.TB) *Calendar {
	t.Helper()
	hs := Default2026()
	if len(hs) != 25 {
		t.Fatalf("Default2026() has %d holidays, want 25", len(hs))
	}
	return New(wita, hs)
}

// at builds a WITA time.
func at(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, wita)
}

// endOf is 23:59:59 WITA of the given day.
func endOf(y int, m time.Month, d int) time.Time { return at(y, m, d, 23, 59, 59) }

// naiveAdd is an independent reference: walk day by day with package time.
func naiveAdd(c *Calendar, d Date, n int) Date {
	t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		dd := DateOf(t, time.UTC)
		if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
			continue
		}
		if _, off := c.Holiday(dd); off {
			continue
		}
		n--
	}
	return DateOf(t, time.UTC)
}

func naiveCount(c *Calendar, from, to Date) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

func TestDefault2026(t *testing.T) {
	hs := Default2026()
	if len(hs) != 25 {
		t.Fatalf("got %d holidays, want 25", len(hs))
	}
	kinds := map[HolidayKind]int{}
	for i, h := range hs {
		kinds[h.Kind]++
		if i > 0 && !hs[i-1].Date.Before(h.Date) {
			t.Errorf("not sorted at %d: %v then %v", i, hs[i-1].Date, h.Date)
		}
		if h.Date.Year != 2026 || h.Name == "" {
			t.Errorf("bad holiday %+v", h)
		}
	}
	if kinds[KindLiburNasional] != 17 || kinds[KindCutiBersama] != 8 {
		t.Errorf("kinds = %v, want 17 libur_nasional and 8 cuti_bersama", kinds)
	}
	// Each call returns a fresh copy.
	hs[0].Name = "changed"
	if Default2026()[0].Name != "Tahun Baru 2026 Masehi" {
		t.Error("Default2026 returned shared storage")
	}
}

func TestIsWorkingDayEachHoliday(t *testing.T) {
	c := cal2026(t)
	for _, h := range Default2026() {
		if c.IsWorkingDay(h.Date) {
			t.Errorf("%v (%s) is a working day", h.Date, h.Name)
		}
		got, ok := c.Holiday(h.Date)
		if !ok || got != h {
			t.Errorf("Holiday(%v) = %+v, %v; want %+v", h.Date, got, ok, h)
		}
		// The same weekday a week earlier and later is not a holiday unless
		// listed, and is a working day unless it falls on a weekend.
		for _, d := range []Date{h.Date.AddDays(-7), h.Date.AddDays(7)} {
			_, listed := c.Holiday(d)
			wd := d.Weekday()
			want := !listed && wd != time.Saturday && wd != time.Sunday
			if got := c.IsWorkingDay(d); got != want {
				t.Errorf("IsWorkingDay(%v) = %v, want %v", d, got, want)
			}
		}
	}
	// 2026 has 261 weekdays; 21 of the 25 holidays fall on one.
	n := 0
	for d := date(2026, 1, 1); d.Year == 2026; d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	if n != 240 {
		t.Errorf("2026 has %d working days, want 240", n)
	}
}

func TestIsWorkingDay(t *testing.T) {
	c := cal2026(t)
	tests := []struct {
		d    string
		want bool
	}{
		{"2026-11-27", true},  // Friday
		{"2026-11-28", false}, // Saturday
		{"2026-11-29", false}, // Sunday
		{"2026-11-30", true},  // Monday
		{"2026-01-01", false}, // Tahun Baru, Thursday
		{"2026-01-02", true},
		{"2026-01-16", false}, // Isra Mikraj, Friday
		{"2026-02-16", false}, // cuti bersama Imlek
		{"2026-02-17", false}, // Imlek
		{"2026-02-18", true},
		{"2026-03-17", true}, // day before the Idul Fitri block
		{"2026-03-18", false},
		{"2026-03-19", false},
		{"2026-03-20", false},
		{"2026-03-21", false},
		{"2026-03-22", false},
		{"2026-03-23", false},
		{"2026-03-24", false},
		{"2026-03-25", true}, // first working day after it
		{"2026-04-05", false},
		{"2026-04-06", true},
		{"2026-12-24", false},
		{"2026-12-25", false},
		{"2026-12-28", true},
		{"2026-12-31", true},
		{"2027-01-01", true}, // no 2027 list loaded: weekends only
		{"2027-01-02", false},
		{"2025-12-31", true},
	}
	for _, tc := range tests {
		if got := c.IsWorkingDay(mustDate(t, tc.d)); got != tc.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tc.d, got, tc.want)
		}
	}
	if h, ok := c.Holiday(date(2026, 4, 5)); !ok || h.Name != "Kebangkitan Yesus Kristus (Paskah)" {
		t.Errorf("Holiday on Sunday 2026-04-05 = %+v, %v", h, ok)
	}
	if _, ok := c.Holiday(date(2026, 4, 6)); ok {
		t.Error("Holiday(2026-04-06) reported a holiday")
	}
	// An impossible date is normalised (2026-03-32 is 2026-04-01, a Wednesday).
	if !c.IsWorkingDay(date(2026, 3, 32)) {
		t.Error("IsWorkingDay(2026-03-32) = false")
	}
}

func TestNew(t *testing.T) {
	hs := []Holiday{
		{Date: date(2026, 6, 1), Kind: KindLiburNasional, Name: "first"},
		{Date: date(2026, 6, 1), Kind: KindOther, Name: "second"},
		{Date: date(2026, 2, 30), Kind: KindOther, Name: "invalid"},
		{Date: date(2026, 6, 2), Kind: KindLiburDaerah, Name: "HUT Kota Bontang (example)"},
		{Date: date(2026, 6, 3), Kind: KindOther, Name: "closure"},
	}
	c := New(nil, hs)
	if c.Location() != time.UTC {
		t.Errorf("Location() = %v, want UTC", c.Location())
	}
	if h, _ := c.Holiday(date(2026, 6, 1)); h.Name != "first" {
		t.Errorf("duplicate date: got %q, want the first", h.Name)
	}
	if !c.IsWorkingDay(date(2026, 3, 2)) {
		t.Error("an invalid holiday date leaked into the calendar")
	}
	for _, d := range []Date{date(2026, 6, 2), date(2026, 6, 3)} {
		if c.IsWorkingDay(d) {
			t.Errorf("%v: every listed kind must be a day off", d)
		}
	}
	if got := len(c.Holidays()); got != 3 {
		t.Errorf("Holidays() has %d entries, want 3", got)
	}
	hs[0].Name = "mutated"
	if h, _ := c.Holiday(date(2026, 6, 1)); h.Name != "first" {
		t.Error("New did not copy the holidays")
	}
	if got := cal2026(t).Location(); got != wita {
		t.Errorf("Location() = %v", got)
	}
}

func TestDeadline(t *testing.T) {
	c := cal2026(t)
	tests := []struct {
		name  string
		start time.Time
		n     int
		want  time.Time
	}{
		{"spec example: Friday, over the weekend", at(2026, 11, 27, 10, 0, 0), 3, endOf(2026, 12, 2)},
		{"n=1 midweek", at(2026, 11, 25, 9, 0, 0), 1, endOf(2026, 11, 26)},
		{"n=1 on Friday", at(2026, 11, 27, 9, 0, 0), 1, endOf(2026, 11, 30)},
		{"start Saturday", at(2026, 11, 28, 9, 0, 0), 1, endOf(2026, 11, 30)},
		{"start Sunday", at(2026, 11, 29, 23, 0, 0), 3, endOf(2026, 12, 2)},
		{"start on a holiday", at(2026, 1, 1, 8, 0, 0), 1, endOf(2026, 1, 2)},
		{"start on a holiday n=5", at(2026, 1, 1, 8, 0, 0), 5, endOf(2026, 1, 8)},
		{"Isra Mikraj Friday", at(2026, 1, 15, 14, 0, 0), 1, endOf(2026, 1, 19)},
		{"Imlek with cuti bersama", at(2026, 2, 13, 14, 0, 0), 1, endOf(2026, 2, 18)},
		{"Idul Fitri block n=1", at(2026, 3, 17, 10, 0, 0), 1, endOf(2026, 3, 25)},
		{"Idul Fitri block n=2", at(2026, 3, 16, 10, 0, 0), 2, endOf(2026, 3, 25)},
		{"start inside Idul Fitri block", at(2026, 3, 21, 10, 0, 0), 1, endOf(2026, 3, 25)},
		{"start last day of block", at(2026, 3, 24, 23, 59, 59), 1, endOf(2026, 3, 25)},
		{"Wafat Yesus Kristus", at(2026, 4, 2, 10, 0, 0), 1, endOf(2026, 4, 6)},
		{"Paskah on Sunday", at(2026, 4, 4, 10, 0, 0), 1, endOf(2026, 4, 6)},
		{"Hari Buruh", at(2026, 4, 30, 10, 0, 0), 1, endOf(2026, 5, 4)},
		{"Kenaikan + cuti bersama", at(2026, 5, 13, 10, 0, 0), 1, endOf(2026, 5, 18)},
		{"Idul Adha + cuti bersama", at(2026, 5, 26, 10, 0, 0), 1, endOf(2026, 5, 29)},
		{"Waisak Sunday + Pancasila Monday", at(2026, 5, 29, 10, 0, 0), 1, endOf(2026, 6, 2)},
		{"1 Muharam", at(2026, 6, 15, 10, 0, 0), 1, endOf(2026, 6, 17)},
		{"Proklamasi", at(2026, 8, 14, 10, 0, 0), 1, endOf(2026, 8, 18)},
		{"Maulid", at(2026, 8, 24, 10, 0, 0), 1, endOf(2026, 8, 26)},
		{"Christmas", at(2026, 12, 23, 10, 0, 0), 1, endOf(2026, 12, 28)},
		{"into 2027 (weekends only)", at(2026, 12, 23, 10, 0, 0), 5, endOf(2027, 1, 1)},
		{"into 2027 over a weekend", at(2026, 12, 23, 10, 0, 0), 6, endOf(2027, 1, 4)},
		{"year end start", at(2026, 12, 31, 16, 0, 0), 1, endOf(2027, 1, 1)},
		{"n=60 from January", at(2026, 1, 2, 8, 0, 0), 60, endOf(2026, 4, 9)},
		{"n=60 over Idul Fitri", at(2026, 3, 2, 8, 0, 0), 60, endOf(2026, 6, 10)},
		{"n=60 to Christmas", at(2026, 10, 1, 8, 0, 0), 60, endOf(2026, 12, 28)},
		{"23:59:59 local counts as that day", at(2026, 11, 26, 23, 59, 59), 3, endOf(2026, 12, 1)},
		{"00:00:00 local is the next day", at(2026, 11, 27, 0, 0, 0), 3, endOf(2026, 12, 2)},
		{"UTC 15:59:59 is 23:59:59 WITA Thursday", time.Date(2026, 11, 26, 15, 59, 59, 0, time.UTC), 3, endOf(2026, 12, 1)},
		{"UTC 16:00 Thursday is Friday in WITA", time.Date(2026, 11, 26, 16, 0, 0, 0, time.UTC), 3, endOf(2026, 12, 2)},
		{"UTC Sunday 16:00 is Monday in WITA", time.Date(2026, 11, 29, 16, 0, 0, 0, time.UTC), 1, endOf(2026, 12, 1)},
		{"UTC on the eve of a holiday in WITA", time.Date(2025, 12, 31, 16, 30, 0, 0, time.UTC), 1, endOf(2026, 1, 2)},
		{"n=0 is the end of the start day", at(2026, 11, 28, 10, 0, 0), 0, endOf(2026, 11, 28)},
		{"negative n is treated as 0", at(2026, 11, 27, 10, 0, 0), -3, endOf(2026, 11, 27)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := c.Deadline(tc.start, tc.n)
			if !got.Equal(tc.want) {
				t.Fatalf("Deadline(%v, %d) = %v, want %v", tc.start, tc.n, got, tc.want)
			}
			if got.Location() != wita {
				t.Errorf("deadline location = %v, want the calendar's", got.Location())
			}
			if h, m, s := got.Clock(); h != 23 || m != 59 || s != 59 || got.Nanosecond() != 0 {
				t.Errorf("deadline %v is not 23:59:59", got)
			}
			if tc.n >= 1 {
				if d := c.DateOf(got); !c.IsWorkingDay(d) {
					t.Errorf("deadline day %v is not a working day", d)
				}
				if n := c.WorkingDaysBetween(tc.start, got); n != tc.n {
					t.Errorf("WorkingDaysBetween(start, deadline) = %d, want %d", n, tc.n)
				}
			}
		})
	}
}

func TestAsiaMakassar(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatalf("time zone Asia/Makassar: %v (time/tzdata is embedded, so this cannot depend on the machine)", err)
	}
	c := New(loc, Default2026())
	got := c.Deadline(time.Date(2026, 3, 17, 2, 0, 0, 0, time.UTC), 1)
	want := time.Date(2026, 3, 25, 23, 59, 59, 0, loc)
	if !got.Equal(want) || got.Location() != loc {
		t.Errorf("Deadline = %v, want %v", got, want)
	}
	if got.Format("2006-01-02 15:04:05 MST") != "2026-03-25 23:59:59 WITA" {
		t.Errorf("formatted = %s", got.Format("2006-01-02 15:04:05 MST"))
	}
}

func TestDeadlineDST(t *testing.T) {
	// The calendar works in zones with daylight saving too: the deadline is
	// 23:59:59 local wall time.
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatalf("time zone Europe/Berlin: %v (time/tzdata is embedded, so this cannot depend on the machine)", err)
	}
	c := New(loc, nil)
	// Friday 2026-03-27; clocks go forward on Sunday 2026-03-29.
	got := c.Deadline(time.Date(2026, 3, 27, 12, 0, 0, 0, loc), 1)
	if want := time.Date(2026, 3, 30, 23, 59, 59, 0, loc); !got.Equal(want) {
		t.Errorf("Deadline = %v, want %v", got, want)
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := cal2026(t)
	tests := []struct {
		d    string
		n    int
		want string
	}{
		{"2026-11-27", 0, "2026-11-27"},
		{"2026-11-28", 0, "2026-11-28"}, // n=0 is d itself, even on a weekend
		{"2026-11-27", 1, "2026-11-30"},
		{"2026-11-27", 3, "2026-12-02"},
		{"2026-03-17", 1, "2026-03-25"},
		{"2026-12-31", 1, "2027-01-01"},
		{"2026-12-31", 2, "2027-01-04"},
		{"2026-03-25", -1, "2026-03-17"},
		{"2026-11-30", -1, "2026-11-27"},
		{"2026-01-05", -2, "2025-12-31"},
		{"2026-01-02", 60, "2026-04-09"},
	}
	for _, tc := range tests {
		if got := c.AddWorkingDays(mustDate(t, tc.d), tc.n); got.String() != tc.want {
			t.Errorf("AddWorkingDays(%s, %d) = %v, want %s", tc.d, tc.n, got, tc.want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := cal2026(t)
	tests := []struct {
		name     string
		from, to time.Time
		want     int
	}{
		{"same instant", at(2026, 11, 27, 10, 0, 0), at(2026, 11, 27, 10, 0, 0), 0},
		{"same day", at(2026, 11, 27, 0, 0, 0), at(2026, 11, 27, 23, 59, 59), 0},
		{"to before from", at(2026, 12, 2, 0, 0, 0), at(2026, 11, 27, 0, 0, 0), 0},
		{"Friday to Monday", at(2026, 11, 27, 10, 0, 0), at(2026, 11, 30, 1, 0, 0), 1},
		{"Friday to Sunday", at(2026, 11, 27, 10, 0, 0), at(2026, 11, 29, 1, 0, 0), 0},
		{"over Idul Fitri", at(2026, 3, 17, 10, 0, 0), at(2026, 3, 25, 8, 0, 0), 1},
		{"inside Idul Fitri", at(2026, 3, 18, 10, 0, 0), at(2026, 3, 24, 8, 0, 0), 0},
		{"whole year 2026", at(2025, 12, 31, 12, 0, 0), at(2026, 12, 31, 12, 0, 0), 240},
		{"into 2027", at(2026, 12, 23, 10, 0, 0), at(2027, 1, 8, 10, 0, 0), 10},
		{"UTC instants by WITA days", time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC), time.Date(2026, 11, 26, 16, 0, 0, 0, time.UTC), 1},
	}
	for _, tc := range tests {
		if got := c.WorkingDaysBetween(tc.from, tc.to); got != tc.want {
			t.Errorf("%s: WorkingDaysBetween = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestCountWorkingDaysMatchesNaive(t *testing.T) {
	c := cal2026(t)
	r := rand.New(rand.NewPCG(1, 2))
	base := date(2025, 10, 1)
	for range 3000 {
		from := base.AddDays(r.IntN(600))
		to := from.AddDays(r.IntN(200) - 20)
		if got, want := c.CountWorkingDays(from, to), naiveCount(c, from, to); got != want {
			t.Fatalf("CountWorkingDays(%v, %v) = %d, want %d", from, to, got, want)
		}
	}
	// Far from the epoch and before it.
	for _, from := range []Date{date(1900, 1, 1), date(1969, 12, 25), date(2400, 2, 20)} {
		to := from.AddDays(100)
		if got, want := c.CountWorkingDays(from, to), naiveCount(c, from, to); got != want {
			t.Errorf("CountWorkingDays(%v, %v) = %d, want %d", from, to, got, want)
		}
	}
}

// TestDeadlineProperty: for random starts and n, the deadline is a working
// day, exactly n working days follow the start day up to it, it agrees with
// an independent day-by-day walk, and no earlier day would do.
func TestDeadlineProperty(t *testing.T) {
	cals := map[string]*Calendar{
		"2026 list": cal2026(t),
		"no list":   New(wita, nil),
	}
	for name, c := range cals {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(42, 7))
			from := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC).Unix()
			to := time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC).Unix()
			for range 5000 {
				start := time.Unix(from+r.Int64N(to-from), 0).UTC()
				n := 1 + r.IntN(70)
				dl := c.Deadline(start, n)
				day := c.DateOf(dl)
				if !c.IsWorkingDay(day) {
					t.Fatalf("Deadline(%v, %d) = %v: not a working day", start, n, dl)
				}
				if got := c.WorkingDaysBetween(start, dl); got != n {
					t.Fatalf("WorkingDaysBetween(%v, Deadline) = %d, want %d", start, got, n)
				}
				if got := c.WorkingDaysBetween(start, dl.Add(-24*time.Hour)); got != n-1 {
					t.Fatalf("a day before Deadline(%v, %d) already has %d working days", start, n, got)
				}
				if want := naiveAdd(c, c.DateOf(start), n); day != want {
					t.Fatalf("Deadline(%v, %d) = %v, reference says %v", start, n, day, want)
				}
				if !dl.After(start) {
					t.Fatalf("Deadline(%v, %d) = %v is not after start", start, n, dl)
				}
				if dl2, ok := c.DeadlineWithPauses(start, n, nil); !ok || !dl2.Equal(dl) {
					t.Fatalf("DeadlineWithPauses without pauses = %v, %v; want %v", dl2, ok, dl)
				}
			}
		})
	}
}

func BenchmarkDeadline(b *testing.B) {
	c := New(wita, Default2026())
	start := at(2026, 3, 2, 10, 0, 0)
	for _, n := range []int{5, 60} {
		b.Run(map[int]string{5: "n=5", 60: "n=60"}[n], func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				c.Deadline(start.Add(time.Duration(i%300)*24*time.Hour), n)
			}
		})
	}
}

func BenchmarkIsWorkingDay(b *testing.B) {
	c := New(wita, Default2026())
	d := date(2026, 1, 1)
	for i := 0; b.Loop(); i++ {
		c.IsWorkingDay(d.AddDays(i % 365))
	}
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	c := New(wita, Default2026())
	from, to := at(2026, 1, 2, 10, 0, 0), at(2026, 12, 30, 10, 0, 0)
	for b.Loop() {
		c.WorkingDaysBetween(from, to)
	}
}

// TestWideHolidaySpan covers calendars whose holidays span too many years
// for the bitmap index (the binary-search fallback).
func TestWideHolidaySpan(t *testing.T) {
	hs := append(Default2026(),
		Holiday{Date: date(1800, 1, 1), Kind: KindOther, Name: "Wednesday"},
		Holiday{Date: date(2300, 1, 2), Kind: KindOther, Name: "Wednesday"},
	)
	wide, narrow := New(wita, hs), cal2026(t)
	if wide.offBits != nil || narrow.offBits == nil {
		t.Fatalf("index choice: wide bitmap %v, narrow bitmap %v", wide.offBits != nil, narrow.offBits != nil)
	}
	for _, d := range []Date{date(1800, 1, 1), date(2300, 1, 2)} {
		if wide.IsWorkingDay(d) || !narrow.IsWorkingDay(d) {
			t.Errorf("%v: wide %v, narrow %v", d, wide.IsWorkingDay(d), narrow.IsWorkingDay(d))
		}
	}
	for d := date(2025, 12, 1); d.Year < 2027 || d.Month < 2; d = d.AddDays(1) {
		if wide.IsWorkingDay(d) != narrow.IsWorkingDay(d) {
			t.Fatalf("%v differs", d)
		}
		if a, b := wide.AddWorkingDays(d, 7), narrow.AddWorkingDays(d, 7); a != b {
			t.Fatalf("AddWorkingDays(%v, 7): %v vs %v", d, a, b)
		}
	}
}
