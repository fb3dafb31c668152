package export

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/i18n"
)

// The CSV for machines keeps codes and decimal points; the CSV for people
// has its headers in their language and their decimal separator.
func TestCSVAudiences(t *testing.T) {
	at := time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		lang   i18n.Lang
		to     Audience
		header string
		cells  []string
	}{
		{i18n.ID, Machines, "unit", []string{"dpupr", "91.63", "2026-11-03T09:30:00Z"}},
		{i18n.ID, People, "Kode instansi", []string{"dpupr", "91,63", "2026-11-03 09:30"}},
		{i18n.EN, People, "Unit code", []string{"dpupr", "91.63", "2026-11-03 09:30"}},
	} {
		tb := NewTable("Evaluasi", c.lang, "unit", "on_time_rate", "due_at")
		tb.Rows = [][]any{{"dpupr", 91.63, at}}
		data, err := CSV(tb, c.to)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("%s/%v: %v %q", c.lang, c.to, err, data)
		}
		if recs[0][0] != c.header || strings.Join(recs[1], "|") != strings.Join(c.cells, "|") {
			t.Errorf("%s/%v: %q, want header %q and %q", c.lang, c.to, recs, c.header, c.cells)
		}
	}
}
