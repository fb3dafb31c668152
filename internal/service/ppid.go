package service

import (
	"context"
	"errors"
	"slices"

	"github.com/lapor-id/lapor/internal/domain"
)

// Who answers an information request (issue 13): the PPID of the unit it is
// routed to, or of a unit above it; a unit with no PPID on its path falls
// back to the city's main PPID, the PPID of the unit this setting names.
const settingMainPPID = "info.main_ppid_unit"

// MainPPIDUnit returns the code of the unit whose PPID answers for units
// without one, "" when unset.
func (s *Service) MainPPIDUnit(ctx context.Context, v Viewer) (_ string, err error) {
	defer domain.Wrap(&err, "service.MainPPIDUnit")
	if err := authorize(v, domain.PermReadDirectory); err != nil {
		return "", err
	}
	return s.store.Setting(ctx, settingMainPPID)
}

// SetMainPPIDUnit names the unit whose PPID is the city's main PPID; ""
// unsets it.
func (s *Service) SetMainPPIDUnit(ctx context.Context, v Viewer, code string) (err error) {
	defer domain.Wrap(&err, "service.SetMainPPIDUnit(%q)", code)
	if err := authorize(v, domain.PermManageUnits); err != nil {
		return err
	}
	code = domain.NormalizeCode(code)
	if code != "" {
		if _, err := s.store.UnitByCode(ctx, code); errors.Is(err, domain.ErrNotFound) {
			return domain.InvalidField("unit", "field.unit.unknown")
		} else if err != nil {
			return err
		}
	}
	return s.store.PutSetting(ctx, settingMainPPID, code, s.now())
}

// scopePPID returns v with the units whose information requests it
// answers, when v is a PPID; any other viewer is returned as it is.
func (s *Service) scopePPID(ctx context.Context, v Viewer, units []domain.Unit) (Viewer, error) {
	if v.User == nil || v.User.Role != domain.RolePPID {
		return v, nil
	}
	v.ppidUnits = []int64{}
	if v.User.UnitID == nil {
		return v, nil
	}
	v.ppidUnits = domain.Descendants(units, *v.User.UnitID)
	main, err := s.store.Setting(ctx, settingMainPPID)
	if err != nil || main == "" {
		return v, err
	}
	mainUnit, err := s.store.UnitByCode(ctx, main)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && mainUnit.ID != *v.User.UnitID) {
		return v, nil
	} else if err != nil {
		return v, err
	}
	withPPID, err := s.store.PPIDUnitIDs(ctx)
	if err != nil {
		return v, err
	}
	answered := map[int64]bool{}
	for _, id := range withPPID {
		for _, d := range domain.Descendants(units, id) {
			answered[d] = true
		}
	}
	for _, u := range units {
		if !answered[u.ID] && !slices.Contains(v.ppidUnits, u.ID) {
			v.ppidUnits = append(v.ppidUnits, u.ID)
		}
	}
	return v, nil
}
