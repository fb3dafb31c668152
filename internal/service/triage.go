package service

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/triage"
)

// Routing suggestions (issue 15). Every node keeps its own model, built
// from the database in the background: a suggestion reads the model it
// has, and one older than triageTTL starts a rebuild without waiting for
// it. So requests never wait on training, and any node serves suggestions
// learnt from every node's routings.

const (
	triageTTL      = 5 * time.Minute // a model older than this is rebuilt
	triageTimeout  = 2 * time.Minute // how long a background rebuild may take
	suggestionsTop = 3
	maxKeywords    = 2000 // characters of a unit's keyword list
	// maxTriageExamples is how many of the latest labelled reports the
	// model learns from (training on 100,000 takes about 2 s).
	maxTriageExamples = 100_000
	// maxDuplicateCandidates is how many of the latest open public reports
	// the duplicate search indexes.
	maxDuplicateCandidates = 100_000
)

// Suggestions are the units and categories the model puts first for a
// report, best first.
type Suggestions struct {
	Units      []SuggestedUnit
	Categories []SuggestedCategory
}

// SuggestedUnit is a unit with the model's confidence in it (0 to 1).
type SuggestedUnit struct {
	Unit       domain.Unit
	Confidence float64
}

// SuggestedCategory is a category with the model's confidence in it.
type SuggestedCategory struct {
	Category   domain.Category
	Confidence float64
}

// triageHolder is the current model; copies of the service share it.
type triageHolder struct {
	cur      atomic.Pointer[triageState]
	building atomic.Bool
}

type triageState struct {
	model *triage.Model
	built time.Time
	units map[int64]domain.Unit
	cats  map[int64]domain.Category // the offered ones
	// The duplicate search (duplicates.go): the open public reports, their
	// ids by tracking ID, every category's code both ways, the radii.
	dups      *triage.DuplicateIndex
	dupIDs    map[string]int64
	catByCode map[string]int64
	catCode   map[int64]string
	radii     map[int64]int
}

// RefreshTriage rebuilds the suggestion model from the database now and
// waits for it (the command line, tests, a node's start).
func (s *Service) RefreshTriage(ctx context.Context, v Viewer) (err error) {
	defer domain.Wrap(&err, "service.RefreshTriage")
	if err := authorize(v, domain.PermMaintain); err != nil {
		return err
	}
	st, err := s.buildTriage(ctx)
	if err != nil {
		return err
	}
	s.triage.cur.Store(st)
	return nil
}

// triageModel returns the model in hand, starting a background rebuild
// when there is none or it is old; nil until a first one is built.
func (s *Service) triageModel() *triageState {
	st := s.triage.cur.Load()
	if st == nil || s.now().Sub(st.built) > triageTTL || s.now().Before(st.built) {
		if s.triage.building.CompareAndSwap(false, true) {
			go func() {
				defer s.triage.building.Store(false)
				ctx, cancel := context.WithTimeout(context.Background(), triageTimeout)
				defer cancel()
				next, err := s.buildTriage(ctx)
				if err != nil {
					s.log.Error("rebuild the routing suggestions", "err", err)
					return
				}
				s.triage.cur.Store(next)
			}()
		}
	}
	return st
}

// triageInput reads what the model learns from: the labelled history
// (categories counted as what they were merged into, hidden ones dropped),
// each unit's name and keywords, and each offered category's name with its
// parents' names.
type triageInput struct {
	examples           []triage.Example
	unitSeeds, catSeed []triage.Seed
	units              map[int64]domain.Unit
	cats               map[int64]domain.Category
	all                map[int64]domain.Category // every category, hidden ones too
}

