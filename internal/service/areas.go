package service

import (
	"context"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
)

// Areas lists every kecamatan and kelurahan, hidden ones too (old reports
// name them); anyone may read it. The form offers only the visible ones.
func (s *Service) Areas(ctx context.Context, v Viewer) (_ []domain.Area, err error) {
	defer domain.Wrap(&err, "service.Areas")
	if err := authorize(v, domain.PermReadDirectory); err != nil {
		return nil, err
	}
	return s.store.ListAreas(ctx)
}

// AddArea adds a kecamatan (kecamatanID 0) or a kelurahan of kecamatanID.
func (s *Service) AddArea(ctx context.Context, v Viewer, name string, kecamatanID int64) (_ domain.Area, err error) {
	defer domain.Wrap(&err, "service.AddArea(%q, %d)", name, kecamatanID)
	if err := authorize(v, domain.PermManageAreas); err != nil {
		return domain.Area{}, err
	}
	name = strings.TrimSpace(name)
	if err := checkAreaName(name); err != nil {
		return domain.Area{}, err
	}
	var parent *int64
	if kecamatanID != 0 {
		parent = &kecamatanID
	}
	return s.store.CreateArea(ctx, name, parent, s.now())
}

// EditArea renames an area and hides or shows it. Hiding keeps the area on
// the reports filed under it; hiding a kecamatan hides its kelurahan from
// the form too.
func (s *Service) EditArea(ctx context.Context, v Viewer, id int64, name string, hidden bool) (err error) {
	defer domain.Wrap(&err, "service.EditArea(%d)", id)
	if err := authorize(v, domain.PermManageAreas); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if err := checkAreaName(name); err != nil {
		return err
	}
	return s.store.UpdateArea(ctx, id, name, hidden)
}

func checkAreaName(name string) error {
	f := domain.FieldErrors{}
	if name == "" {
		f.Add("name", "field.required")
	} else if len([]rune(name)) > domain.MaxAreaName {
		f.Add("name", "field.too_long")
	}
	return f.Err()
}

// chooseArea fills the location's kelurahan and kecamatan from the
// kelurahan chosen from the list. An unknown, hidden or non-kelurahan
// choice is refused: the form only offers visible kelurahan.
func (s *Service) chooseArea(ctx context.Context, loc *domain.Location, f domain.FieldErrors) error {
	if loc.AreaID == nil {
		return nil
	}
	areas, err := s.store.ListAreas(ctx)
	if err != nil {
		return err
	}
	byID := make(map[int64]domain.Area, len(areas))
	for _, a := range areas {
		byID[a.ID] = a
	}
	kel, ok := byID[*loc.AreaID]
	if !ok || kel.IsKecamatan() || kel.Hidden || byID[*kel.ParentID].Hidden {
		f.Add("location.area", "field.area.unknown")
		return nil
	}
	loc.Kelurahan, loc.Kecamatan = kel.Name, byID[*kel.ParentID].Name
	return nil
}

// checkKecamatan refuses an inbox filter by a kecamatan that does not
// exist (0 filters nothing). Hidden kecamatan still filter: old reports
// are filed under them.
func (s *Service) checkKecamatan(ctx context.Context, id int64) error {
	if id == 0 {
		return nil
	}
	areas, err := s.store.ListAreas(ctx)
	if err != nil {
		return err
	}
	for _, a := range areas {
		if a.ID == id && a.IsKecamatan() {
			return nil
		}
	}
	return domain.InvalidField("kecamatan", "field.area.unknown")
}

// KecamatanParam reads a kecamatan filter as an entrance receives it: its
// ID, 0 for none, and -1 for anything else, which the service then refuses
// as an unknown kecamatan (beside the field, like any other).
func KecamatanParam(s string) int64 {
	if s == "" {
		return 0
	}
	if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
		return id
	}
	return -1
}
