package service

import (
	"context"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
)

// EditUnit renames a unit and places it under parent (empty: at the top).
// The code never changes: reports and accounts keep pointing at the unit.
// A unit cannot be placed under itself or one of its own sub-units.
func (s *Service) EditUnit(ctx context.Context, code, name, parent string) error {
	code, parent, name = domain.NormalizeCode(code), domain.NormalizeCode(parent), strings.TrimSpace(name)
	if !domain.ValidCode(code) {
		return domain.ErrNotFound
	}
	f := domain.FieldErrors{}
	if name == "" {
		f.Add("name", "field.required")
	} else if len([]rune(name)) > 200 {
		f.Add("name", "field.too_long")
	}
	if parent != "" && !domain.ValidCode(parent) {
		f.Add("parent", "field.code.invalid")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.store.UpdateUnit(ctx, code, name, parent)
}
