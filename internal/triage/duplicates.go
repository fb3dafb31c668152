package triage

import (
	"math"
	"sort"

	"github.com/lapor-id/lapor/internal/textprep"
)

// Candidate is an open public report a new one may repeat.
type Candidate struct {
	ID         int64
	TrackingID string
	Title      string
	Body       string
	Category   int64    // 0: none
	Lat, Lon   *float64 // nil: no map point
	Supports   int
}

// Query is a report being written or checked: its text, category and
// place, and the radius within which a report with a place counts.
type Query struct {
	Title, Body string
	Category    int64
	Lat, Lon    *float64
	RadiusM     float64 // 0: DefaultRadius
	Exclude     int64   // a report id never returned (the report itself)
}

// DefaultRadius is how near, in metres, two reports with a map point must
// be to count as the same problem, unless the category says otherwise.
const DefaultRadius = 200

// MinSimilarity is the least text similarity (cosine of the reports'
// weighted tokens, 0 to 1) at which a report is a likely duplicate.
const MinSimilarity = 0.3

// Match is a likely duplicate.
type Match struct {
	Candidate
	Similarity float64  // 0 to 1
	DistanceM  *float64 // metres between the two map points; nil when either has none
}

// DuplicateIndex finds likely duplicates among open public reports. It is
// immutable once built and safe for concurrent use. Each report is a
// unit-length vector of its tokens' weights, kept only as postings (token
// → the reports holding it, with the weight there), so a search adds up
// the postings of the query's tokens and reads nothing else.
type DuplicateIndex struct {
	cands    []Candidate
	vocab    map[string]int32
	postings [][]dupPosting // by token id
	idf      []float64      // by token id
	maxIDF   float64        // the rarity of a token no indexed report has
	related  func(a, b int64) bool
}

type dupPosting struct {
	cand   int32
	weight float32
}

// NewDuplicateIndex indexes cands; related says whether two categories are
// the same problem area (the same category, or siblings under one parent).
func NewDuplicateIndex(cands []Candidate, related func(a, b int64) bool) *DuplicateIndex {
	cache := textprep.NewCache()
	ix := &DuplicateIndex{cands: cands, vocab: map[string]int32{}, related: related,
		maxIDF: math.Log(1 + float64(len(cands)+1))}
	type termCount struct {
		id    int32
		count float32
	}
	docs := make([][]termCount, len(cands))
	var df []int
	tf := map[string]float64{}
	for i, c := range cands {
		termFreqs(cache, c.Title, c.Body, tf)
		doc := make([]termCount, 0, len(tf))
		for t, n := range tf {
			id, ok := ix.vocab[t]
			if !ok {
				id = int32(len(df))
				ix.vocab[t] = id
				df = append(df, 0)
			}
			df[id]++
			doc = append(doc, termCount{id, float32(n)})
		}
		docs[i] = doc
	}
	n := float64(len(cands))
	ix.idf = make([]float64, len(df))
	ix.postings = make([][]dupPosting, len(df))
	for id, d := range df {
		ix.idf[id] = math.Log(1 + (n+1)/float64(d))
		ix.postings[id] = make([]dupPosting, 0, d)
	}
	for i, doc := range docs {
		var norm float64
		for _, tc := range doc {
			w := (1 + math.Log(float64(tc.count))) * ix.idf[tc.id]
			norm += w * w
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			continue
		}
		for _, tc := range doc {
			w := (1 + math.Log(float64(tc.count))) * ix.idf[tc.id] / norm
			ix.postings[tc.id] = append(ix.postings[tc.id], dupPosting{cand: int32(i), weight: float32(w)})
		}
	}
	return ix
}

// Len is the number of reports indexed.
func (ix *DuplicateIndex) Len() int {
	if ix == nil {
		return 0
	}
	return len(ix.cands)
}

// termFreqs counts the tokens of a report into tf (cleared first), its
// title's twice.
func termFreqs(cache *textprep.Cache, title, body string, tf map[string]float64) {
	clear(tf)
	for _, t := range cache.Tokens(title) {
		tf[t] += 2
	}
	for _, t := range cache.Tokens(body) {
		tf[t]++
	}
}

// Find returns up to n likely duplicates of q, most similar first: similar
// enough in text, in the same or a related category when both have one,
// and within the radius when both have a map point.
func (ix *DuplicateIndex) Find(q Query, n int) []Match {
	if ix == nil || len(ix.cands) == 0 || n <= 0 {
		return nil
	}
	tf := map[string]float64{}
	termFreqs(nil, q.Title, q.Body, tf)
	// The query's own unit-length weights; a token no report has still
	// counts in its length (it makes the query less like every report).
	type qterm struct {
		id int32
		w  float64
	}
	var terms []qterm
	var norm float64
	for t, c := range tf {
		idf := ix.maxIDF
		id, ok := ix.vocab[t]
		if ok {
			idf = ix.idf[id]
		}
		w := (1 + math.Log(c)) * idf
		norm += w * w
		if ok {
			terms = append(terms, qterm{id, w})
		}
	}
	if norm == 0 || len(terms) == 0 {
		return nil
	}
	norm = math.Sqrt(norm)
	acc := make([]float32, len(ix.cands))
	var touched []int32
	for _, t := range terms {
		w := float32(t.w / norm)
		for _, p := range ix.postings[t.id] {
			if acc[p.cand] == 0 {
				touched = append(touched, p.cand)
			}
			acc[p.cand] += w * p.weight
		}
	}
	radius := q.RadiusM
	if radius <= 0 {
		radius = DefaultRadius
	}
	// The n best, kept in order while scanning (n is small).
	var out []Match
	better := func(a, b *Match) bool {
		if a.Similarity != b.Similarity {
			return a.Similarity > b.Similarity
		}
		return a.ID > b.ID
	}
	for _, i := range touched {
		s := math.Min(1, float64(acc[i]))
		if s < MinSimilarity || (len(out) == n && s < out[n-1].Similarity) {
			continue
		}
		c := &ix.cands[i]
		if c.ID == q.Exclude {
			continue
		}
		if q.Category != 0 && c.Category != 0 && ix.related != nil && !ix.related(q.Category, c.Category) {
			continue
		}
		m := Match{Candidate: *c, Similarity: s}
		if q.Lat != nil && q.Lon != nil && c.Lat != nil && c.Lon != nil {
			d := DistanceM(*q.Lat, *q.Lon, *c.Lat, *c.Lon)
			if d > radius {
				continue
			}
			m.DistanceM = &d
		}
		if len(out) == n {
			if !better(&m, &out[n-1]) {
				continue
			}
			out = out[:n-1]
		}
		at := sort.Search(len(out), func(k int) bool { return better(&m, &out[k]) })
		out = append(out, Match{})
		copy(out[at+1:], out[at:])
		out[at] = m
	}
	return out
}

// DistanceM is the great-circle distance in metres between two points
// given in degrees (haversine, on a sphere of the Earth's mean radius).
func DistanceM(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371008.8
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
