package i18n

import (
	"testing"
	"time"
)

func TestFormatPerLanguage(t *testing.T) {
	wita := time.FixedZone("WITA", 8*3600)
	at := time.Date(2026, 12, 2, 6, 5, 0, 0, time.UTC) // 14.05 in Bontang
	midnight := time.Date(2026, 2, 27, 23, 59, 0, 0, wita)
	for _, c := range []struct {
		lang                                Lang
		date, dt, late, num, pct, kb, mb, b string
	}{
		{ID, "2 Desember 2026", "2 Desember 2026 14.05 WITA", "27 Februari 2026 23.59 WITA", "1.234.567,5", "52,5%", "12\u00a0KB", "1,5\u00a0MB", "340\u00a0B"},
		{EN, "2 December 2026", "2 December 2026, 2:05 pm WITA", "27 February 2026, 11:59 pm WITA", "1,234,567.5", "52.5%", "12\u00a0KB", "1.5\u00a0MB", "340\u00a0B"},
	} {
		f := Formatter(c.lang, wita)
		for _, g := range []struct{ name, got, want string }{
			{"Date", f.Date(at), c.date},
			{"DateTime", f.DateTime(at), c.dt},
			{"DateTime late", f.DateTime(midnight), c.late},
			{"Number", f.Number(1234567.5, 2), c.num},
			{"Percent", f.Percent(52.5), c.pct},
			{"Size KB", f.Size(12*1024 + 300), c.kb},
			{"Size MB", f.Size(3 << 19), c.mb},
			{"Size B", f.Size(340), c.b},
			{"Int", f.Int(999), "999"},
			{"zero", f.DateTime(time.Time{}), ""},
		} {
			if g.got != g.want {
				t.Errorf("%s %s: %q, want %q", c.lang, g.name, g.got, g.want)
			}
		}
	}
	if got := Formatter(ID, nil).Number(-0.001, 2); got != "0" {
		t.Errorf("negative zero: %q", got)
	}
	if got := Formatter(EN, nil).Number(-1234, 0); got != "-1,234" {
		t.Errorf("negative: %q", got)
	}
}
