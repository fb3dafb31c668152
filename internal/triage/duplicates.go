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
// immutable once built and safe for concurrent use.
type DuplicateIndex struct {
	cands    []Candidate
	vecs     []map[string]float64 // unit-length token weights
	postings map[string][]int32   // token → candidates holding it
	idf      map[string]float64
	related  func(a, b int64) bool
}

// NewDuplicateIndex indexes cands; related says whether two categories are
// the same problem area (the same category, or siblings under one parent).
func NewDuplicateIndex(cands []Candidate, related func(a, b int64) bool) *DuplicateIndex {
	cache := textprep.NewCache()
	ix := &DuplicateIndex{cands: cands, vecs: make([]map[string]float64, len(cands)), postings: map[string][]int32{},
		idf: map[string]float64{}, related: related}
	tfs := make([]map[string]float64, len(cands))
	df := map[string]int{}
	for i, c := range cands {
		tfs[i] = termFreqs(cache, c.Title, c.Body)
		for t := range tfs[i] {
			df[t]++
			ix.postings[t] = append(ix.postings[t], int32(i))
		}
	}
	n := float64(len(cands))
	for t, d := range df {
		ix.idf[t] = math.Log(1 + (n+1)/float64(d))
	}
	for i := range cands {
		ix.vecs[i] = ix.weigh(tfs[i])
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

// termFreqs counts the tokens of a report, its title's twice.
func termFreqs(cache *textprep.Cache, title, body string) map[string]float64 {
	tf := map[string]float64{}
	for _, t := range cache.Tokens(title) {
		tf[t] += 2
	}
	for _, t := range cache.Tokens(body) {
		tf[t]++
	}
	return tf
}

// weigh turns term counts into a unit-length vector of log-scaled counts
// times the tokens' rarity; a token no indexed report has gets the
// highest rarity.
func (ix *DuplicateIndex) weigh(tf map[string]float64) map[string]float64 {
	v := make(map[string]float64, len(tf))
	maxIDF := math.Log(1 + float64(len(ix.cands)+1))
	var norm float64
	for t, n := range tf {
		idf, ok := ix.idf[t]
		if !ok {
			idf = maxIDF
		}
		w := (1 + math.Log(n)) * idf
		v[t] = w
		norm += w * w
	}
	if norm == 0 {
		return v
	}
	norm = math.Sqrt(norm)
	for t := range v {
		v[t] /= norm
	}
	return v
}

// Find returns up to n likely duplicates of q, most similar first: similar
// enough in text, in the same or a related category when both have one,
// and within the radius when both have a map point.
func (ix *DuplicateIndex) Find(q Query, n int) []Match {
	if ix == nil || len(ix.cands) == 0 || n <= 0 {
		return nil
	}
	qv := ix.weigh(termFreqs(nil, q.Title, q.Body))
	scores := map[int32]float64{}
	for t, w := range qv {
		for _, i := range ix.postings[t] {
			scores[i] += w * ix.vecs[i][t]
		}
	}
	radius := q.RadiusM
	if radius <= 0 {
		radius = DefaultRadius
	}
	var out []Match
	for i, s := range scores {
		c := ix.cands[i]
		if s < MinSimilarity || c.ID == q.Exclude {
			continue
		}
		if q.Category != 0 && c.Category != 0 && ix.related != nil && !ix.related(q.Category, c.Category) {
			continue
		}
		m := Match{Candidate: c, Similarity: math.Min(1, s)}
		if q.Lat != nil && q.Lon != nil && c.Lat != nil && c.Lon != nil {
			d := DistanceM(*q.Lat, *q.Lon, *c.Lat, *c.Lon)
			if d > radius {
				continue
			}
			m.DistanceM = &d
		}
		out = append(out, m)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Similarity != out[b].Similarity {
			return out[a].Similarity > out[b].Similarity
		}
		return out[a].ID > out[b].ID
	})
	if len(out) > n {
		out = out[:n]
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
