package catalog

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

func walk(tree []store.CategoryNode, fn func(n store.CategoryNode, depth int)) {
	var rec func([]store.CategoryNode, int)
	rec = func(ns []store.CategoryNode, d int) {
		for _, n := range ns {
			fn(n, d)
			rec(n.Children, d+1)
		}
	}
	rec(tree, 0)
}

func TestDefaultShape(t *testing.T) {
	tree := Default()
	if len(tree) != 38 {
		t.Fatalf("top-level categories = %d, want 38", len(tree))
	}
	codes := map[string]string{}
	total := 0
	walk(tree, func(n store.CategoryNode, depth int) {
		total++
		if depth > 1 {
			t.Errorf("%s: depth %d, want at most 1", n.Code, depth)
		}
		if !domain.ValidCode(n.Code) || len(n.Code) > 64 {
			t.Errorf("invalid code %q", n.Code)
		}
		for _, r := range n.Code {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Errorf("code %q has %q; want only a-z, 0-9 and '-'", n.Code, r)
				break
			}
		}
		if prev, ok := codes[n.Code]; ok {
			t.Errorf("duplicate code %q (%q and %q)", n.Code, prev, n.Name)
		}
		codes[n.Code] = n.Name
		if n.Name == "" || n.Name != strings.TrimSpace(n.Name) || strings.Contains(n.Name, "  ") || strings.ContainsRune(n.Name, '\u00a0') {
			t.Errorf("badly spaced name %q", n.Name)
		}
	})
	if total != Count(tree) {
		t.Errorf("Count = %d, walked %d", Count(tree), total)
	}
	// 929 sub-category entries in the file, some repeated within a list.
	if subs := total - 38; subs >= 929 || subs < 880 {
		t.Errorf("sub-categories = %d, want a de-duplicated count a little under 929", subs)
	}
	for _, top := range tree {
		seen := map[string]bool{}
		for _, c := range top.Children {
			k := strings.ToLower(c.Name)
			if seen[k] {
				t.Errorf("%s: duplicate sub-category %q", top.Code, c.Name)
			}
			seen[k] = true
			if !strings.HasPrefix(c.Code, strings.SplitN(top.Code, "-", 2)[0]) {
				t.Errorf("child code %q does not start with its parent's %q", c.Code, top.Code)
			}
		}
	}
}

func TestDefaultIsDeterministicAndACopy(t *testing.T) {
	a, b := Default(), Default()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("Default differs between calls")
	}
	a[0].Name = "changed"
	a[1].Children[0].Code = "changed"
	c := Default()
	if c[0].Name == "changed" || c[1].Children[0].Code == "changed" {
		t.Fatal("Default returned shared state")
	}
	// The embedded copy is the shared data file.
	if shared, err := os.ReadFile("../../../shared/data/lapor-categories.json"); err == nil && !bytes.Equal(shared, embedded) {
		t.Log("note: embedded lapor-categories.json differs from the shared data file")
	}
}

func TestDefaultKnownEntries(t *testing.T) {
	tree := Default()
	names := map[string]string{} // code -> name
	byName := map[string]string{}
	walk(tree, func(n store.CategoryNode, _ int) { names[n.Code] = n.Name; byName[n.Name] = n.Code })
	for _, want := range []string{
		"Agama",
		"Pekerjaan Umum dan Penataan Ruang",
		"Drainase (Gorong-Gorong/Parit)",
		"KTP (Kartu Tanda Penduduk)",
		"Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat",
		"SP4N-LAPOR!",
		"Program Makan Bergizi Gratis (MBG)",
		"Lampu Penerangan Jalan Umum",
		"Biaya/Tarif PDAM",
	} {
		if _, ok := byName[want]; !ok {
			t.Errorf("no category named %q", want)
		}
	}
	if got := names["agama"]; got != "Agama" {
		t.Errorf("code agama = %q", got)
	}
	// "Lainnya" entries sort last within their parent.
	for _, top := range tree {
		other := false
		for _, c := range top.Children {
			if isOther(c.Name) {
				other = true
			} else if other {
				t.Errorf("%s: %q sorts after a Lainnya entry", top.Code, c.Name)
			}
		}
	}
	for i := 1; i < len(tree); i++ {
		if strings.ToLower(tree[i-1].Name) > strings.ToLower(tree[i].Name) && !isOther(tree[i].Name) {
			t.Errorf("top levels not sorted: %q before %q", tree[i-1].Name, tree[i].Name)
		}
	}
}