func (s *Service) readTriageInput(ctx context.Context) (*triageInput, error) {
	units, err := s.store.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	kws, err := s.store.UnitKeywords(ctx)
	if err != nil {
		return nil, err
	}
	all, err := s.store.ListCategories(ctx)
	if err != nil {
		return nil, err
	}
	in := &triageInput{units: map[int64]domain.Unit{}, cats: map[int64]domain.Category{}, all: map[int64]domain.Category{}}
	for _, u := range units {
		in.units[u.ID] = u
		in.unitSeeds = append(in.unitSeeds, triage.Seed{ID: u.ID, Words: u.Name + " " + kws[u.ID]})
	}
	byID := map[int64]domain.Category{}
	parents := map[int64]bool{}
	for _, c := range all {
		byID[c.ID] = c
		in.all[c.ID] = c
	}
	offered := domain.OfferedCategories(all)
	for _, c := range offered {
		in.cats[c.ID] = c
		if c.ParentID != nil {
			parents[*c.ParentID] = true
		}
	}
	for _, c := range offered {
		if parents[c.ID] {
			continue // a group: reports are filed under its sub-categories
		}
		words := c.Name
		for p, n := c.ParentID, 0; p != nil && n < 16; n++ {
			pc, ok := byID[*p]
			if !ok {
				break
			}
			words += " " + pc.Name
			p = pc.ParentID
		}
		in.catSeed = append(in.catSeed, triage.Seed{ID: c.ID, Words: words})
	}
	// A category merged into another counts as that one.
	final := func(id int64) int64 {
		for n := 0; n < 16; n++ {
			c, ok := byID[id]
			if !ok {
				return 0
			}
			if c.MergedInto == nil {
				if _, ok := in.cats[id]; !ok {
					return 0
				}
				return id
			}
			id = *c.MergedInto
		}
		return 0
	}
	// Only the latest maxTriageExamples count (a ring while reading), so
	// the model follows the instance's present routing and its memory and
	// training time stay bounded on any size of history.
	next := 0
	err = s.store.TriageExamples(ctx, func(e triage.Example) error {
		if e.Category != 0 {
			e.Category = final(e.Category)
		}
		if _, ok := in.units[e.Unit]; !ok {
			e.Unit = 0
		}
		if len(in.examples) < maxTriageExamples {
			in.examples = append(in.examples, e)
		} else {
			in.examples[next] = e
			next = (next + 1) % maxTriageExamples
		}
		return nil
	})
	if next > 0 { // oldest first again
		in.examples = slices.Concat(in.examples[next:], in.examples[:next])
	}
	return in, err
}

