package web

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// areaGroup is a kecamatan with its kelurahan, for the form's select
// (one optgroup each) and the admin page.
type areaGroup struct {
	ID        int64
	Name      string
	Hidden    bool
	Kelurahan []domain.Area
}

// areaGroups groups kelurahan under their kecamatan, both by name. With
// hidden false it leaves out hidden areas and kecamatan left with no
// kelurahan: what a citizen may choose.
func areaGroups(areas []domain.Area, hidden bool) []areaGroup {
	byKec := map[int64][]domain.Area{}
	for _, a := range areas {
		if !a.IsKecamatan() && (hidden || !a.Hidden) {
			byKec[*a.ParentID] = append(byKec[*a.ParentID], a)
		}
	}
	var out []areaGroup
	for _, a := range areas {
		if !a.IsKecamatan() || !hidden && (a.Hidden || len(byKec[a.ID]) == 0) {
			continue
		}
		out = append(out, areaGroup{ID: a.ID, Name: a.Name, Hidden: a.Hidden, Kelurahan: byKec[a.ID]})
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// parseAreaID reads an optional area id from a select; anything but a
// positive number is an unknown area.
func parseAreaID(f domain.FieldErrors, field, s string) *int64 {
	if s == "" {
		return nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		f.Add(field, "field.area.unknown")
		return nil
	}
	return &id
}

// kecamatanList is every kecamatan, hidden ones too (old reports name
// them), for the filters of the staff's lists.
func (w *Web) kecamatanList(ctx context.Context, v service.Viewer) ([]domain.Area, error) {
	areas, err := w.svc.Areas(ctx, v)
	if err != nil {
		return nil, err
	}
	var out []domain.Area
	for _, a := range areas {
		if a.IsKecamatan() {
			out = append(out, a)
		}
	}
	return out, nil
}
