package web

import (
	"testing"

	"github.com/lapor-id/lapor/internal/i18n"
)

func TestDecimal(t *testing.T) {
	for _, c := range []struct {
		f      float64
		id, en string
	}{
		{91.63, "91,63", "91.63"}, {3.95, "3,95", "3.95"}, {50, "50", "50"}, {72.5, "72,5", "72.5"},
		{1234.5, "1.234,5", "1,234.5"}, {1234567, "1.234.567", "1,234,567"}, {-0.001, "0", "0"}, {-12.25, "-12,25", "-12.25"},
	} {
		if got := decimal(i18n.ID, c.f); got != c.id {
			t.Errorf("decimal(id, %v) = %q, want %q", c.f, got, c.id)
		}
		if got := decimal(i18n.EN, c.f); got != c.en {
			t.Errorf("decimal(en, %v) = %q, want %q", c.f, got, c.en)
		}
	}
	if got := percent(i18n.ID, 91.63); got != "91,63%" {
		t.Errorf("percent: %q", got)
	}
}
