package triage

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

const (
	pu                            = 1 // Dinas Pekerjaan Umum
	dlh                           = 2 // Dinas Lingkungan Hidup
	dishub                        = 3
	catJalan, catSampah, catLampu = 10, 11, 12
)

var t0 = time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)

func ex(id int64, title, body string, unit, cat int64, not ...int64) Example {
	return Example{ReportID: id, Title: title, Body: body, Unit: unit, Category: cat, NotUnits: not, FiledAt: t0.Add(time.Duration(id) * time.Hour)}
}

func history() []Example {
	return []Example{
		ex(1, "Jalan berlubang di Jl. Ahmad Yani", "lubangnya dalam, motor sering jatuh", pu, catJalan),
		ex(2, "Aspal rusak parah", "jalan rusak depan sekolah belum diperbaiki", pu, catJalan),
		ex(3, "Jalan retak dan berlubang", "perbaikan jalan tdk selesai", pu, catJalan),
		ex(4, "Sampah menumpuk di pasar", "bau sampah tidak diangkut seminggu", dlh, catSampah),
		ex(5, "Tumpukan sampah di Gg. Mawar", "sampahnya tdk diangkut petugas", dlh, catSampah),
		ex(6, "TPS penuh", "pengangkutan sampah terlambat", dlh, catSampah),
		ex(7, "Lampu jalan mati", "penerangan jalan padam di malam hari", dishub, catLampu),
		ex(8, "Lampu PJU tidak menyala", "jalan gelap, lampunya mati", dishub, catLampu),
	}
}

func ids(s []Scored) []int64 {
	var out []int64
	for _, x := range s {
		out = append(out, x.ID)
	}
	return out
}

func TestLearnsFromRoutings(t *testing.T) {
	m := Train(history(), nil, nil)
	if m.Examples() != 8 {
		t.Fatalf("examples = %d", m.Examples())
	}
	for _, c := range []struct {
		title, body string
		unit, cat   int64
	}{
		{"Jln berlubang bgt", "di depan SD", pu, catJalan},
		{"sampah2 ga diangkut", "numpuk di pinggir jalan", dlh, catSampah},
		{"lampu jalanan padam", "", dishub, catLampu},
	} {
		us := m.Units(c.title, c.body, 3)
		cs := m.Categories(c.title, c.body, 3)
		if len(us) != 3 || us[0].ID != c.unit || len(cs) == 0 || cs[0].ID != c.cat {
			t.Errorf("%q: units %v, categories %v; want %d, %d first", c.title, us, cs, c.unit, c.cat)
		}
		if !(us[0].Confidence > us[1].Confidence && us[1].Confidence >= us[2].Confidence) {
			t.Errorf("%q: confidences not best first: %v", c.title, us)
		}
		var sum float64
		for _, u := range m.Units(c.title, c.body, 10) {
			sum += u.Confidence
		}
		if sum < 0.999 || sum > 1.001 {
			t.Errorf("confidences add up to %v", sum)
		}
	}
	if got := m.Units("xyzzy qwerty", "", 3); got != nil {
		t.Errorf("unknown words: %v, want no suggestion", got)
	}
}

// A unit that keeps returning a kind of report stops being suggested for it.
func TestLearnsFromReturns(t *testing.T) {
	h := history()
	// Street lights were first routed to PU, which returned them; Dishub took them.
	for i := range 4 {
		h = append(h, ex(int64(20+i), "Lampu jalan mati", "lampu penerangan jalan padam", dishub, catLampu, pu))
		h = append(h, ex(int64(30+i), "Lampu jalan mati lagi", "lampunya tidak menyala", pu, catLampu))
	}
	before := Train(h, nil, nil).Units("lampu jalan padam", "", 3)
	for i := range 8 {
		h = append(h, ex(int64(40+i), "Lampu jalan padam", "tiang lampu mati", 0, 0, pu))
	}
	after := Train(h, nil, nil).Units("lampu jalan padam", "", 3)
	if after[0].ID != dishub {
		t.Fatalf("after the returns: %v, want Dishub first (before: %v)", after, before)
	}
	if conf(after, pu) >= conf(before, pu) {
		t.Errorf("PU's confidence did not drop: before %v, after %v", before, after)
	}
}

func conf(s []Scored, id int64) float64 {
	for _, x := range s {
		if x.ID == id {
			return x.Confidence
		}
	}
	return 0
}

