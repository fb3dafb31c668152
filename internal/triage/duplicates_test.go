package triage

import (
	"math"
	"testing"
)

func f(x float64) *float64 { return &x }

func TestDistance(t *testing.T) {
	// Bontang: 0.001° of latitude is about 111 m.
	if d := DistanceM(0.1333, 117.5, 0.1343, 117.5); math.Abs(d-111.2) > 0.5 {
		t.Errorf("distance %v", d)
	}
	if d := DistanceM(0.1333, 117.5, 0.1333, 117.5); d != 0 {
		t.Errorf("same point: %v", d)
	}
}

func TestFindDuplicates(t *testing.T) {
	const jalan, drainase, sampah = 10, 11, 20
	related := func(a, b int64) bool { return a/10 == b/10 } // siblings under one parent
	cands := []Candidate{
		{ID: 1, TrackingID: "A", Title: "Jalan berlubang di Jl. Ahmad Yani", Body: "Lubang besar depan SDN 003, motor sering jatuh.",
			Category: jalan, Lat: f(0.1333), Lon: f(117.5)},
		{ID: 2, TrackingID: "B", Title: "Jalan berlubang di Jl. Ahmad Yani", Body: "Lubang besar depan SDN 003.",
			Category: jalan, Lat: f(0.1433), Lon: f(117.5)}, // 1.1 km away
		{ID: 3, TrackingID: "C", Title: "Lubang di jalan", Body: "jalan berlubang", Category: sampah},
		{ID: 4, TrackingID: "D", Title: "Sampah menumpuk di pasar", Body: "bau sekali", Category: sampah},
		{ID: 5, TrackingID: "E", Title: "Jalanan berlubang Ahmad Yani", Body: "lubangnya dalam", Category: drainase},
	}
	ix := NewDuplicateIndex(cands, related)
	if ix.Len() != 5 {
		t.Fatal(ix.Len())
	}
	got := ix.Find(Query{Title: "Jln Ahmad Yani berlubang", Body: "lubangnya besar bgt depan SD", Category: jalan,
		Lat: f(0.1341), Lon: f(117.5)}, 5)
	ids := map[string]bool{}
	for _, m := range got {
		ids[m.TrackingID] = true
		if m.Similarity < MinSimilarity || m.Similarity > 1 {
			t.Errorf("similarity %v", m.Similarity)
		}
	}
	// A: near and alike. B: alike but too far. C: another area's category.
	// D: unlike. E: a related category without a map point.
	if !ids["A"] || ids["B"] || ids["C"] || ids["D"] || !ids["E"] || len(got) != 2 {
		t.Fatalf("found %+v", got)
	}
	for _, m := range got {
		if m.TrackingID == "A" && (m.DistanceM == nil || math.Abs(*m.DistanceM-89) > 2) {
			t.Errorf("distance %v", m.DistanceM)
		}
		if m.TrackingID == "E" && m.DistanceM != nil {
			t.Errorf("a distance without a map point")
		}
	}
	// A wider radius (the category's own) reaches B; Exclude drops A.
	got = ix.Find(Query{Title: "Jalan berlubang di Jl. Ahmad Yani", Category: jalan, Lat: f(0.1341), Lon: f(117.5),
		RadiusM: 2000, Exclude: 1}, 5)
	ids = map[string]bool{}
	for _, m := range got {
		ids[m.TrackingID] = true
	}
	if ids["A"] || !ids["B"] {
		t.Fatalf("wide radius: %+v", got)
	}
	// Without a category or a place, the text alone decides.
	if got := ix.Find(Query{Title: "sampah numpuk di pasar", Body: "baunya menyengat"}, 5); len(got) != 1 || got[0].TrackingID != "D" {
		t.Fatalf("text only: %+v", got)
	}
	if got := ix.Find(Query{Title: "Izin usaha lama"}, 5); len(got) != 0 {
		t.Fatalf("unrelated: %+v", got)
	}
}

// go test ./internal/triage -run '^$' -bench Duplicate -benchtime 1x
func BenchmarkDuplicateIndex100k(b *testing.B) {
	ex := synthetic(100_000, 40, 900)
	cands := make([]Candidate, len(ex))
	for i, e := range ex {
		lat, lon := 0.1+float64(i%100)*0.001, 117.4+float64(i%77)*0.001
		cands[i] = Candidate{ID: e.ReportID, TrackingID: "T", Title: e.Title, Body: e.Body, Category: e.Category, Lat: &lat, Lon: &lon}
	}
	b.ResetTimer()
	for range b.N {
		NewDuplicateIndex(cands, nil)
	}
}

func BenchmarkDuplicateFind100k(b *testing.B) {
	ex := synthetic(100_000, 40, 900)
	cands := make([]Candidate, len(ex))
	for i, e := range ex {
		cands[i] = Candidate{ID: e.ReportID, Title: e.Title, Body: e.Body, Category: e.Category}
	}
	ix := NewDuplicateIndex(cands, nil)
	b.ResetTimer()
	for range b.N {
		ix.Find(Query{Title: "Jalan berlubang depan sekolah", Body: "lubangnya dalam sekali dan belum diperbaiki"}, 5)
	}
}