func (s *Service) buildTriage(ctx context.Context) (*triageState, error) {
	in, err := s.readTriageInput(ctx)
	if err != nil {
		return nil, err
	}
	st := &triageState{model: triage.Train(in.examples, in.unitSeeds, in.catSeed), built: s.now(),
		units: in.units, cats: in.cats, dupIDs: map[string]int64{}, catByCode: map[string]int64{}, catCode: map[int64]string{}}
	for id, c := range in.all {
		st.catByCode[c.Code], st.catCode[id] = id, c.Code
	}
	if st.radii, err = s.store.DuplicateRadii(ctx); err != nil {
		return nil, err
	}
	// The latest maxDuplicateCandidates open public reports (a ring while
	// reading): older ones still open are rarely what a new report repeats.
	var cands []triage.Candidate
	next := 0
	err = s.store.OpenPublicReports(ctx, func(c triage.Candidate) error {
		if len(cands) < maxDuplicateCandidates {
			cands = append(cands, c)
		} else {
			cands[next] = c
			next = (next + 1) % maxDuplicateCandidates
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, c := range cands {
		st.dupIDs[c.TrackingID] = c.ID
	}
	st.dups = triage.NewDuplicateIndex(cands, relatedCategories(in.all))
	return st, nil
}

// relatedCategories says whether two categories are the same problem
// area: the same one (a merged one counting as its target), one under the
// other, or two under the same parent.
func relatedCategories(all map[int64]domain.Category) func(a, b int64) bool {
	final := func(id int64) int64 {
		for n := 0; n < 16; n++ {
			c, ok := all[id]
			if !ok || c.MergedInto == nil {
				return id
			}
			id = *c.MergedInto
		}
		return id
	}
	parent := func(id int64) int64 {
		if c, ok := all[id]; ok && c.ParentID != nil {
			return *c.ParentID
		}
		return 0
	}
	return func(a, b int64) bool {
		a, b = final(a), final(b)
		pa, pb := parent(a), parent(b)
		return a == b || pa == b || pb == a || (pa != 0 && pa == pb)
	}
}

// suggest is what the model suggests for r, nil when it has nothing yet.
func (s *Service) suggest(r *domain.Report) *Suggestions {
	st := s.triageModel()
	if st == nil {
		return nil
	}
	out := &Suggestions{}
	for _, sc := range st.model.Units(r.Title, r.Body, suggestionsTop+2) {
		if u, ok := st.units[sc.ID]; ok && len(out.Units) < suggestionsTop {
			out.Units = append(out.Units, SuggestedUnit{Unit: u, Confidence: sc.Confidence})
		}
	}
	for _, sc := range st.model.Categories(r.Title, r.Body, suggestionsTop+2) {
		if c, ok := st.cats[sc.ID]; ok && len(out.Categories) < suggestionsTop {
			out.Categories = append(out.Categories, SuggestedCategory{Category: c, Confidence: sc.Confidence})
		}
	}
	return out
}

// withSuggestions adds the suggestions to an admin's view of a report the
// admin may still route or categorise, and the likely duplicates to one
// the admin may mark as a duplicate.
func (s *Service) withSuggestions(ctx context.Context, v Viewer, rv *ReportView) {
	if v.Role() != domain.RoleAdmin || !v.Role().Can(domain.PermTriage) {
		return
	}
	if slices.Contains(rv.Actions, domain.ActionVerify) || slices.Contains(rv.Actions, domain.ActionReroute) ||
		slices.Contains(rv.Actions, domain.ActionSetCategory) {
		rv.Suggestions = s.suggest(rv.Report)
	}
	if slices.Contains(rv.Actions, domain.ActionMarkDuplicate) {
		rv.Duplicates = s.duplicatesOf(ctx, rv.Report)
	}
}

// EvaluateTriage measures the suggestions on the instance's history by
// time-ordered cross-validation (triage.Evaluate), with the units by id for
// naming the confused pairs.
func (s *Service) EvaluateTriage(ctx context.Context, v Viewer) (_ triage.Evaluation, _ map[int64]domain.Unit, err error) {
	defer domain.Wrap(&err, "service.EvaluateTriage")
	if err := authorize(v, domain.PermTriage); err != nil {
		return triage.Evaluation{}, nil, err
	}
	in, err := s.readTriageInput(ctx)
	if err != nil {
		return triage.Evaluation{}, nil, err
	}
	return triage.Evaluate(in.examples, in.unitSeeds, in.catSeed, s.cfg.Location), in.units, nil
}

// SetUnitKeywords sets the words that say a report is for the unit code
// (comma or line separated; empty: none). The next model starts from them.
func (s *Service) SetUnitKeywords(ctx context.Context, v Viewer, code, keywords string) (err error) {
	defer domain.Wrap(&err, "service.SetUnitKeywords(%q)", code)
	if err := authorize(v, domain.PermManageUnits); err != nil {
		return err
	}
	code = domain.NormalizeCode(code)
	if !domain.ValidCode(code) {
		return domain.ErrNotFound
	}
	if err := CheckKeywords(keywords); err != nil {
		return err
	}
	return s.store.SetUnitKeywords(ctx, code, NormalizeKeywords(keywords), s.now())
}

// CheckKeywords refuses a keyword list too long to store, so a form that
// also changes other things can check it before changing anything.
func CheckKeywords(keywords string) error {
	if len([]rune(NormalizeKeywords(keywords))) > maxKeywords {
		return domain.InvalidField("keywords", "field.too_long")
	}
	return nil
}

// NormalizeKeywords is a keyword list as stored: its entries (separated by
// commas or lines) trimmed, inner spaces made one, empty and repeated ones
// dropped, joined by ", ".
func NormalizeKeywords(s string) string {
	var out []string
	seen := map[string]bool{}
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		k = strings.Join(strings.Fields(k), " ")
		if k == "" || seen[strings.ToLower(k)] {
			continue
		}
		seen[strings.ToLower(k)] = true
		out = append(out, k)
	}
	return strings.Join(out, ", ")
}

// UnitKeywords returns every unit's keywords by unit code.
func (s *Service) UnitKeywords(ctx context.Context, v Viewer) (_ map[string]string, err error) {
	defer domain.Wrap(&err, "service.UnitKeywords")
	if err := authorize(v, domain.PermManageUnits); err != nil {
		return nil, err
	}
	units, err := s.store.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	kws, err := s.store.UnitKeywords(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, u := range units {
		if k := kws[u.ID]; k != "" {
			out[u.Code] = k
		}
	}
	return out, nil
}
