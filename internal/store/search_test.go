package store_test

import (
	"testing"

	"github.com/lapor-id/lapor/internal/store"
)

func TestFoldText(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"  Jalan   RUSAK\t\n ":     "jalan rusak",
		"Café Señor":               "cafe senor",
		"ÉCOLE fermée":             "ecole fermee",
		"Straße ẞ":                 "strasse ss",
		"İzin ıslak":               "izin islak",
		"Ｋｏｄｅ ﬁ":                   "kode fi",
		"Ø Ł Đ Æ Œ Þ":              "o l d ae oe th",
		"100% _x_ \\":              "100% _x_ \\",
		"Nguyễn Thị Minh Khai":     "nguyen thi minh khai",
		"ΣΊΣΥΦΟΣ":                  "σισυφοσ",
		"LPR-7KQ2-F9TX":            "lpr-7kq2-f9tx",
		"e\u0301 vs \u00e9":        "e vs e",
		"Jl. A. Yani No. 12, RT 3": "jl. a. yani no. 12, rt 3",
	} {
		got := store.FoldText(in)
		if got != want {
			t.Errorf("FoldText(%q) = %q, want %q", in, got, want)
		}
		if again := store.FoldText(got); again != got {
			t.Errorf("FoldText is not idempotent on %q: %q", got, again)
		}
	}
}
