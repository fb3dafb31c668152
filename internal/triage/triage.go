// Package triage suggests the unit and the category of a new report from
// the instance's own history: a multinomial naive Bayes classifier over the
// report's words (textprep tokens) and the character 4-grams of those
// words, one for units and one for categories. Every verification, reroute
// and forward is a labelled example for the unit it routes to; a return
// ("bukan kewenangan") and a reroute away are negative examples for the
// unit that let the report go: they take back what similar texts taught
// that unit. Before there is history, the seeds (each unit's keywords, each
// category's name and its parent's) are examples of their own, so the
// first suggestions come from them.
//
// The package is pure: Train builds an immutable Model from examples the
// caller reads from the database, and a Model answers any number of
// goroutines at once.
package triage

import (
	"math"
	"sort"
	"time"

	"github.com/lapor-id/lapor/internal/textprep"
)

// Example is one report as its history labels it.
type Example struct {
	ReportID    int64
	Title, Body string
	FiledAt     time.Time
	Category    int64   // the category staff left it in; 0: none
	Unit        int64   // the unit it was last routed to; 0: none
	NotUnits    []int64 // units that returned it or were rerouted away from
}

// Seed is a label's own words, an example before there is history: a
// unit's keywords, a category's name.
type Seed struct {
	ID    int64
	Words string
}

// Scored is a suggested label with the model's confidence in it, between
// 0 and 1; the confidences of all labels add up to 1.
type Scored struct {
	ID         int64
	Confidence float64
}

// Model suggests units and categories. The zero Model suggests nothing.
type Model struct {
	units, cats *classifier
	examples    int
}

// Examples is the number of examples (not seeds) the model learned from.
func (m *Model) Examples() int {
	if m == nil {
		return 0
	}
	return m.examples
}

// seedWeight is how many examples a seed counts as.
const seedWeight = 2

// Train builds a model from the history and the seeds.
func Train(examples []Example, unitSeeds, catSeeds []Seed) *Model {
	cache := textprep.NewCache()
	ub, cb := newBuilder(), newBuilder()
	var feats map[uint64]float64
	for _, s := range unitSeeds {
		feats = features(cache, s.Words, "", feats)
		ub.add(s.ID, feats, seedWeight)
	}
	for _, s := range catSeeds {
		feats = features(cache, s.Words, "", feats)
		cb.add(s.ID, feats, seedWeight)
	}
	n := 0
	for i := range examples {
		e := &examples[i]
		if e.Unit == 0 && e.Category == 0 && len(e.NotUnits) == 0 {
			continue
		}
		n++
		feats = features(cache, e.Title, e.Body, feats)
		if e.Unit != 0 {
			ub.add(e.Unit, feats, 1)
		}
		for _, u := range e.NotUnits {
			if u != e.Unit {
				ub.add(u, feats, -1)
			}
		}
		if e.Category != 0 {
			cb.add(e.Category, feats, 1)
		}
	}
	return &Model{units: ub.build(), cats: cb.build(), examples: n}
}

// Units returns the n units most likely for a report with this title and
// body, best first.
func (m *Model) Units(title, body string, n int) []Scored {
	if m == nil {
		return nil
	}
	return m.units.top(features(nil, title, body, nil), n)
}

// Categories returns the n categories most likely for the report, best
// first.
func (m *Model) Categories(title, body string, n int) []Scored {
	if m == nil {
		return nil
	}
	return m.cats.top(features(nil, title, body, nil), n)
}

// features counts the features of a text into into (cleared first): each
// token of the title twice (a title says what the report is about) and of
// the body once, and the character 4-grams of every token, the token's
// edges marked.
func features(cache *textprep.Cache, title, body string, into map[uint64]float64) map[uint64]float64 {
	if into == nil {
		into = map[uint64]float64{}
	}
	clear(into)
	addText := func(text string, weight float64) {
		for _, tok := range cache.Tokens(text) {
			into[hash('w', tok)] += weight
			padded := " " + tok + " "
			if len(padded) <= 5 {
				continue // a short token's 4-grams are the token itself
			}
			for i := 0; i+4 <= len(padded); i++ {
				into[hash('g', padded[i:i+4])] += weight * 0.25
			}
		}
	}
	addText(title, 2)
	addText(body, 1)
	return into
}

