package domain

import (
	"strings"
	"testing"
)

func TestMaskPersonal(t *testing.T) {
	for in, want := range map[string]string{
		// NIK, plain and grouped.
		"NIK saya 6474011203900001, mohon dibantu.": "NIK saya ****************, mohon dibantu.",
		"KTP: 6474 0112 0390 0001":                  "KTP: **** **** **** ****",
		"No KTP 6474.01.120390.0001 hilang":         "No KTP ****.**.******.**** hilang",
		"KTP-6474011203900001":                      "KTP-****************",
		// Phones.
		"Hubungi saya di 081234567890 ya":           "Hubungi saya di ************ ya",
		"WA 0812-3456-7890 atau +62 812 3456 7890.": "WA ****-****-**** atau +** *** **** ****.",
		"telp 6281234567890":                        "telp *************",
		"tgl 20 0812 3456 7890 (malam)":             "tgl 20 **** **** **** (malam)",
		"tahun 2026 0812 3456 7890":                 "tahun **** **** **** ****", // ambiguous: 16 digits, all hidden
		"(0812) 3456 7890":                          "(****) **** ****",
		"(0812) 3456-7890":                          "(****) ****-****",
		"hp: (0812)3456-7890.":                      "hp: (****)****-****.",
		"0812/3456/7891":                            "****/****/****",
		"WA 0812‑3456‑7890 / 0812–3456–7890":        "WA ****‑****‑**** / ****–****–****",
		"telp ０８１２３４５６７８９０":                         "telp ＊＊＊＊＊＊＊＊＊＊＊＊",
		"NIK ６４７４０１１２０３９００００１":                      "NIK ＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊",
		"(021) 1234 5678":                           "(021) 1234 5678", // a landline: not personal
		"(0812 3456 7890":                           "(**** **** ****",
		"08/11/2026 20/11/2026":                     "08/11/2026 20/11/2026",
		// E-mail.
		"kirim ke budi.santoso@example.co.id segera": "kirim ke ***@*** segera",
		"Email: siti_r+lapor@gmail.com.":             "Email: ***@***.",
		// Left alone.
		"Kejadian 2026-11-20 pukul 08.30 WITA":     "Kejadian 2026-11-20 pukul 08.30 WITA",
		"Denda Rp 1.500.000 dan Rp 62.500.000.000": "Denda Rp 1.500.000 dan Rp 62.500.000.000",
		"Laporan #9165816 dan K7MQ-2XRD":           "Laporan #9165816 dan K7MQ-2XRD",
		"Lokasi 0.1333, 117.5 dekat SD 003":        "Lokasi 0.1333, 117.5 dekat SD 003",
		"Jl. MT Haryono No. 12, RT 08 RW 03":       "Jl. MT Haryono No. 12, RT 08 RW 03",
		"tanggal 08/11/2026, 20/11/2026":           "tanggal 08/11/2026, 20/11/2026",
		"kode ABC0812345678901":                    "kode ABC0812345678901",
		"sudah 3 minggu, 12 rumah, 150 meter":      "sudah 3 minggu, 12 rumah, 150 meter",
		"":                                         "",
	} {
		if got := MaskPersonal(in); got != want {
			t.Errorf("MaskPersonal(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func FuzzMaskPersonal(f *testing.F) {
	for _, s := range []string{"NIK 6474011203900001", "+62 812-3456-7890", "a@b.id", "Rp 1.500.000", "08", "+", "9 9 9", "(0812) 3456-7890", "0812‑3456", "０８１２", "0812/3456/7891"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := MaskPersonal(s)
		if !strings.Contains(s, "@") && len(got) != len(s) {
			t.Fatalf("length changed without an e-mail: %q -> %q", s, got)
		}
		if MaskPersonal(got) != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, MaskPersonal(got))
		}
	})
}
