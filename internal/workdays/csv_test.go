package workdays

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/iotest"
)

// wantProblem is an expected ParseError (Line, Reason).
type wantProblem struct {
	line   int
	reason string
}

// checkProblems asserts that err is a ParseErrors with exactly these
// problems, in order.
func checkProblems(t *testing.T, err error, want []wantProblem) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %v", want)
	}
	var pes ParseErrors
	if !errors.As(err, &pes) {
		t.Fatalf("error %T %v is not ParseErrors", err, err)
	}
	var got []wantProblem
	for _, pe := range pes {
		got = append(got, wantProblem{pe.Line, pe.Reason})
		if pe.Detail == "" {
			t.Errorf("problem %+v has no detail", pe)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("problems = %v, want %v\nerror: %v", got, want, err)
	}
	// The first problem is reachable with errors.As.
	var pe *ParseError
	if !errors.As(err, &pe) || pe != pes[0] {
		t.Errorf("errors.As(*ParseError) did not yield the first problem")
	}
}

func TestParseCSVFile2026(t *testing.T) {
	f, err := os.Open("holidays-2026.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hs, err := ParseCSV(f)
	if err != nil {
		t.Fatalf("ParseCSV(holidays-2026.csv): %v", err)
	}
	if len(hs) != 25 {
		t.Fatalf("got %d holidays, want 25", len(hs))
	}
	want := map[string]Holiday{
		"2026-01-01": {date(2026, 1, 1), KindLiburNasional, "Tahun Baru 2026 Masehi"},
		"2026-03-18": {date(2026, 3, 18), KindCutiBersama, "Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1948)"},
		"2026-04-05": {date(2026, 4, 5), KindLiburNasional, "Kebangkitan Yesus Kristus (Paskah)"},
		"2026-12-25": {date(2026, 12, 25), KindLiburNasional, "Kelahiran Yesus Kristus"},
	}
	for _, h := range hs {
		if w, ok := want[h.Date.String()]; ok && h != w {
			t.Errorf("got %+v, want %+v", h, w)
		}
	}
	// The shared copy and the embedded copy must be the same file.
	if shared, err := os.ReadFile("../../../shared/data/holidays-2026.csv"); err == nil {
		if string(shared) != string(holidays2026CSV) {
			t.Error("embedded holidays-2026.csv differs from shared/data/holidays-2026.csv")
		}
	}
}

func TestParseCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Holiday
	}{
		{"header only", "date,kind,name\n", []Holiday{}},
		{"header without newline", "date,kind,name", []Holiday{}},
		{"sorted output, all kinds", "date,kind,name\n" +
			"2026-06-03,other,Penutupan Kantor\n" +
			"2026-06-02,libur_daerah,HUT Kota\n" +
			"2026-06-01,libur_nasional,Hari Lahir Pancasila\n" +
			"2026-05-28,cuti_bersama,Cuti Bersama Idul Adha\n",
			[]Holiday{
				{date(2026, 5, 28), KindCutiBersama, "Cuti Bersama Idul Adha"},
				{date(2026, 6, 1), KindLiburNasional, "Hari Lahir Pancasila"},
				{date(2026, 6, 2), KindLiburDaerah, "HUT Kota"},
				{date(2026, 6, 3), KindOther, "Penutupan Kantor"},
			}},
		{"weekend holiday is legal", "date,kind,name\n2026-04-05,libur_nasional,Paskah\n",
			[]Holiday{{date(2026, 4, 5), KindLiburNasional, "Paskah"}}},
		{"CRLF, BOM, spaces, case", "\uFEFFDate, Kind ,NAME\r\n 2026-01-01 , Libur_Nasional ,  Tahun  Baru  \r\n",
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, "Tahun Baru"}}},
		{"quoted name with comma and quote", "date,kind,name\n2026-01-01,libur_nasional,\"Tahun Baru, \"\"Masehi\"\"\"\n",
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, `Tahun Baru, "Masehi"`}}},
		{"blank lines and empty rows skipped", "date,kind,name\n\n2026-01-01,libur_nasional,A\n,,\n\n",
			[]Holiday{{date(2026, 1, 1), KindLiburNasional, "A"}}},
		{"unicode name", "date,kind,name\n2026-03-19,libur_nasional,Nyepi — Saka 1948 ✓\n",
			[]Holiday{{date(2026, 3, 19), KindLiburNasional, "Nyepi — Saka 1948 ✓"}}},
		{"name of exactly 200 characters", "date,kind,name\n2026-01-01,other," + strings.Repeat("é", 200) + "\n",
			[]Holiday{{date(2026, 1, 1), KindOther, strings.Repeat("é", 200)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseCSV(strings.NewReader(tc.in))
			if err != nil {
				t.Fatalf("ParseCSV: %v", err)
			}
			if got == nil || fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseCSVErrors(t *testing.T) {
	const h = "date,kind,name\n"
	var many strings.Builder
	many.WriteString(h)
	for i := range MaxRows + 1 {
		fmt.Fprintf(&many, "%s,other,Day %d\n", date(2026, 1, 1).AddDays(i), i)
	}
	tests := []struct {
		name string
		in   string
		want []wantProblem
	}{
		{"empty file", "", []wantProblem{{1, ReasonEmpty}}},
		{"only blank lines", "\n\r\n\n", []wantProblem{{1, ReasonEmpty}}},
		{"missing header", "2026-01-01,libur_nasional,Tahun Baru\n", []wantProblem{{1, ReasonMissingHeader}}},
		{"wrong header order", "kind,date,name\n", []wantProblem{{1, ReasonMissingHeader}}},
		{"header with extra column", "date,kind,name,note\n", []wantProblem{{1, ReasonMissingHeader}}},
		{"bad date 2026-02-30", h + "2026-01-01,libur_nasional,A\n2026-02-30,libur_nasional,B\n",
			[]wantProblem{{3, ReasonInvalidDate}}},
		{"unpadded date", h + "2026-2-3,libur_nasional,A\n", []wantProblem{{2, ReasonInvalidDate}}},
		{"empty date", h + ",libur_nasional,A\n", []wantProblem{{2, ReasonInvalidDate}}},
		{"unknown kind", h + "2026-01-01,libur,A\n", []wantProblem{{2, ReasonUnknownKind}}},
		{"empty kind", h + "2026-01-01,,A\n", []wantProblem{{2, ReasonUnknownKind}}},
		{"empty name", h + "2026-01-01,libur_nasional,  \n", []wantProblem{{2, ReasonEmptyName}}},
		{"name too long", h + "2026-01-01,other," + strings.Repeat("a", 201) + "\n", []wantProblem{{2, ReasonNameTooLong}}},
		{"control character in name", h + "2026-01-01,other,A\x00B\n", []wantProblem{{2, ReasonInvalidName}}},
		{"duplicate date", h + "2026-01-01,libur_nasional,A\n2026-01-02,other,B\n2026-01-01,cuti_bersama,C\n",
			[]wantProblem{{4, ReasonDuplicateDate}}},
		{"invalid UTF-8", h + "2026-01-01,other,Caf\xe9\n", []wantProblem{{2, ReasonInvalidUTF8}}},
		{"invalid UTF-8 in header", "date,kind,n\xffme\n", []wantProblem{{1, ReasonMissingHeader}}},
		{"too few fields", h + "2026-01-01,other\n", []wantProblem{{2, ReasonFieldCount}}},
		{"too many fields", h + "2026-01-01,other,A,B\n", []wantProblem{{2, ReasonFieldCount}}},
		{"bare quote", h + "2026-01-01,other,A \"B\" C\n", []wantProblem{{2, ReasonSyntax}}},
		{"unterminated quote", h + "2026-01-01,other,\"A\n", []wantProblem{{2, ReasonSyntax}}},
		{"too many rows", many.String(), []wantProblem{{MaxRows + 2, ReasonTooManyRows}}},
		{"every problem with its line", h +
			"2026-02-30,libur_nasional,A\n" + // 2
			"2026-01-05,liburan,B\n" + // 3
			"2026-01-06,other,\n" + // 4
			"2026-01-07,other,ok\n" + // 5
			"2026-01-07,other,dup\n" + // 6
			"x,y,\n", // 7: three problems on one line
			[]wantProblem{{2, ReasonInvalidDate}, {3, ReasonUnknownKind}, {4, ReasonEmptyName},
				{6, ReasonDuplicateDate}, {7, ReasonInvalidDate}, {7, ReasonUnknownKind}, {7, ReasonEmptyName}}},
		{"line numbers count multi-line quoted fields", h + "2026-01-01,other,\"A\nB\"\n2026-13-01,other,C\n",
			[]wantProblem{{4, ReasonInvalidDate}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseCSV(strings.NewReader(tc.in))
			if got != nil {
				t.Errorf("partial result %v returned with an error", got)
			}
			checkProblems(t, err, tc.want)
		})
	}
}

func TestParseCSVLimits(t *testing.T) {
	// Exactly MaxRows rows is fine.
	var b strings.Builder
	b.WriteString("date,kind,name\n")
	for i := range MaxRows {
		fmt.Fprintf(&b, "%s,other,Day %d\n", date(2026, 1, 1).AddDays(i), i)
	}
	if hs, err := ParseCSV(strings.NewReader(b.String())); err != nil || len(hs) != MaxRows {
		t.Fatalf("MaxRows rows: %d, %v", len(hs), err)
	}

	// Over MaxInputSize bytes.
	big := "date,kind,name\n2026-01-01,other," + strings.Repeat("a", MaxInputSize) + "\n"
	_, err := ParseCSV(strings.NewReader(big))
	checkProblems(t, err, []wantProblem{{0, ReasonTooLarge}})

	// The error list is bounded.
	b.Reset()
	b.WriteString("date,kind,name\n")
	for range 200 {
		b.WriteString("bad,bad,\n")
	}
	_, err = ParseCSV(strings.NewReader(b.String()))
	var pes ParseErrors
	if !errors.As(err, &pes) || len(pes) != maxErrors {
		t.Fatalf("got %d problems, want %d", len(pes), maxErrors)
	}
	if msg := err.Error(); !strings.Contains(msg, "50 problems") || !strings.Contains(msg, "and 45 more") {
		t.Errorf("Error() = %q", msg)
	}
}

func TestParseCSVReadError(t *testing.T) {
	boom := errors.New("boom")
	_, err := ParseCSV(iotest.ErrReader(boom))
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap the read error", err)
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		t.Error("a read error must not be a ParseError")
	}
	if _, err := ParseCSV(nil); err == nil {
		t.Error("ParseCSV(nil) succeeded")
	}
	// A slow reader is read completely.
	hs, err := ParseCSV(iotest.OneByteReader(strings.NewReader("date,kind,name\n2026-01-01,other,A\n")))
	if err != nil || len(hs) != 1 {
		t.Fatalf("OneByteReader: %v, %v", hs, err)
	}
}

func TestParseErrorMessage(t *testing.T) {
	e := &ParseError{Line: 3, Reason: ReasonInvalidDate, Detail: `"2026-02-30" is not a valid YYYY-MM-DD date`}
	if got, want := e.Error(), `workdays: line 3: invalid_date: "2026-02-30" is not a valid YYYY-MM-DD date`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e = &ParseError{Reason: ReasonTooLarge}
	if got := e.Error(); got != "workdays: too_large" {
		t.Errorf("Error() = %q", got)
	}
	_, err := ParseCSV(strings.NewReader("date,kind,name\n2026-02-30,libur_nasional,A\n"))
	if got := err.Error(); got != `workdays: line 2: invalid_date: "2026-02-30" is not a valid YYYY-MM-DD date` {
		t.Errorf("single problem Error() = %q", got)
	}
	if got := (ParseErrors{}).Error(); got == "" {
		t.Error("empty ParseErrors has no message")
	}
}