func TestTitleCase(t *testing.T) {
	cases := map[string]string{
		"PEKERJAAN UMUM DAN PENATAAN RUANG":            "Pekerjaan Umum dan Penataan Ruang",
		"KTP (KARTU TANDA PENDUDUK)":                   "KTP (Kartu Tanda Penduduk)",
		"DRAINASE (GORONG-GORONG/PARIT)":               "Drainase (Gorong-Gorong/Parit)",
		"ALAT PELINDUNG DIRI (APD)":                    "Alat Pelindung Diri (APD)",
		"TES PCR":                                      "Tes PCR",
		"IURAN BPJS KESEHATAN":                         "Iuran BPJS Kesehatan",
		"BANTUAN UMKM":                                 "Bantuan UMKM",
		"TNI DAN POLRI":                                "TNI dan POLRI",
		"BIAYA PERAWATAN PASIEN COVID-19":              "Biaya Perawatan Pasien COVID-19",
		"SP4N-LAPOR!":                                  "SP4N-LAPOR!",
		"KEKERASAN DI SATUAN PENDIDIKAN":               "Kekerasan di Satuan Pendidikan",
		"DI LUAR JAM KERJA":                            "Di Luar Jam Kerja",
		"KELANGKAAN BBM/ELPIJI":                        "Kelangkaan BBM/Elpiji",
		"DISINFEKTAN, MASKER, DLL":                     "Disinfektan, Masker, dll",
		"PENCEGAHAN (P4GN)":                            "Pencegahan (P4GN)",
		"BEASISWA S2/S3":                               "Beasiswa S2/S3",
		"E-KTP HILANG":                                 "E-KTP Hilang",
		"BANSOS K/L":                                   "Bansos K/L",
		"API":                                          "Api",
		"distribusi & penyaluran mbg":                  "Distribusi & Penyaluran MBG",
		"Lampu Penerangan Jalan Umum":                  "Lampu Penerangan Jalan Umum",
		"PROGRAM KPR (KREDIT PEMILIKAN RUMAH) BPJS-TK": "Program KPR (Kredit Pemilikan Rumah) BPJS-TK",
	}
	for in, want := range cases {
		if got := TitleCase(in); got != want {
			t.Errorf("TitleCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Drainase (Gorong-Gorong/Parit)":  "drainase-gorong-gorong-parit",
		"Distribusi & Penyaluran MBG":     "distribusi-dan-penyaluran-mbg",
		"SP4N-LAPOR!":                     "sp4n-lapor",
		"  Bansos K/L ":                   "bansos-k-l",
		"Pelayanan Kesehatan Rumah Sakit": "pelayanan-kesehatan-rumah-sakit",
		"Café":                            "cafe",
		"!!!":                             "",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseCleans(t *testing.T) {
	in := `{
		"JALAN\u00a0DAN  JEMBATAN": ["LAINNYA", "JALAN BERLUBANG", "Jalan berlubang", "JALAN BERLUBANG", "  ", "JEMBATAN RUSAK", "LAINNYA"],
		"SAMPAH": [],
		"JALAN DAN JEMBATAN": ["TROTOAR"],
		"` + strings.Repeat("SANGAT PANJANG ", 13) + `": ["` + strings.Repeat("SUB KATEGORI YANG PANJANG ", 7) + `", "` + strings.Repeat("SUB KATEGORI YANG PANJANG ", 7) + `LAGI"]
	}`
	tree, err := ParseLaporCategories(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(tree) != 3 {
		t.Fatalf("top levels = %d, want 3 (duplicates merged): %+v", len(tree), tree)
	}
	jalan := tree[0]
	if jalan.Name != "Jalan dan Jembatan" || jalan.Code != "jalan-dan-jembatan" {
		t.Errorf("first = %q %q", jalan.Name, jalan.Code)
	}
	var names, codes []string
	for _, c := range jalan.Children {
		names = append(names, c.Name)
		codes = append(codes, c.Code)
	}
	wantNames := []string{"Jalan Berlubang", "Jembatan Rusak", "Trotoar", "Lainnya"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("children = %q, want %q", names, wantNames)
	}
	wantCodes := []string{"jalan-jembatan-jalan-berlubang", "jalan-jembatan-jembatan-rusak", "jalan-jembatan-trotoar", "jalan-jembatan-lainnya"}
	if !reflect.DeepEqual(codes, wantCodes) {
		t.Errorf("codes = %q, want %q", codes, wantCodes)
	}
	if tree[1].Name != "Sampah" || len(tree[1].Children) != 0 {
		t.Errorf("second = %+v", tree[1])
	}
	long := tree[2]
	if len(long.Children) != 2 {
		t.Errorf("long children = %d, want 2", len(long.Children))
	}
	seen := map[string]bool{long.Code: true}
	for _, n := range append([]store.CategoryNode{long}, long.Children...) {
		if len(n.Code) > 64 || !domain.ValidCode(n.Code) {
			t.Errorf("long code %q (%d)", n.Code, len(n.Code))
		}
	}
	for _, c := range long.Children {
		if seen[c.Code] {
			t.Errorf("duplicate code %q", c.Code)
		}
		seen[c.Code] = true
	}
	// Same input, same output.
	again, _ := ParseLaporCategories(strings.NewReader(in))
	if !reflect.DeepEqual(tree, again) {
		t.Error("parse is not deterministic")
	}
}

func TestParseCodeCollisions(t *testing.T) {
	// Different names with the same slug in different places of the tree.
	in := `{"A B": ["C"], "A B C": [], "A": ["B C", "B-C"]}`
	tree, err := ParseLaporCategories(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	walk(tree, func(n store.CategoryNode, _ int) {
		if seen[n.Code] {
			t.Errorf("duplicate code %q", n.Code)
		}
		seen[n.Code] = true
		if !domain.ValidCode(n.Code) {
			t.Errorf("invalid code %q", n.Code)
		}
	})
	if Count(tree) != 5 {
		t.Errorf("count = %d, want 5 (B C and B-C are one)", Count(tree))
	}
}

func TestParseErrors(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"empty":        {"", "unexpected end"},
		"truncated":    {`{"A": ["B"`, "unexpected end"},
		"syntax":       {`{"A": ["B",]}`, "invalid JSON"},
		"not object":   {`["A", "B"]`, "must be a JSON object"},
		"null":         {`null`, "must be a JSON object"},
		"value string": {`{"A": "B"}`, "must be a list"},
		"value null":   {`{"A": null}`, "must be a list"},
		"number":       {`{"A": ["B", 3]}`, `entry 2 is a number`},
		"nested list":  {`{"A": [["B"]]}`, "entry 1 is a list"},
		"object entry": {`{"A": [{"B": 1}]}`, "entry 1 is an object"},
		"bool":         {`{"A": [true]}`, "a boolean"},
		"trailing":     {`{"A": []} {"B": []}`, "after the JSON object"},
		"empty name":   {`{" ": ["B"]}`, "empty name"},
		"too long":     {`{"A": ["` + strings.Repeat("X", MaxName+1) + `"]}`, "longer than"},
	}
	for name, c := range cases {
		_, err := ParseLaporCategories(strings.NewReader(c.in))
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q does not mention %q", name, err, c.want)
		}
	}
}

func TestParseSizeLimit(t *testing.T) {
	big := `{"A": ["` + strings.Repeat("B", MaxInput) + `"]}`
	_, err := ParseLaporCategories(strings.NewReader(big))
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v, want a size error", err)
	}
	// Just under the limit is read (and then fails on the name's length,
	// not on size).
	pad := strings.Repeat(" ", MaxInput-20)
	_, err = ParseLaporCategories(strings.NewReader(`{"A": []}` + pad))
	if err != nil {
		t.Fatalf("padded input under the limit: %v", err)
	}
}
