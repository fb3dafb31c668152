package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ReplyTemplate is a ready answer officers start a follow-up from, kept
// by admins for a unit, a category, both or every report. Officers edit
// it before sending; {kode} and {instansi} become the report's tracking
// ID and unit.
type ReplyTemplate struct {
	ID         int64
	UnitID     *int64 // nil: any unit
	CategoryID *int64 // nil: any category
	Title      string
	Body       string
	UpdatedAt  time.Time
}

// Reply template limits.
const (
	MaxTemplateTitle = 120
	MaxTemplateBody  = 10000
)

// Check tidies t's text and refuses what cannot be saved.
func (t *ReplyTemplate) Check() error {
	t.Title = strings.Join(strings.Fields(t.Title), " ")
	t.Body = strings.TrimSpace(t.Body)
	f := FieldErrors{}
	switch {
	case t.Title == "":
		f.Add("title", "field.required")
	case utf8.RuneCountInString(t.Title) > MaxTemplateTitle:
		f.Add("title", "field.template.title_long")
	}
	switch {
	case t.Body == "":
		f.Add("body", "field.required")
	case utf8.RuneCountInString(t.Body) > MaxTemplateBody:
		f.Add("body", "field.template.body_long")
	}
	return f.Err()
}

// Fits reports whether t is meant for a report of one of units (the
// report's unit and those above it) and categories (its category and
// its group).
func (t ReplyTemplate) Fits(units, categories []int64) bool {
	in := func(id *int64, ids []int64) bool {
		if id == nil {
			return true
		}
		for _, x := range ids {
			if x == *id {
				return true
			}
		}
		return false
	}
	return in(t.UnitID, units) && in(t.CategoryID, categories)
}

// Fill puts the report's tracking ID and unit name into the template's
// text.
func (t ReplyTemplate) Fill(trackingID, unitName string) string {
	return strings.NewReplacer("{kode}", trackingID, "{instansi}", unitName).Replace(t.Body)
}
