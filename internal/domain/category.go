package domain

import (
	"strings"
	"unicode/utf8"
)

// MaxCategoryName bounds a category's name as admins type it.
const MaxCategoryName = 200

// CategoryChange is what an admin changes about one category; nil fields
// stay as they are.
type CategoryChange struct {
	Name      *string
	Hidden    *bool
	MergeInto *string // the code of the category it is to count as
	Move      int     // -1 one place up among its siblings, +1 one down
}

// CheckCategoryName trims name and refuses an empty or overlong one.
func CheckCategoryName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return "", InvalidField("name", "field.required")
	case utf8.RuneCountInString(name) > MaxCategoryName:
		return "", InvalidField("name", "field.category.name_long")
	}
	return name, nil
}

// CategoryOffered reports whether c may be chosen for a new report or a
// recategorisation: neither it nor a group above it is hidden or merged.
func CategoryOffered(cats []Category, c Category) bool {
	byID := make(map[int64]Category, len(cats))
	for _, x := range cats {
		byID[x.ID] = x
	}
	for i := 0; i < 16; i++ { // the tree is shallow; the bound stops a cycle
		if c.Hidden || c.MergedInto != nil {
			return false
		}
		if c.ParentID == nil {
			return true
		}
		p, ok := byID[*c.ParentID]
		if !ok {
			return true
		}
		c = p
	}
	return false
}

// OfferedCategories keeps the categories a citizen may choose, in order.
func OfferedCategories(cats []Category) []Category {
	out := make([]Category, 0, len(cats))
	for _, c := range cats {
		if CategoryOffered(cats, c) {
			out = append(out, c)
		}
	}
	return out
}

// CheckMerge refuses a merge that would lose reports or make a loop:
// from must be a category without sub-categories, not merged already,
// and into another category that is still offered.
func CheckMerge(cats []Category, from, into Category) error {
	switch {
	case from.ID == into.ID:
		return InvalidField("merge_into", "field.category.merge_self")
	case from.MergedInto != nil:
		return InvalidField("merge_into", "field.category.merged_already")
	case !CategoryOffered(cats, into):
		return InvalidField("merge_into", "field.category.merge_hidden")
	}
	for _, c := range cats {
		if c.ParentID != nil && *c.ParentID == from.ID {
			return InvalidField("merge_into", "field.category.merge_group")
		}
	}
	return nil
}
