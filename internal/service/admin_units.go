package service

import (
	"context"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
)

// EditUnit renames a unit and places it under parent (empty: at the top).
// The code never changes: reports and accounts keep pointing at the unit.
// A unit cannot be placed under itself or one of its own sub-units.
func (s *Service) EditUnit(ctx context.Context, v Viewer, code, name, parent string) (err error) {
	defer domain.Wrap(&err, "service.EditUnit(%q)", code)
	if err := authorize(v, domain.PermManageUnits); err != nil {
		return err
	}
	code, parent, name = domain.NormalizeCode(code), domain.NormalizeCode(parent), strings.TrimSpace(name)
	if !domain.ValidCode(code) {
		return domain.ErrNotFound
	}
	if err := checkUnitFields(domain.FieldErrors{}, name, parent); err != nil {
		return err
	}
	defer s.forgetUnits()
	return s.store.UpdateUnit(ctx, code, name, parent)
}

// checkUnitFields adds to f what is wrong with a unit's name and parent
// code, for adding and editing alike, and returns f's error.
func checkUnitFields(f domain.FieldErrors, name, parent string) error {
	if name == "" {
		f.Add("name", "field.required")
	} else if len([]rune(name)) > domain.MaxUnitName {
		f.Add("name", "field.too_long")
	}
	if parent != "" && !domain.ValidCode(parent) {
		f.Add("parent", "field.code.invalid")
	}
	return f.Err()
}
