package workdays

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// wita is Bontang's zone, UTC+8 with no daylight saving. A fixed zone keeps
// the tests independent of the system tz database; TestAsiaMakassar checks
// the real zone when it is available.
var wita = time.FixedZone("WITA", 8*60*60)

func date(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

func TestParseDate(t *testing.T) {
	valid := []struct {
		in   string
		want Date
	}{
		{"2026-03-21", date(2026, 3, 21)},
		{"2026-01-01", date(2026, 1, 1)},
		{"2026-12-31", date(2026, 12, 31)},
		{"2024-02-29", date(2024, 2, 29)}, // leap year
		{"2000-02-29", date(2000, 2, 29)}, // divisible by 400
		{"0001-01-01", date(1, 1, 1)},
		{"9999-12-31", date(9999, 12, 31)},
	}
	for _, tc := range valid {
		got, err := ParseDate(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if got.String() != tc.in {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), tc.in)
		}
	}
	invalid := []string{
		"", "2026-02-30", "2026-02-29", "1900-02-29", "2026-2-3", "2026-02-3", "2026-13-01",
		"2026-00-10", "2026-01-00", "2026-04-31", "0000-01-01", "26-01-01", "2026/01/01",
		"20260101", " 2026-01-01", "2026-01-01 ", "2026-01-01T00:00", "+026-01-01", "2026-0a-01",
		"２０２６-01-01", "2026-01-1x", "-026-01-01",
	}
	for _, in := range invalid {
		if d, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v, want error", in, d)
		} else if !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseDate(%q) error %v does not wrap ErrInvalidDate", in, err)
		}
	}
}

func TestDateOf(t *testing.T) {
	tests := []struct {
		t    time.Time
		loc  *time.Location
		want Date
	}{
		// 16:00 UTC is already midnight of the next day in WITA.
		{time.Date(2026, 11, 26, 16, 0, 0, 0, time.UTC), wita, date(2026, 11, 27)},
		{time.Date(2026, 11, 26, 15, 59, 59, 999999999, time.UTC), wita, date(2026, 11, 26)},
		{time.Date(2026, 11, 26, 16, 0, 0, 0, time.UTC), time.UTC, date(2026, 11, 26)},
		{time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC), wita, date(2027, 1, 1)},
		// nil loc: the time's own location.
		{time.Date(2026, 3, 21, 0, 0, 0, 0, wita), nil, date(2026, 3, 21)},
	}
	for _, tc := range tests {
		if got := DateOf(tc.t, tc.loc); got != tc.want {
			t.Errorf("DateOf(%v, %v) = %v, want %v", tc.t, tc.loc, got, tc.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{date(2026, 1, 31), 1, date(2026, 2, 1)},
		{date(2026, 2, 28), 1, date(2026, 3, 1)},
		{date(2024, 2, 28), 1, date(2024, 2, 29)},
		{date(2026, 12, 31), 1, date(2027, 1, 1)},
		{date(2027, 1, 1), -1, date(2026, 12, 31)},
		{date(2026, 3, 18), 7, date(2026, 3, 25)},
		{date(2026, 1, 1), 365, date(2027, 1, 1)},
		{date(2026, 1, 1), 0, date(2026, 1, 1)},
		{date(2026, 2, 30), 0, date(2026, 3, 2)}, // normalised like time.Date
	}
	for _, tc := range tests {
		if got := tc.d.AddDays(tc.n); got != tc.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tc.d, tc.n, got, tc.want)
		}
	}
	if got := date(2026, 1, 1).DaysUntil(date(2027, 1, 1)); got != 365 {
		t.Errorf("DaysUntil = %d, want 365", got)
	}

	// Cross-check the civil-date arithmetic against package time over a
	// wide range of days, including before 1970 and across leap years.
	base := time.Date(1600, 1, 1, 12, 0, 0, 0, time.UTC)
	start := DateOf(base, time.UTC)
	d := start
	for i := 0; i < 400*366+10; i++ {
		tt := base.AddDate(0, 0, i)
		want := DateOf(tt, time.UTC)
		if d != want {
			t.Fatalf("day %d: iterated %v, want %v", i, d, want)
		}
		if i%97 == 0 {
			if got := start.AddDays(i); got != want {
				t.Fatalf("%v.AddDays(%d) = %v, want %v", start, i, got, want)
			}
			if got := want.AddDays(-i); got != start {
				t.Fatalf("%v.AddDays(%d) = %v, want %v", want, -i, got, start)
			}
		}
		if d.Weekday() != tt.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", d, d.Weekday(), tt.Weekday())
		}
		d = d.AddDays(1)
	}
}

func TestDateCompare(t *testing.T) {
	a, b := date(2026, 3, 21), date(2026, 3, 22)
	c := date(2025, 12, 31)
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Error("Before is wrong")
	}
	if !b.After(a) || a.After(b) || a.After(a) {
		t.Error("After is wrong")
	}
	if !a.Equal(a) || a.Equal(b) {
		t.Error("Equal is wrong")
	}
	if !c.Before(a) || a.Compare(c) != 1 || c.Compare(a) != -1 || a.Compare(a) != 0 {
		t.Error("Compare across years is wrong")
	}
	if !date(2026, 2, 1).After(date(2026, 1, 31)) {
		t.Error("Compare across months is wrong")
	}
}

func TestDateWeekdayAndValid(t *testing.T) {
	if got := date(2026, 11, 27).Weekday(); got != time.Friday {
		t.Errorf("2026-11-27 is %v, want Friday", got)
	}
	if got := date(2026, 4, 5).Weekday(); got != time.Sunday {
		t.Errorf("2026-04-05 is %v, want Sunday", got)
	}
	for _, d := range []Date{{}, date(2026, 2, 29), date(2026, 0, 1), date(2026, 13, 1), date(0, 1, 1), date(10000, 1, 1), date(2026, 1, 32)} {
		if d.Valid() {
			t.Errorf("%v.Valid() = true", d)
		}
	}
	if !(Date{}).IsZero() || date(2026, 1, 1).IsZero() {
		t.Error("IsZero is wrong")
	}
	if got := date(2026, 3, 21).In(wita); !got.Equal(time.Date(2026, 3, 20, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("In(wita) = %v", got)
	}
	if got := date(2026, 3, 21).In(nil); got.Location() != time.UTC || got.Day() != 21 {
		t.Errorf("In(nil) = %v", got)
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		Due Date `json:"due"`
	}
	b, err := json.Marshal(doc{Due: date(2026, 3, 25)})
	if err != nil || string(b) != `{"due":"2026-03-25"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var got doc
	if err := json.Unmarshal(b, &got); err != nil || got.Due != date(2026, 3, 25) {
		t.Fatalf("Unmarshal = %v, %v", got, err)
	}
	if err := json.Unmarshal([]byte(`{"due":"2026-02-30"}`), &got); err == nil {
		t.Error("Unmarshal accepted 2026-02-30")
	}
	if _, err := json.Marshal(doc{}); err == nil {
		t.Error("Marshal accepted the zero Date")
	}
}