// Before there is any history, the units' keywords and the category
// names give the suggestions.
func TestSeedsBeforeHistory(t *testing.T) {
	m := Train(nil,
		[]Seed{{pu, "jalan aspal jembatan drainase trotoar"}, {dlh, "sampah TPS kebersihan limbah"}, {dishub, "lampu PJU lalu lintas parkir angkot"}},
		[]Seed{{catJalan, "Infrastruktur Jalan"}, {catSampah, "Lingkungan Hidup Sampah"}, {catLampu, "Penerangan Jalan Umum Lampu"}})
	if m.Examples() != 0 {
		t.Fatalf("examples = %d", m.Examples())
	}
	if u := m.Units("Sampah berserakan", "kebersihannya kurang", 3); ids(u)[0] != dlh {
		t.Errorf("units %v", u)
	}
	if u := m.Units("Jembatan retak", "", 3); ids(u)[0] != pu {
		t.Errorf("units %v", u)
	}
	if c := m.Categories("lampu mati", "", 3); ids(c)[0] != catLampu {
		t.Errorf("categories %v", c)
	}
}

func TestEvaluate(t *testing.T) {
	var h []Example
	id := int64(0)
	for month := range 4 {
		for _, e := range history() {
			id++
			e.ReportID = id
			e.FiledAt = time.Date(2026, time.Month(1+month), 3+int(id%20), 9, 0, 0, 0, time.UTC)
			h = append(h, e)
		}
	}
	// One mislabelled report: PU got a rubbish report.
	h = append(h, ex(99, "Sampah di jalan", "sampah menumpuk", pu, catSampah))
	h[len(h)-1].FiledAt = time.Date(2026, 4, 28, 9, 0, 0, 0, time.UTC)
	ev := Evaluate(h, nil, nil, time.UTC)
	if ev.Months != 3 || ev.UnitTests != 25 || ev.CategoryTests != 25 {
		t.Fatalf("evaluation %+v", ev)
	}
	if ev.UnitTop1 != 24 || ev.UnitTop3 != 25 || ev.CategoryTop1 != 25 {
		t.Errorf("evaluation %+v", ev)
	}
	if len(ev.Confused) != 1 || ev.Confused[0] != (Confusion{Want: pu, Got: dlh, Count: 1}) {
		t.Errorf("confused %+v", ev.Confused)
	}
	if r := Rate(ev.UnitTop1, ev.UnitTests); r != 0.96 {
		t.Errorf("rate %v", r)
	}
}

// synthetic makes n examples over units and categories drawn from a
// vocabulary, for the speed tests.
func synthetic(n, units, cats int) []Example {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields(`jalan lubang rusak sampah tumpuk angkut lampu padam mati banjir genang saluran got
		air pdam bocor pipa listrik tiang kabel pohon tumbang parkir liar macet terminal angkot sekolah guru
		puskesmas obat antre pelayanan izin ktp kk akta pasar pedagang kaki lima trotoar taman bising asap
		bakar pungli calo bantuan sosial rumah longsor jembatan retak drainase aspal berlubang diperbaiki`)
	out := make([]Example, n)
	for i := range out {
		u := rng.IntN(units)
		var title, body strings.Builder
		for j := range 6 {
			w := vocab[(u*7+rng.IntN(12))%len(vocab)]
			if j < 3 {
				title.WriteString(w + " ")
			}
			body.WriteString(w + " " + vocab[rng.IntN(len(vocab))] + fmt.Sprintf(" rt%d ", rng.IntN(40)))
		}
		out[i] = Example{ReportID: int64(i + 1), Title: title.String(), Body: body.String(), Unit: int64(u + 1),
			Category: int64(1000 + (u*13+rng.IntN(5))%cats), FiledAt: t0.Add(time.Duration(i) * time.Minute)}
	}
	return out
}

// A suggestion takes well under 5 ms, with hundreds of categories.
func TestSuggestionSpeed(t *testing.T) {
	m := Train(synthetic(5000, 40, 900), nil, nil)
	start := time.Now()
	const runs = 50
	for range runs {
		m.Units("Jalan berlubang depan sekolah", "lubangnya dalam sekali dan belum diperbaiki sejak bulan lalu", 3)
		m.Categories("Jalan berlubang depan sekolah", "lubangnya dalam sekali dan belum diperbaiki sejak bulan lalu", 3)
	}
	if per := time.Since(start) / runs; per > 5*time.Millisecond {
		t.Errorf("a suggestion took %v", per)
	}
}

// go test ./internal/triage -run '^$' -bench Train100k -benchtime 1x
func BenchmarkTrain100k(b *testing.B) {
	h := synthetic(100_000, 40, 900)
	b.ResetTimer()
	for range b.N {
		Train(h, nil, nil)
	}
}

func BenchmarkSuggest(b *testing.B) {
	m := Train(synthetic(20_000, 40, 900), nil, nil)
	b.ResetTimer()
	for range b.N {
		m.Units("Jalan berlubang depan sekolah", "lubangnya dalam sekali dan belum diperbaiki", 3)
		m.Categories("Jalan berlubang depan sekolah", "lubangnya dalam sekali dan belum diperbaiki", 3)
	}
}
