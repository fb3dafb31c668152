package workdays

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

var utf8BOM = []byte("\xEF\xBB\xBF")

// ParseCSV reads a holiday list in CSV form:
//
//	date,kind,name
//	2026-01-01,libur_nasional,Tahun Baru 2026 Masehi
//
// The header line is required (column names are matched case-insensitively,
// in this order). Each row holds a strict YYYY-MM-DD date, a kind
// (libur_nasional, cuti_bersama, libur_daerah or other; case-insensitive) and
// a non-empty name of at most MaxNameLen characters. Fields are trimmed,
// white space inside a name is collapsed to single spaces, quoted fields
// (RFC 4180) may contain commas, a leading UTF-8 byte-order mark is ignored
// and rows whose fields are all blank (",,") are skipped. Holidays on a
// weekend are legal (2026-04-05, Paskah, is a Sunday).
//
// Any problem fails the whole parse: ParseCSV then returns a nil slice and a
// [ParseErrors] listing every problem found (up to 50) with its line number:
// an empty input, a missing header, malformed CSV, a row without exactly three
// fields, invalid UTF-8, an impossible date, an unknown kind, an empty, too
// long or control-character name, a second holiday on the same date, more
// than MaxRows rows, or more than MaxInputSize bytes. Errors reading r are
// returned wrapped, as is.
//
// On success the holidays are returned sorted by date (never nil).
func ParseCSV(r io.Reader) ([]Holiday, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	var p problems
	if len(data) > MaxInputSize {
		p.add(0, ReasonTooLarge, "input is larger than %d bytes", MaxInputSize)
		return nil, p.err()
	}
	data = bytes.TrimPrefix(data, utf8BOM)

	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if !readCSVHeader(cr, &p) {
		return nil, p.err()
	}
	out := readCSVRows(cr, &p)
	if err := p.err(); err != nil {
		return nil, err
	}
	sortHolidays(out)
	return out, nil
}

// readCSVHeader reads the header line, reporting whether it is there.
func readCSVHeader(cr *csv.Reader, p *problems) bool {
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		p.add(1, ReasonEmpty, "the file is empty; want a header line %q", "date,kind,name")
		return false
	}
	if err != nil {
		addCSVError(p, err)
		return false
	}
	if !isCSVHeader(header) {
		line, _ := cr.FieldPos(0)
		got := strings.Join(header, ",")
		if !utf8.ValidString(got) {
			got = strings.ToValidUTF8(got, "\uFFFD")
		}
		p.add(line, ReasonMissingHeader, "want header %q, got %s", "date,kind,name", quote(got))
		return false
	}
	return true
}

// readCSVRows reads the rows after the header until the end, a syntax
// error, too many rows or too many problems, and returns the holidays of
// the good ones (never nil), in file order.
func readCSVRows(cr *csv.Reader, p *problems) []Holiday {
	out := []Holiday{}
	seen := make(map[Date]int) // date -> line of first definition
	rows := 0
	for !p.full() {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			addCSVError(p, err)
			break
		}
		line, _ := cr.FieldPos(0)
		if allBlank(rec) {
			continue
		}
		rows++
		if rows > MaxRows {
			p.add(line, ReasonTooManyRows, "more than %d holidays", MaxRows)
			break
		}
		h, ok := parseCSVRow(rec, line, p)
		if !ok {
			continue
		}
		if first, dup := seen[h.Date]; dup {
			p.add(line, ReasonDuplicateDate, "%s is already defined on line %d", h.Date, first)
			continue
		}
		seen[h.Date] = line
		out = append(out, h)
	}
	return out
}

// parseCSVRow parses the fields of one row (on line), adding a problem
// for each bad one; ok is false when there was any.
func parseCSVRow(rec []string, line int, p *problems) (h Holiday, ok bool) {
	if len(rec) != 3 {
		p.add(line, ReasonFieldCount, "want 3 fields (date,kind,name), got %d", len(rec))
		return h, false
	}
	if !utf8.ValidString(rec[0]) || !utf8.ValidString(rec[1]) || !utf8.ValidString(rec[2]) {
		p.add(line, ReasonInvalidUTF8, "the row is not valid UTF-8")
		return h, false
	}
	ok = true
	ds := strings.TrimSpace(rec[0])
	if d, err := ParseDate(ds); err != nil {
		p.add(line, ReasonInvalidDate, "%s is not a valid YYYY-MM-DD date", quote(ds))
		ok = false
	} else {
		h.Date = d
	}
	ks := strings.TrimSpace(rec[1])
	h.Kind = HolidayKind(strings.ToLower(ks))
	if !h.Kind.Valid() {
		p.add(line, ReasonUnknownKind, "kind %s is not one of libur_nasional, cuti_bersama, libur_daerah, other", quote(ks))
		ok = false
	}
	name, reason, detail := cleanName(rec[2])
	if reason != "" {
		p.add(line, reason, "%s", detail)
		ok = false
	}
	h.Name = name
	return h, ok
}

func readLimited(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, errors.New("workdays: nil reader")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxInputSize+1))
	if err != nil {
		return nil, fmt.Errorf("workdays: reading holidays: %w", err)
	}
	return data, nil
}

func isCSVHeader(rec []string) bool {
	want := []string{"date", "kind", "name"}
	if len(rec) != len(want) {
		return false
	}
	for i, f := range rec {
		if !strings.EqualFold(strings.TrimSpace(f), want[i]) {
			return false
		}
	}
	return true
}

func allBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func addCSVError(p *problems, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		p.add(pe.Line, ReasonSyntax, "%v", pe.Err)
		return
	}
	p.add(0, ReasonSyntax, "%v", err)
}

func sortHolidays(hs []Holiday) {
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
}
