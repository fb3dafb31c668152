package service

import (
	"context"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// OpenDataRow is one public report as open data: what the public page
// shows of it and its dates, never an identity, never its text, never an
// internal note; confidential and unverified reports are not rows at all.
type OpenDataRow struct {
	TrackingID                    string
	Kind                          domain.Kind
	Status                        domain.Status
	Category                      *domain.Category
	Unit                          *domain.Unit
	SubmittedAt                   time.Time
	RoutedAt, FirstFollowUpAt     *time.Time
	CompletedAt                   *time.Time
	Address, Kelurahan, Kecamatan string
	Lat, Lon                      *float64
	Supports                      int
}

// openDataPage is how many reports are read at a time.
const openDataPage = 1000

// OpenData hands every public report to fn, oldest first, a page at a
// time; it stops at fn's first error.
func (s *Service) OpenData(ctx context.Context, v Viewer, fn func(OpenDataRow) error) (err error) {
	defer domain.Wrap(&err, "service.OpenData")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return err
	}
	units, cats, err := s.publicDirectory(ctx)
	if err != nil {
		return err
	}
	unitByID, catByID := map[int64]*domain.Unit{}, map[int64]*domain.Category{}
	for i := range units {
		unitByID[units[i].ID] = &units[i]
	}
	for i := range cats {
		catByID[cats[i].ID] = &cats[i]
	}
	var after int64
	for {
		reports, err := s.store.PublicReportsAfter(ctx, after, openDataPage)
		if err != nil || len(reports) == 0 {
			return err
		}
		ids := make([]int64, len(reports))
		for i, r := range reports {
			ids[i] = r.ID
		}
		followed, err := s.store.FirstEvents(ctx, ids, domain.EventFollowedUp)
		if err != nil {
			return err
		}
		supports, err := s.store.SupportCounts(ctx, ids)
		if err != nil {
			return err
		}
		for _, r := range reports {
			row := OpenDataRow{TrackingID: r.TrackingID, Kind: r.Kind, Status: r.Status, SubmittedAt: r.CreatedAt,
				RoutedAt: r.VerifiedAt, CompletedAt: r.CompletedAt, Address: domain.MaskPersonal(r.Location.Address),
				Kelurahan: r.Location.Kelurahan, Kecamatan: r.Location.Kecamatan, Lat: r.Location.Lat, Lon: r.Location.Lon,
				Supports: supports[r.ID]}
			if t, ok := followed[r.ID]; ok {
				row.FirstFollowUpAt = &t
			}
			if r.UnitID != nil {
				row.Unit = unitByID[*r.UnitID]
			}
			if r.CategoryID != nil {
				row.Category = catByID[*r.CategoryID]
			}
			if err := fn(row); err != nil {
				return err
			}
		}
		after = reports[len(reports)-1].ID
	}
}