// hash is FNV-1a over kind and s, without allocating.
func hash(kind byte, s string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h = (h ^ uint64(kind)) * prime
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * prime
	}
	return h
}

// alpha is the additive smoothing of the feature counts.
const alpha = 0.1

// builder gathers the counts of a classifier.
type builder struct {
	classes map[int64]int
	ids     []int64
	docs    []float64                    // examples per class (positive)
	counts  map[uint64]map[int32]float64 // feature → class → count (negatives subtract)
}

func newBuilder() *builder {
	return &builder{classes: map[int64]int{}, counts: map[uint64]map[int32]float64{}}
}

func (b *builder) add(id int64, feats map[uint64]float64, weight float64) {
	c, ok := b.classes[id]
	if !ok {
		if weight < 0 {
			return // nothing to take back from a class never taught
		}
		c = len(b.ids)
		b.classes[id] = c
		b.ids = append(b.ids, id)
		b.docs = append(b.docs, 0)
	}
	if weight > 0 {
		b.docs[c] += weight
	}
	for f, n := range feats {
		m := b.counts[f]
		if m == nil {
			m = map[int32]float64{}
			b.counts[f] = m
		}
		m[int32(c)] += weight * n
	}
}

type posting struct {
	class  int32
	weight float64 // log(count+alpha) - log(alpha)
}

type classifier struct {
	ids      []int64
	logPrior []float64
	logUnit  []float64 // log(alpha) - log(total_c + alpha*V): a feature's weight in a class that never saw it
	feats    map[uint64][]posting
}

func (b *builder) build() *classifier {
	k := len(b.ids)
	c := &classifier{ids: b.ids, logPrior: make([]float64, k), logUnit: make([]float64, k), feats: make(map[uint64][]posting, len(b.counts))}
	totals := make([]float64, k)
	for f, m := range b.counts {
		var ps []posting
		for cls, n := range m {
			if n <= 0 {
				continue
			}
			totals[cls] += n
			ps = append(ps, posting{class: cls, weight: math.Log(n+alpha) - math.Log(alpha)})
		}
		if len(ps) > 0 {
			sort.Slice(ps, func(i, j int) bool { return ps[i].class < ps[j].class })
			c.feats[f] = ps
		}
	}
	v := float64(len(c.feats))
	var docs float64
	for _, d := range b.docs {
		docs += d
	}
	for i := range k {
		c.logPrior[i] = math.Log((b.docs[i] + 1) / (docs + float64(k)))
		c.logUnit[i] = math.Log(alpha) - math.Log(totals[i]+alpha*v)
	}
	return c
}

// top scores every class and returns the n best.
func (c *classifier) top(feats map[uint64]float64, n int) []Scored {
	if c == nil || len(c.ids) == 0 || n <= 0 {
		return nil
	}
	scores := make([]float64, len(c.ids))
	var length float64
	for f, tf := range feats {
		ps, ok := c.feats[f]
		if !ok {
			continue
		}
		length += tf
		for _, p := range ps {
			scores[p.class] += tf * p.weight
		}
	}
	if length == 0 {
		return nil // nothing the model knows: no suggestion rather than the prior alone
	}
	best := math.Inf(-1)
	for i := range scores {
		scores[i] += c.logPrior[i] + length*c.logUnit[i]
		best = max(best, scores[i])
	}
	// The naive independence of the features makes raw posteriors
	// extreme; a temperature growing with the text's length keeps the
	// confidences readable as a ranking's strengths.
	temp := 1 + length/8
	var sum float64
	for i := range scores {
		scores[i] = math.Exp((scores[i] - best) / temp)
		sum += scores[i]
	}
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if scores[idx[a]] != scores[idx[b]] {
			return scores[idx[a]] > scores[idx[b]]
		}
		return c.ids[idx[a]] < c.ids[idx[b]]
	})
	n = min(n, len(idx))
	out := make([]Scored, n)
	for i := range n {
		out[i] = Scored{ID: c.ids[idx[i]], Confidence: scores[idx[i]] / sum}
	}
	return out
}
