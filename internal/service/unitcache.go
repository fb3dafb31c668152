package service

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// publicUnitsTTL is how long the unit list the public pages show may be
// kept: a unit renamed on another node shows on this node's public pages
// at most this much later. Staff pages, and every decision of who may see
// what, read the units afresh.
const publicUnitsTTL = 2 * time.Second

// unitCache is the unit list for public reads, shared by copies of the
// service made with WithClock. Its age is wall time, not the service's
// clock (which tests stop).
type unitCache struct {
	p atomic.Pointer[cachedUnits]
}

type cachedUnits struct {
	units []domain.Unit
	at    time.Time
}

// publicUnits returns the units for a read of what the public sees; a
// flood of views of one report no longer reads them each time.
func (s *Service) publicUnits(ctx context.Context) ([]domain.Unit, error) {
	if c := s.units.p.Load(); c != nil && time.Since(c.at) < publicUnitsTTL {
		return c.units, nil
	}
	units, err := s.store.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	s.units.p.Store(&cachedUnits{units: units, at: time.Now()})
	return units, nil
}

// forgetUnits drops the cache after this node changed a unit.
func (s *Service) forgetUnits() { s.units.p.Store(nil) }

// publicDirectory is the units and categories a public read names.
func (s *Service) publicDirectory(ctx context.Context) ([]domain.Unit, []domain.Category, error) {
	units, err := s.publicUnits(ctx)
	if err != nil {
		return nil, nil, err
	}
	cats, err := s.store.ListCategories(ctx)
	return units, cats, err
}
