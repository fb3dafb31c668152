package triage

import (
	"sort"
	"time"
)

// Evaluation is how well the model would have suggested, by time-ordered
// cross-validation: for every month of the history after the first, a
// model trained on everything filed before the month is asked about the
// reports filed in it.
type Evaluation struct {
	Months                     int // months tested
	UnitTests, CategoryTests   int // reports tested (with a unit, with a category)
	UnitTop1, UnitTop3         int // tests whose unit was the first, among the first three
	CategoryTop1, CategoryTop3 int
	Confused                   []Confusion // most often mixed-up pairs of units, most first
}

// Confusion counts the reports of unit Want the model put unit Got first for.
type Confusion struct {
	Want, Got int64
	Count     int
}

// Rate returns hits over tests, 0 with no tests.
func Rate(hits, tests int) float64 {
	if tests == 0 {
		return 0
	}
	return float64(hits) / float64(tests)
}

// Evaluate runs the cross-validation over examples in loc's months.
func Evaluate(examples []Example, unitSeeds, catSeeds []Seed, loc *time.Location) Evaluation {
	var ev Evaluation
	if len(examples) == 0 {
		return ev
	}
	sorted := append([]Example(nil), examples...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].FiledAt.Before(sorted[j].FiledAt) })
	monthOf := func(t time.Time) time.Time {
		t = t.In(loc)
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	}
	confused := map[[2]int64]int{}
	start := 0 // first example of the month tested
	for start < len(sorted) {
		month := monthOf(sorted[start].FiledAt)
		end := start
		for end < len(sorted) && monthOf(sorted[end].FiledAt).Equal(month) {
			end++
		}
		if start > 0 {
			ev.Months++
			m := Train(sorted[:start], unitSeeds, catSeeds)
			for _, e := range sorted[start:end] {
				if e.Unit != 0 {
					ev.UnitTests++
					got := m.Units(e.Title, e.Body, 3)
					if r := rank(got, e.Unit); r == 0 {
						ev.UnitTop1++
					} else if len(got) > 0 {
						confused[[2]int64{e.Unit, got[0].ID}]++
					}
					if r := rank(got, e.Unit); r >= 0 && r < 3 {
						ev.UnitTop3++
					}
				}
				if e.Category != 0 {
					ev.CategoryTests++
					r := rank(m.Categories(e.Title, e.Body, 3), e.Category)
					if r == 0 {
						ev.CategoryTop1++
					}
					if r >= 0 && r < 3 {
						ev.CategoryTop3++
					}
				}
			}
		}
		start = end
	}
	for k, n := range confused {
		ev.Confused = append(ev.Confused, Confusion{Want: k[0], Got: k[1], Count: n})
	}
	sort.Slice(ev.Confused, func(i, j int) bool {
		a, b := ev.Confused[i], ev.Confused[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Want != b.Want {
			return a.Want < b.Want
		}
		return a.Got < b.Got
	})
	return ev
}

func rank(got []Scored, id int64) int {
	for i, s := range got {
		if s.ID == id {
			return i
		}
	}
	return -1
}
