package service

import (
	"context"
	"errors"
	"fmt"

	"github.com/lapor-id/lapor/internal/domain"
)

// The city's directory (units and categories) and the staff list.

// Units lists every unit, parents before children; anyone may read it.
func (s *Service) Units(ctx context.Context, v Viewer) (_ []domain.Unit, err error) {
	defer domain.Wrap(&err, "service.Units")
	if err := authorize(v, domain.PermReadDirectory); err != nil {
		return nil, err
	}
	return s.store.ListUnits(ctx)
}

// Categories lists every category; anyone may read it.
func (s *Service) Categories(ctx context.Context, v Viewer) (_ []domain.Category, err error) {
	defer domain.Wrap(&err, "service.Categories")
	if err := authorize(v, domain.PermReadDirectory); err != nil {
		return nil, err
	}
	return s.store.ListCategories(ctx)
}

// ImportCategories adds or updates a category tree (codes already present
// are renamed and moved, never duplicated) and returns how many categories
// it wrote.
func (s *Service) ImportCategories(ctx context.Context, v Viewer, tree []domain.CategoryNode) (_ int, err error) {
	defer domain.Wrap(&err, "service.ImportCategories")
	if err := authorize(v, domain.PermManageCategories); err != nil {
		return 0, err
	}
	return s.store.ImportCategories(ctx, tree, s.now())
}

// StaffAccounts lists the staff accounts, for the admins' pages.
func (s *Service) StaffAccounts(ctx context.Context, v Viewer) (_ []domain.User, err error) {
	defer domain.Wrap(&err, "service.StaffAccounts")
	if err := authorize(v, domain.PermReadStaff); err != nil {
		return nil, err
	}
	return s.store.ListUsers(ctx)
}

// Ping reports whether the database answers, for readiness checks. It
// reads no data.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// Ready says why the instance cannot serve yet, if it cannot: the
// database does not answer, its schema is behind this binary, or no
// sealing key is loaded. It reads no data.
func (s *Service) Ready(ctx context.Context) error {
	if err := s.store.Ping(ctx); err != nil {
		return fmt.Errorf("database unavailable: %w", err)
	}
	n, err := s.store.PendingMigrations(ctx)
	if err != nil {
		return fmt.Errorf("database unavailable: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("%d migrations not applied", n)
	}
	if s.sealer == nil {
		return errors.New("no sealing key loaded")
	}
	return nil
}
