package workdays

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
)

// ics wraps lines (joined with CRLF) into a VCALENDAR; the first event line
// is therefore line 4.
func ics(lines ...string) string {
	all := append([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"}, lines...)
	all = append(all, "END:VCALENDAR")
	return strings.Join(all, "\r\n") + "\r\n"
}

func event(lines ...string) []string {
	return append(append([]string{"BEGIN:VEVENT"}, lines...), "END:VEVENT")
}

func events(evs ...[]string) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e...)
	}
	return out
}

func TestParseICal(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Holiday
	}{
		{"no events", ics(), []Holiday{}},
		{"all-day event", ics(event("UID:1", "DTSTART;VALUE=DATE:20260101", "DTEND;VALUE=DATE:20260102", "SUMMARY:Tahun Baru 2026 Masehi")...),
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, "Tahun Baru 2026 Masehi"}}},
		{"date without VALUE and no DTEND", ics(event("DTSTART:20260116", "SUMMARY:Isra Mikraj")...),
			[]Holiday{{date(2026, 1, 16), KindLiburNasional, "Isra Mikraj"}}},
		{"UTC date-time takes the written date", ics(event("DTSTART:20260817T000000Z", "SUMMARY:Proklamasi")...),
			[]Holiday{{date(2026, 8, 17), KindLiburNasional, "Proklamasi"}}},
		{"date-time with TZID", ics(event("DTSTART;TZID=Asia/Makassar:20260825T080000", "DTEND;TZID=Asia/Makassar:20260825T170000", "SUMMARY:Maulid")...),
			[]Holiday{{date(2026, 8, 25), KindLiburNasional, "Maulid"}}},
		{"cuti bersama by summary, case-insensitive", ics(event("DTSTART;VALUE=DATE:20261224", "SUMMARY:CUTI Bersama Kelahiran Yesus Kristus")...),
			[]Holiday{{date(2026, 12, 24), KindCutiBersama, "CUTI Bersama Kelahiran Yesus Kristus"}}},
		{"multi-day event, DTEND exclusive", ics(event("DTSTART;VALUE=DATE:20260320", "DTEND;VALUE=DATE:20260325", "SUMMARY:Libur Idul Fitri")...),
			[]Holiday{
				{date(2026, 3, 20), KindLiburNasional, "Libur Idul Fitri"},
				{date(2026, 3, 21), KindLiburNasional, "Libur Idul Fitri"},
				{date(2026, 3, 22), KindLiburNasional, "Libur Idul Fitri"},
				{date(2026, 3, 23), KindLiburNasional, "Libur Idul Fitri"},
				{date(2026, 3, 24), KindLiburNasional, "Libur Idul Fitri"},
			}},
		{"multi-day over a year end", ics(event("DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270102", "SUMMARY:X")...),
			[]Holiday{{date(2026, 12, 31), KindLiburNasional, "X"}, {date(2027, 1, 1), KindLiburNasional, "X"}}},
		{"DTEND equal to DTSTART is one day", ics(event("DTSTART;VALUE=DATE:20260501", "DTEND;VALUE=DATE:20260501", "SUMMARY:Buruh")...),
			[]Holiday{{date(2026, 5, 1), KindLiburNasional, "Buruh"}}},
		{"DURATION in days", ics(event("DTSTART;VALUE=DATE:20260527", "DURATION:P2D", "SUMMARY:Idul Adha")...),
			[]Holiday{{date(2026, 5, 27), KindLiburNasional, "Idul Adha"}, {date(2026, 5, 28), KindLiburNasional, "Idul Adha"}}},
		{"date-time ending at midnight", ics(event("DTSTART:20260101T000000Z", "DTEND:20260103T000000Z", "SUMMARY:A")...),
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, "A"}, {date(2026, 1, 2), KindLiburNasional, "A"}}},
		{"date-time ending after midnight", ics(event("DTSTART:20260101T120000", "DTEND:20260102T010000", "SUMMARY:A")...),
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, "A"}, {date(2026, 1, 2), KindLiburNasional, "A"}}},
		{"date-time with DURATION", ics(event("DTSTART:20260101T200000Z", "DURATION:PT6H", "SUMMARY:A")...),
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, "A"}, {date(2026, 1, 2), KindLiburNasional, "A"}}},
		{"folding with space and tab, escapes", ics(event(
			"DTSTART;VALUE=DATE:20260319",
			"SUMMARY:Hari Suci Nyepi \\(Tahun",
			"  Baru Saka 1948\\)\\, Bali\\; Indonesia\\\\",
			"\t x",
		)...), []Holiday{{date(2026, 3, 19), KindLiburNasional, `Hari Suci Nyepi \(Tahun Baru Saka 1948\), Bali; Indonesia\ x`}}},
		{"fold in the middle of a property name and value", ics(event(
			"DTST",
			" ART;VALUE=DATE:2026",
			" 0403",
			"SUMMARY:Wafat Yesus Kristus",
		)...), []Holiday{{date(2026, 4, 3), KindLiburNasional, "Wafat Yesus Kristus"}}},
		{"escaped newline becomes a space", ics(event("DTSTART;VALUE=DATE:20260403", "SUMMARY:Wafat\\nYesus\\NKristus")...),
			[]Holiday{{date(2026, 4, 3), KindLiburNasional, "Wafat Yesus Kristus"}}},
		{"folded cuti bersama", ics(event("DTSTART;VALUE=DATE:20260515", "SUMMARY:Cuti", "  Bersama Kenaikan")...),
			[]Holiday{{date(2026, 5, 15), KindCutiBersama, "Cuti Bersama Kenaikan"}}},
		{"parameters, quoted values, lower case", ics(event(
			`dtstart;value=date;X-NOTE="a;b:c",d:20260601`,
			`SUMMARY;LANGUAGE=id;ALTREP="cid:x@y":Hari Lahir Pancasila`,
		)...), []Holiday{{date(2026, 6, 1), KindLiburNasional, "Hari Lahir Pancasila"}}},
		{"other components and alarms are ignored", ics(append([]string{
			"BEGIN:VTIMEZONE", "TZID:Asia/Makassar", "BEGIN:STANDARD", "DTSTART:19700101T000000",
			"TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "END:STANDARD", "END:VTIMEZONE",
		}, event("DTSTART;VALUE=DATE:20260616", "SUMMARY:1 Muharam", "BEGIN:VALARM",
			"TRIGGER:-PT15M", "DESCRIPTION:reminder", "SUMMARY:alarm summary", "DTSTART:20200101", "END:VALARM")...)...),
			[]Holiday{{date(2026, 6, 16), KindLiburNasional, "1 Muharam"}}},
		{"cancelled events are skipped", ics(events(
			event("DTSTART;VALUE=DATE:20260101", "SUMMARY:A", "STATUS:CANCELLED"),
			event("DTSTART;VALUE=DATE:20260101", "SUMMARY:B"),
		)...), []Holiday{{date(2026, 1, 1), KindLiburNasional, "B"}}},
		{"sorted across events", ics(events(
			event("DTSTART;VALUE=DATE:20261225", "SUMMARY:Natal"),
			event("DTSTART;VALUE=DATE:20260101", "SUMMARY:Tahun Baru"),
		)...), []Holiday{{date(2026, 1, 1), KindLiburNasional, "Tahun Baru"}, {date(2026, 12, 25), KindLiburNasional, "Natal"}}},
		{"LF line endings, BOM, blank lines", "\uFEFFBEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\nSUMMARY:A\nEND:VEVENT\nEND:VCALENDAR\n\n\n",
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, "A"}}},
		{"no final newline", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101\r\nSUMMARY:A\r\nEND:VEVENT\r\nEND:VCALENDAR",
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, "A"}}},
		{"two calendars in one stream", ics(event("DTSTART:20260101", "SUMMARY:A")...) + ics(event("DTSTART:20260102", "SUMMARY:B")...),
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, "A"}, {date(2026, 1, 2), KindLiburNasional, "B"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseICal(strings.NewReader(tc.in))
			if err != nil {
				t.Fatalf("ParseICal: %v\ninput:\n%s", err, tc.in)
			}
			if got == nil || fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestParseICalMatchesCSV(t *testing.T) {
	// The 2026 list written as an iCalendar file parses to the same holidays
	// (kinds follow from the summaries, which all say "Cuti Bersama").
	var lines []string
	for _, h := range Default2026() {
		d := h.Date
		lines = append(lines, event(
			fmt.Sprintf("UID:%s@lapor", d),
			fmt.Sprintf("DTSTART;VALUE=DATE:%04d%02d%02d", d.Year, d.Month, d.Day),
			fmt.Sprintf("DTEND;VALUE=DATE:%04d%02d%02d", d.AddDays(1).Year, d.AddDays(1).Month, d.AddDays(1).Day),
			"SUMMARY:"+strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`).Replace(h.Name),
		)...)
	}
	got, err := ParseICal(strings.NewReader(ics(lines...)))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(Default2026()) {
		t.Fatalf("got  %v\nwant %v", got, Default2026())
	}
}

func TestParseICalErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []wantProblem
	}{
		{"empty", "", []wantProblem{{1, ReasonEmpty}}},
		{"blank", "\r\n\r\n", []wantProblem{{1, ReasonEmpty}}},
		{"not a calendar", "hello\r\n", []wantProblem{{1, ReasonSyntax}}},
		{"no VCALENDAR", "BEGIN:VEVENT\r\nEND:VEVENT\r\n", []wantProblem{{1, ReasonInvalidStructure}}},
		{"property outside", "VERSION:2.0\r\n", []wantProblem{{1, ReasonInvalidStructure}}},
		{"missing END:VCALENDAR", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101\r\nSUMMARY:A\r\nEND:VEVENT\r\n",
			[]wantProblem{{5, ReasonInvalidStructure}}},
		{"missing END:VEVENT", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101\r\nSUMMARY:A\r\nEND:VCALENDAR\r\n",
			[]wantProblem{{5, ReasonInvalidStructure}}},
		{"nested VEVENT", ics("BEGIN:VEVENT", "BEGIN:VEVENT", "END:VEVENT", "END:VEVENT"), []wantProblem{{5, ReasonInvalidStructure}}},
		{"END without BEGIN", "END:VCALENDAR\r\n", []wantProblem{{1, ReasonInvalidStructure}}},
		{"empty END outside", "END:\r\n", []wantProblem{{1, ReasonInvalidStructure}}},
		{"empty END inside", ics("END:"), []wantProblem{{4, ReasonInvalidStructure}}},
		{"empty BEGIN", ics("BEGIN: "), []wantProblem{{4, ReasonInvalidStructure}}},
		{"leading continuation line", " BEGIN:VCALENDAR\r\n", []wantProblem{{1, ReasonSyntax}}},
		{"no colon", ics(event("DTSTART;VALUE=DATE")...), []wantProblem{{5, ReasonSyntax}}},
		{"bad date 20260230", ics(event("DTSTART;VALUE=DATE:20260230", "SUMMARY:A")...), []wantProblem{{5, ReasonInvalidDate}}},
		{"bad date-time", ics(event("DTSTART:20260101T250000Z", "SUMMARY:A")...), []wantProblem{{5, ReasonInvalidDate}}},
		{"VALUE=DATE with a date-time", ics(event("DTSTART;VALUE=DATE:20260101T000000Z", "SUMMARY:A")...), []wantProblem{{5, ReasonInvalidDate}}},
		{"VALUE=PERIOD", ics(event("DTSTART;VALUE=PERIOD:20260101", "SUMMARY:A")...), []wantProblem{{5, ReasonInvalidDate}}},
		{"missing DTSTART", ics(event("SUMMARY:A")...), []wantProblem{{4, ReasonMissingDTStart}}},
		{"missing SUMMARY", ics(event("DTSTART:20260101")...), []wantProblem{{4, ReasonEmptyName}}},
		{"empty SUMMARY", ics(event("DTSTART:20260101", "SUMMARY: \\n ")...), []wantProblem{{6, ReasonEmptyName}}},
		{"SUMMARY too long", ics(event("DTSTART:20260101", "SUMMARY:"+strings.Repeat("x", 201))...), []wantProblem{{6, ReasonNameTooLong}}},
		{"duplicate DTSTART", ics(event("DTSTART:20260101", "DTSTART:20260102", "SUMMARY:A")...), []wantProblem{{6, ReasonDuplicateProperty}}},
		{"duplicate date across events", ics(events(
			event("DTSTART;VALUE=DATE:20260101", "SUMMARY:A"),
			event("DTSTART;VALUE=DATE:20260101", "SUMMARY:B"),
		)...), []wantProblem{{9, ReasonDuplicateDate}}},
		{"overlapping multi-day events", ics(events(
			event("DTSTART;VALUE=DATE:20260320", "DTEND;VALUE=DATE:20260323", "SUMMARY:A"),
			event("DTSTART;VALUE=DATE:20260322", "DTEND;VALUE=DATE:20260325", "SUMMARY:B"),
		)...), []wantProblem{{10, ReasonDuplicateDate}}},
		{"DTEND before DTSTART", ics(event("DTSTART;VALUE=DATE:20260105", "DTEND;VALUE=DATE:20260101", "SUMMARY:A")...), []wantProblem{{6, ReasonInvalidEnd}}},
		{"DTEND type mismatch", ics(event("DTSTART;VALUE=DATE:20260105", "DTEND:20260106T000000Z", "SUMMARY:A")...), []wantProblem{{6, ReasonInvalidEnd}}},
		{"DTEND and DURATION", ics(event("DTSTART:20260105", "DTEND:20260106", "DURATION:P1D", "SUMMARY:A")...), []wantProblem{{7, ReasonInvalidEnd}}},
		{"bad DURATION", ics(event("DTSTART:20260105", "DURATION:1D", "SUMMARY:A")...), []wantProblem{{6, ReasonInvalidEnd}}},
		{"hours for an all-day event", ics(event("DTSTART:20260105", "DURATION:PT5H", "SUMMARY:A")...), []wantProblem{{6, ReasonInvalidEnd}}},
		{"negative DURATION", ics(event("DTSTART:20260105", "DURATION:-P1D", "SUMMARY:A")...), []wantProblem{{6, ReasonInvalidEnd}}},
		{"event too long", ics(event("DTSTART:20260101", "DTEND:20300101", "SUMMARY:A")...), []wantProblem{{5, ReasonTooManyRows}}},
		{"RRULE", ics(event("DTSTART:20260101", "RRULE:FREQ=YEARLY", "SUMMARY:A")...), []wantProblem{{6, ReasonUnsupported}}},
		{"invalid UTF-8", ics(event("DTSTART:20260101", "SUMMARY:Caf\xe9")...), []wantProblem{{6, ReasonInvalidUTF8}}},
		{"control character", ics(event("DTSTART:20260101", "SUMMARY:A\x07")...), []wantProblem{{6, ReasonInvalidName}}},
		{"every event problem with its line", ics(events(
			event("DTSTART:20260230", "SUMMARY:A"), // 4-7: bad date on 5
			event("SUMMARY:B"),                     // 8-10: no DTSTART, reported on 8
			event("DTSTART:20260101"),              // 11-13: no SUMMARY, reported on 11
			event("DTSTART:20260102", "SUMMARY:C"), // 14-17
			event("DTSTART:20260102", "SUMMARY:D"), // 18-21: duplicate on 19
		)...), []wantProblem{{5, ReasonInvalidDate}, {8, ReasonMissingDTStart}, {11, ReasonEmptyName}, {19, ReasonDuplicateDate}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseICal(strings.NewReader(tc.in))
			if got != nil {
				t.Errorf("partial result %v returned with an error", got)
			}
			checkProblems(t, err, tc.want)
		})
	}
}

func TestParseICalLimits(t *testing.T) {
	// Exactly MaxRows days is fine, one more is not.
	ok := ics(event("DTSTART:20260101", fmt.Sprintf("DURATION:P%dD", MaxRows), "SUMMARY:A")...)
	if hs, err := ParseICal(strings.NewReader(ok)); err != nil || len(hs) != MaxRows {
		t.Fatalf("MaxRows days: %d, %v", len(hs), err)
	}
	over := ics(events(
		event("DTSTART:20260101", fmt.Sprintf("DURATION:P%dD", MaxRows), "SUMMARY:A"),
		event("DTSTART:20000101", "SUMMARY:B"),
	)...)
	_, err := ParseICal(strings.NewReader(over))
	checkProblems(t, err, []wantProblem{{10, ReasonTooManyRows}})

	big := ics(event("DTSTART:20260101", "SUMMARY:A", "DESCRIPTION:"+strings.Repeat("a", MaxInputSize))...)
	_, err = ParseICal(strings.NewReader(big))
	checkProblems(t, err, []wantProblem{{0, ReasonTooLarge}})

	boom := errors.New("boom")
	if _, err := ParseICal(iotest.ErrReader(boom)); !errors.Is(err, boom) {
		t.Errorf("read error: %v", err)
	}
}

func TestUnescapeText(t *testing.T) {
	tests := map[string]string{
		``:            ``,
		`plain`:       `plain`,
		`a\,b\;c\\d`:  `a,b;c\d`,
		`x\ny\Nz`:     "x\ny\nz",
		`unknown\q`:   `unknown\q`,
		`trailing\`:   `trailing\`,
		`\\n`:         `\n`,
		`Saka 1948\\`: `Saka 1948\`,
	}
	for in, want := range tests {
		if got := unescapeText(in); got != want {
			t.Errorf("unescapeText(%q) = %q, want %q", in, got, want)
		}
	}
}
