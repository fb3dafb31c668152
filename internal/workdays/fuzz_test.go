package workdays

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var knownReasons = map[string]bool{
	ReasonEmpty: true, ReasonTooLarge: true, ReasonMissingHeader: true, ReasonSyntax: true,
	ReasonFieldCount: true, ReasonInvalidUTF8: true, ReasonInvalidDate: true, ReasonUnknownKind: true,
	ReasonEmptyName: true, ReasonNameTooLong: true, ReasonInvalidName: true, ReasonDuplicateDate: true,
	ReasonTooManyRows: true, ReasonInvalidStructure: true, ReasonMissingDTStart: true,
	ReasonInvalidEnd: true, ReasonDuplicateProperty: true, ReasonUnsupported: true,
}

// checkParseResult verifies the invariants every parser result must keep.
func checkParseResult(t *testing.T, hs []Holiday, err error) {
	t.Helper()
	if err != nil {
		if hs != nil {
			t.Fatalf("partial result with error %v", err)
		}
		var pes ParseErrors
		if !errors.As(err, &pes) {
			t.Fatalf("error %T is not ParseErrors: %v", err, err)
		}
		if len(pes) == 0 || len(pes) > maxErrors {
			t.Fatalf("%d problems", len(pes))
		}
		for _, pe := range pes {
			if pe.Line < 0 || !knownReasons[pe.Reason] || pe.Error() == "" {
				t.Fatalf("bad problem %+v", pe)
			}
		}
		if err.Error() == "" || !utf8.ValidString(err.Error()) {
			t.Fatalf("bad message %q", err.Error())
		}
		return
	}
	if hs == nil {
		t.Fatal("nil slice without error")
	}
	if len(hs) > MaxRows {
		t.Fatalf("%d holidays", len(hs))
	}
	for i, h := range hs {
		if !h.Date.Valid() || !h.Kind.Valid() {
			t.Fatalf("invalid holiday %+v", h)
		}
		if i > 0 && !hs[i-1].Date.Before(h.Date) {
			t.Fatalf("not strictly sorted: %v, %v", hs[i-1].Date, h.Date)
		}
		if h.Name == "" || utf8.RuneCountInString(h.Name) > MaxNameLen || !utf8.ValidString(h.Name) ||
			strings.TrimSpace(h.Name) != h.Name || strings.Contains(h.Name, "  ") {
			t.Fatalf("bad name %q", h.Name)
		}
		for _, r := range h.Name {
			if unicode.IsControl(r) {
				t.Fatalf("control character in name %q", h.Name)
			}
		}
	}
	c := New(wita, hs)
	for _, h := range hs {
		if c.IsWorkingDay(h.Date) {
			t.Fatalf("holiday %v is a working day", h.Date)
		}
	}
}

func writeCSV(t *testing.T, hs []Holiday) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"date", "kind", "name"})
	for _, h := range hs {
		_ = w.Write([]string{h.Date.String(), string(h.Kind), h.Name})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func FuzzParseCSV(f *testing.F) {
	f.Add(holidays2026CSV)
	f.Add([]byte("date,kind,name\n2026-02-30,libur_nasional,A\n"))
	f.Add([]byte("date,kind,name\r\n2026-01-01,other,\"a,\"\"b\"\"\nc\"\r\n,,\r\n"))
	f.Add([]byte("\uFEFFdate,kind,name\n2026-01-01,cuti_bersama,A\n2026-01-01,other,B\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		hs, err := ParseCSV(bytes.NewReader(data))
		checkParseResult(t, hs, err)
		if err != nil {
			return
		}
		// Round trip: writing the result back gives the same holidays.
		again, err := ParseCSV(bytes.NewReader(writeCSV(t, hs)))
		if err != nil {
			t.Fatalf("re-parse: %v", err)
		}
		if fmt.Sprint(again) != fmt.Sprint(hs) {
			t.Fatalf("round trip changed %v into %v", hs, again)
		}
	})
}

func FuzzParseICal(f *testing.F) {
	f.Add([]byte(ics(event("DTSTART;VALUE=DATE:20260320", "DTEND;VALUE=DATE:20260325", "SUMMARY:Cuti Bersama Idul\\, Fitri")...)))
	f.Add([]byte(ics(event("DTSTART:20260101T200000Z", "DURATION:P1DT6H", "SUMMARY:Tahun", "  Baru\\nMasehi")...)))
	f.Add([]byte(ics(event("DTSTART;TZID=\"Asia/Makassar\":20260101T000000", "SUMMARY:A", "BEGIN:VALARM", "END:VALARM")...)))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260230\nEND:VEVENT\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		hs, err := ParseICal(bytes.NewReader(data))
		checkParseResult(t, hs, err)
		if err != nil {
			return
		}
		for _, h := range hs {
			isCuti := strings.Contains(strings.ToLower(h.Name), "cuti bersama")
			if isCuti != (h.Kind == KindCutiBersama) || (!isCuti && h.Kind != KindLiburNasional) {
				t.Fatalf("kind %q for name %q", h.Kind, h.Name)
			}
		}
		// Round trip through CSV keeps everything.
		again, err := ParseCSV(bytes.NewReader(writeCSV(t, hs)))
		if err != nil || fmt.Sprint(again) != fmt.Sprint(hs) {
			t.Fatalf("CSV round trip: %v, %v; want %v", again, err, hs)
		}
	})
}
