// Package service is Lapor's application layer: it applies the domain's
// rules to what the store holds, on behalf of a viewer (the public, a
// reporter holding a receipt, or a staff member). The API and the web
// pages both call it; neither talks to the store about reports directly.
package service

import (
	"context"
	"log/slog"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/workdays"
)

// Config holds the service's settings.
type Config struct {
	Location     *time.Location // instance time zone; days are counted in it
	Calendar     *workdays.Calendar
	SessionIdle  time.Duration
	SessionMax   time.Duration
	ReopenWindow int // working days after completion during which the reporter may reopen
	Now          func() time.Time
	Logger       *slog.Logger
}

// Service carries out every use of Lapor.
type Service struct {
	store  *store.Store
	sealer *seal.Sealer
	cfg    Config
	log    *slog.Logger
	pol    *policyHolder // shared by copies made with WithClock
}

// New wires a service; zero fields of cfg take defaults.
func New(st *store.Store, sealer *seal.Sealer, cfg Config) *Service {
	if cfg.Location == nil {
		loc, err := time.LoadLocation("Asia/Makassar")
		if err != nil {
			loc = time.FixedZone("WITA", 8*3600)
		}
		cfg.Location = loc
	}
	if cfg.Calendar == nil {
		cfg.Calendar = workdays.New(cfg.Location, workdays.Default2026())
	}
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle = 2 * time.Hour
	}
	if cfg.SessionMax == 0 {
		cfg.SessionMax = 12 * time.Hour
	}
	if cfg.ReopenWindow == 0 {
		cfg.ReopenWindow = 10
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Service{store: st, sealer: sealer, cfg: cfg, log: cfg.Logger}
	s.initPolicy() // the calendar and deadlines kept in the database (policy.go)
	return s
}

// Store gives admin tools access to the store.
func (s *Service) Store() *store.Store { return s.store }

// Location is the instance's time zone.
func (s *Service) Location() *time.Location { return s.cfg.Location }

// Calendar is the instance's working-day calendar, as admins last edited it.
func (s *Service) Calendar() *workdays.Calendar { return s.policy().cal }

func (s *Service) now() time.Time { return s.cfg.Now().UTC() }

// Viewer is who is asking.
type Viewer struct {
	User        *domain.User // a logged-in staff member
	ReceiptHash string       // a reporter proving ownership with the receipt
}

// Public is the anonymous visitor.
var Public = Viewer{}

// Access is how much of a report a viewer may see.
type Access int

const (
	AccessNone Access = iota
	AccessPublic
	AccessReporter
	AccessStaff
)

// access decides what v may see of r. units is the unit list, used to
// resolve an officer's sub-units.
func (s *Service) access(r *domain.Report, v Viewer, units []domain.Unit) Access {
	if v.User != nil {
		switch v.User.Role {
		case domain.RoleAdmin, domain.RoleSupervisor:
			return AccessStaff
		case domain.RoleOfficer:
			if officerCovers(v.User, r, units) {
				return AccessStaff
			}
			return AccessNone
		}
	}
	if v.ReceiptHash != "" && v.ReceiptHash == r.ReceiptHash {
		return AccessReporter
	}
	if r.Status.Public() && !r.Confidential {
		return AccessPublic
	}
	return AccessNone
}

func officerCovers(u *domain.User, r *domain.Report, units []domain.Unit) bool {
	if u.UnitID == nil || r.UnitID == nil {
		return false
	}
	for _, id := range domain.Descendants(units, *u.UnitID) {
		if id == *r.UnitID {
			return true
		}
	}
	return false
}

// loadReport finds a report the viewer may see, else not found.
func (s *Service) loadReport(ctx context.Context, trackingID string, v Viewer) (*domain.Report, []domain.Unit, Access, error) {
	id := domain.NormalizeTrackingID(trackingID)
	if id == "" {
		return nil, nil, AccessNone, domain.ErrNotFound
	}
	r, err := s.store.ReportByTrackingID(ctx, id)
	if err != nil {
		return nil, nil, AccessNone, err
	}
	units, err := s.store.ListUnits(ctx)
	if err != nil {
		return nil, nil, AccessNone, err
	}
	a := s.access(r, v, units)
	if a == AccessNone {
		return nil, nil, AccessNone, domain.ErrNotFound
	}
	return r, units, a, nil
}

// WithClock returns a service that reads time from now; demo loaders and
// tests use it to act at chosen moments.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.cfg.Now = now
	return &c
}

// ReopenWindow is how many working days after completion the reporter may
// reopen a report.
func (s *Service) ReopenWindow() int { return s.cfg.ReopenWindow }
