package service

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// Admins tidy the category tree (rename, hide, merge, reorder); citizens
// are offered only what is not hidden, the most used first.

const (
	commonCount  = 6                   // how many most-used categories the form shows first
	commonWindow = 90 * 24 * time.Hour // counted over the reports filed this long back
	commonTTL    = 10 * time.Minute    // how long a count is reused: it is a scan of those reports
)

// commonCategories caches the most used categories; copies of the service
// share it.
type commonCategories struct {
	mu  sync.Mutex
	at  time.Time
	ids []int64
}

// UpdateCategory applies an admin's change to the category code: rename,
// hide or show, merge into another, move among its siblings. Everything is
// checked before anything is written.
func (s *Service) UpdateCategory(ctx context.Context, v Viewer, code string, ch domain.CategoryChange) (_ domain.Category, err error) {
	defer domain.Wrap(&err, "service.UpdateCategory(%q)", code)
	if err := authorize(v, domain.PermManageCategories); err != nil {
		return domain.Category{}, err
	}
	cats, err := s.store.ListCategories(ctx)
	if err != nil {
		return domain.Category{}, err
	}
	i := slices.IndexFunc(cats, func(c domain.Category) bool { return c.Code == domain.NormalizeCode(code) })
	if i < 0 {
		return domain.Category{}, domain.ErrNotFound
	}
	c := cats[i]
	if ch.Name != nil {
		if c.Name, err = domain.CheckCategoryName(*ch.Name); err != nil {
			return domain.Category{}, err
		}
	}
	if ch.Hidden != nil {
		if !*ch.Hidden && c.MergedInto != nil {
			return domain.Category{}, domain.InvalidField("hidden", "field.category.merged_shown")
		}
		c.Hidden = *ch.Hidden
	}
	if ch.MergeInto != nil {
		j := slices.IndexFunc(cats, func(x domain.Category) bool { return x.Code == domain.NormalizeCode(*ch.MergeInto) })
		if j < 0 {
			return domain.Category{}, domain.InvalidField("merge_into", "field.category.unknown")
		}
		if err := domain.CheckMerge(cats, c, cats[j]); err != nil {
			return domain.Category{}, err
		}
		c.MergedInto, c.Hidden = &cats[j].ID, true
	}
	if ch.Move != 0 {
		if err := s.store.OrderCategories(ctx, movedSiblings(cats, c, ch.Move)); err != nil {
			return domain.Category{}, err
		}
	}
	if err := s.store.UpdateCategory(ctx, c); err != nil {
		return domain.Category{}, err
	}
	s.common.forget()
	s.log.Debug("category changed", "code", c.Code, "hidden", c.Hidden, "merged", c.MergedInto != nil, "move", ch.Move)
	return c, nil
}

// movedSiblings is c's siblings in their order with c moved by step
// places (kept inside the list).
func movedSiblings(cats []domain.Category, c domain.Category, step int) []int64 {
	var ids []int64
	for _, x := range cats { // ListCategories' order: position, then name
		if sameID(x.ParentID, c.ParentID) {
			ids = append(ids, x.ID)
		}
	}
	i := slices.Index(ids, c.ID)
	j := min(max(i+step, 0), len(ids)-1)
	ids = slices.Delete(ids, i, i+1)
	return slices.Insert(ids, j, c.ID)
}

// CommonCategories returns, of cats (every category, as Categories lists
// them: the form has them already), those citizens chose most over the
// last 90 days, still offered, most used first: the form shows them above
// the whole tree.
func (s *Service) CommonCategories(ctx context.Context, v Viewer, cats []domain.Category) (_ []domain.Category, err error) {
	defer domain.Wrap(&err, "service.CommonCategories")
	if err := authorize(v, domain.PermReadDirectory); err != nil {
		return nil, err
	}
	ids, err := s.common.get(s.now(), func() ([]int64, error) {
		// Counted a few more than shown: some may be hidden since.
		return s.store.CategoryUsage(ctx, s.now().Add(-commonWindow), 3*commonCount)
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]domain.Category, len(cats))
	for _, c := range cats {
		byID[c.ID] = c
	}
	var out []domain.Category
	for _, id := range ids {
		c, ok := byID[id]
		for n := 0; ok && c.MergedInto != nil && n < 16; n++ { // a merged category's reports count for its target
			c, ok = byID[*c.MergedInto]
		}
		if ok && domain.CategoryOffered(cats, c) && len(out) < commonCount &&
			!slices.ContainsFunc(out, func(x domain.Category) bool { return x.ID == c.ID }) {
			out = append(out, c)
		}
	}
	return out, nil
}

func (c *commonCategories) get(now time.Time, count func() ([]int64, error)) ([]int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ids != nil && now.Sub(c.at) < commonTTL && !now.Before(c.at) {
		return c.ids, nil
	}
	ids, err := count()
	if err != nil {
		return nil, err
	}
	if ids == nil {
		ids = []int64{}
	}
	c.at, c.ids = now, ids
	return ids, nil
}

func (c *commonCategories) forget() {
	c.mu.Lock()
	c.ids = nil
	c.mu.Unlock()
}

// offeredCategory finds the category code for a new report or a
// recategorisation: unknown, hidden and merged ones (or under a hidden
// group) are refused.
func (s *Service) offeredCategory(ctx context.Context, code string) (domain.Category, error) {
	c, err := s.store.CategoryByCode(ctx, code)
	if errors.Is(err, domain.ErrNotFound) {
		return c, domain.InvalidField("category", "field.category.unknown")
	} else if err != nil {
		return c, err
	}
	chain := []domain.Category{c}
	for p := c.ParentID; p != nil && len(chain) < 16; {
		byID, err := s.store.CategoriesByID(ctx, []int64{*p})
		if err != nil {
			return c, err
		}
		parent := byID[*p]
		if parent == nil {
			break
		}
		chain = append(chain, *parent)
		p = parent.ParentID
	}
	if !domain.CategoryOffered(chain, c) {
		return c, domain.InvalidField("category", "field.category.hidden")
	}
	return c, nil
}
