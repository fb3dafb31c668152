package domain

import (
	"regexp"
	"strings"
	"time"
)

// Unit is a government unit (OPD) or one of its sub-units.
type Unit struct {
	ID       int64
	Code     string
	Name     string
	ParentID *int64
}

// Category classifies reports; categories form a tree. Admins tidy it
// (category.go): a hidden category is not offered any more but stays on
// old reports; a merged one counts as the category it was merged into.
type Category struct {
	ID         int64
	Code       string
	Name       string
	ParentID   *int64
	Hidden     bool
	Position   int    // orders siblings before their names; 0 for all at first
	MergedInto *int64 // the category it now counts as; it is hidden too
}

// CategoryNode is a category with its children, as imported from a tree.
type CategoryNode struct {
	Code, Name string
	Children   []CategoryNode
}

// User is a staff account.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	UnitID       *int64
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
}

// Citizen is an optional reporter account. Its reports are linked to it
// only through sealed references (see the service).
type Citizen struct {
	ID           int64
	Email        string
	PasswordHash string
	CreatedAt    time.Time
}

// Upload is a file as received, before its type is checked and its
// metadata stripped: the name the client gave and the bytes.
type Upload struct {
	Name string
	Data []byte
}

// Attachment is a file attached to a report's event.
type Attachment struct {
	ID          int64
	ReportID    int64
	EventID     int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	Data        []byte
	CreatedAt   time.Time
}

var codePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// NormalizeCode lower-cases a unit or category code.
func NormalizeCode(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidCode reports whether s is a usable code: 1-64 of a-z 0-9 . _ -.
func ValidCode(s string) bool { return codePattern.MatchString(s) }

// CategoryDescendants returns the ids of root and every category below it.
func CategoryDescendants(cats []Category, root int64) []int64 {
	tree := make([]Unit, 0, len(cats))
	for _, c := range cats {
		tree = append(tree, Unit{ID: c.ID, ParentID: c.ParentID})
		if c.MergedInto != nil { // a merged category's reports count as its target's
			tree = append(tree, Unit{ID: c.ID, ParentID: c.MergedInto})
		}
	}
	return Descendants(tree, root)
}

// Descendants returns the ids of root and every unit below it.
func Descendants(units []Unit, root int64) []int64 {
	children := map[int64][]int64{}
	for _, u := range units {
		if u.ParentID != nil {
			children[*u.ParentID] = append(children[*u.ParentID], u.ID)
		}
	}
	out := []int64{root}
	seen := map[int64]bool{root: true}
	for i := 0; i < len(out); i++ {
		for _, c := range children[out[i]] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}
