package service

import (
	"context"
	"errors"
	"strings"

	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
)

// AddUnit creates a unit.
func (s *Service) AddUnit(ctx context.Context, v Viewer, code, name, parent string) (_ domain.Unit, err error) {
	defer domain.Wrap(&err, "service.AddUnit(%q)", code)
	if err := authorize(v, domain.PermManageUnits); err != nil {
		return domain.Unit{}, err
	}
	code, parent, name = domain.NormalizeCode(code), domain.NormalizeCode(parent), strings.TrimSpace(name)
	f := domain.FieldErrors{}
	if !domain.ValidCode(code) {
		f.Add("code", "field.code.invalid")
	}
	if err := checkUnitFields(f, name, parent); err != nil {
		return domain.Unit{}, err
	}
	defer s.forgetUnits()
	return s.store.CreateUnit(ctx, code, name, parent, s.now())
}

// NewUser describes a staff account to create.
type NewUser struct {
	Email    string
	Name     string
	Role     domain.Role
	Unit     string // required for officers
	Password string
}

// AddUser creates a staff account.
func (s *Service) AddUser(ctx context.Context, v Viewer, nu NewUser) (_ domain.User, err error) {
	defer domain.Wrap(&err, "service.AddUser")
	if err := authorize(v, domain.PermManageStaff); err != nil {
		return domain.User{}, err
	}
	u := domain.User{Email: strings.ToLower(strings.TrimSpace(nu.Email)), Name: strings.TrimSpace(nu.Name), Role: nu.Role, CreatedAt: s.now()}
	f := domain.FieldErrors{}
	if !domain.ValidEmail(u.Email) {
		f.Add("email", "field.email.invalid")
	}
	if !u.Role.ValidStaff() {
		f.Add("role", "field.role.unknown")
	}
	if len([]rune(u.Name)) > domain.MaxName {
		f.Add("name", "field.too_long")
	}
	if err := auth.CheckPassword(nu.Password); err != nil {
		f.Add("password", "field.password.weak")
	}
	unitCode := domain.NormalizeCode(nu.Unit)
	switch {
	case (u.Role == domain.RoleOfficer || u.Role == domain.RolePPID) && unitCode == "":
		f.Add("unit", "field.unit.required_for_officer")
	case unitCode != "":
		unit, err := s.store.UnitByCode(ctx, unitCode)
		if errors.Is(err, domain.ErrNotFound) {
			f.Add("unit", "field.unit.unknown")
		} else if err != nil {
			return u, err
		} else {
			u.UnitID = &unit.ID
		}
	}
	if err := f.Err(); err != nil {
		return u, err
	}
	hash, err := auth.HashPassword(nu.Password)
	if err != nil {
		return u, err
	}
	u.PasswordHash = hash
	err = s.store.CreateUser(ctx, &u)
	return u, err
}
