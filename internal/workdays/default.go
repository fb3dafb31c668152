package workdays

import (
	"bytes"
	_ "embed"
	"sync"
)

// holidays2026CSV is a copy of shared/data/holidays-2026.csv: Indonesia's
// 2026 national holidays (17) and cuti bersama (8) per SKB 3 Menteri
// No. 1497, 2 and 5 of 2025.
//
//go:embed holidays-2026.csv
var holidays2026CSV []byte

var default2026 = sync.OnceValues(func() ([]Holiday, error) {
	return ParseCSV(bytes.NewReader(holidays2026CSV))
})

// Default2026 returns the official 2026 list of national holidays and cuti
// bersama (25 days), sorted by date. Each call returns a fresh slice the
// caller may modify. It never panics; the embedded file is verified by the
// package tests, and should it ever fail to parse the result is nil.
func Default2026() []Holiday {
	hs, err := default2026()
	if err != nil {
		return nil
	}
	return append([]Holiday(nil), hs...)
}
