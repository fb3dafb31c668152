// Package service is Lapor's application layer: it applies the domain's
// rules to what the store holds, on behalf of a viewer (the public, a
// reporter holding a receipt, or a staff member). The API and the web
// pages both call it; neither talks to the store about reports directly.
package service

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/ratelimit"
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
	// LoginLimit bounds sign-in attempts per e-mail address on this node
	// (lockout.go); nil: only the lock-out counted in the database.
	LoginLimit *ratelimit.Limiter
	// Observer hears of each report filed and each action taken, for
	// metrics; nil: nobody.
	Observer Observer
	// WhatsApp is the WhatsApp channel's settings (whatsapp.go).
	WhatsApp WhatsAppConfig
}

// Observer is told what the service did, after it is durable. It must not
// block: it is called on the request's path.
type Observer interface {
	Filed(channel domain.Channel)
	Acted(action domain.Action)
}

// Service carries out every use of Lapor.
type Service struct {
	store  *store.Store
	sealer *seal.Sealer
	cfg    Config
	log    *slog.Logger
	pol    *policyHolder     // shared by copies made with WithClock
	lookup *lookupHolder     // the keyed digests' secret, read once (unlinkable.go)
	common *commonCategories // the form's most used categories, cached (categories.go)
	units  *unitCache        // the units for public reads, a moment old at most (unitcache.go)
	triage *triageHolder     // the routing suggestions' model (triage.go)
	public *publicCaches     // the public statistics and map of a large instance (public_map.go)
}

// New wires a service; zero fields of cfg take defaults. It does nothing
// else: Start (policy.go) readies it to serve.
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
	return &Service{store: st, sealer: sealer, cfg: cfg, log: cfg.Logger, pol: newPolicyHolder(cfg.Calendar), lookup: &lookupHolder{},
		common: &commonCategories{}, units: &unitCache{}, triage: &triageHolder{}, public: &publicCaches{}}
}

// Location is the instance's time zone.
func (s *Service) Location() *time.Location { return s.cfg.Location }

// Calendar is the instance's working-day calendar, as admins last edited it.
func (s *Service) Calendar() *workdays.Calendar { return s.policy().cal }

func (s *Service) now() time.Time { return s.cfg.Now().UTC() }

// Viewer is who is asking. Every service method that reads or changes data
// takes one and checks it against the domain's permission table.
type Viewer struct {
	User        *domain.User    // a logged-in staff member
	Citizen     *domain.Citizen // a logged-in citizen account
	ReceiptHash string          // a reporter proving ownership with the receipt
	system      bool            // the command line or the scheduler
	// ppidUnits are the units whose information requests a PPID answers
	// (ppid.go), set by the service before it judges access.
	ppidUnits []int64
}

// Public is the anonymous visitor.
var Public = Viewer{}

// Operator is whoever runs the command line or the scheduler on the
// machine itself: it manages what an admin manages, and sees reports as
// staff do (never an anonymous reporter's identity).
var Operator = Viewer{system: true}

// Staff is the viewer for a logged-in staff member.
func Staff(u *domain.User) Viewer { return Viewer{User: u} }

// Role is the viewer's role in the permission table. A receipt does not
// change it: the receipt only opens its own report.
func (v Viewer) Role() domain.Role {
	switch {
	case v.User != nil:
		return v.User.Role
	case v.system:
		return domain.RoleSystem
	case v.Citizen != nil:
		return domain.RoleCitizen
	}
	return domain.RolePublic
}

// authorize refuses a viewer without permission p: unauthorized when they
// are not logged in (logging in may help), forbidden otherwise.
func authorize(v Viewer, p domain.Permission) error {
	role := v.Role()
	if role.Can(p) {
		return nil
	}
	if role == domain.RolePublic {
		return domain.ErrUnauthorized
	}
	return domain.ErrForbidden
}

// Access is how much of a report a viewer may see.
type Access = domain.Access

const (
	AccessNone     = domain.AccessNone
	AccessPublic   = domain.AccessPublic
	AccessReporter = domain.AccessReporter
	AccessStaff    = domain.AccessStaff
)

// access decides what v may see of r. units is the unit list, used to
// resolve an officer's sub-units.
func (s *Service) access(r *domain.Report, v Viewer, units []domain.Unit) Access {
	rd := domain.Reader{Role: v.Role(), HoldsReport: v.ReceiptHash != "" && v.ReceiptHash == r.ReceiptHash}
	if v.User != nil && v.User.Role == domain.RoleOfficer {
		rd.CoversUnit = officerCovers(v.User, r, units)
	}
	if v.User != nil && v.User.Role == domain.RolePPID {
		rd.CoversUnit = r.UnitID != nil && slices.Contains(v.ppidUnits, *r.UnitID)
	}
	return domain.ReportAccess(r, rd)
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
	var units []domain.Unit
	if anonymous(v) {
		units, err = s.publicUnits(ctx) // the public's access does not depend on the tree
	} else {
		units, err = s.store.ListUnits(ctx)
	}
	if err != nil {
		return nil, nil, AccessNone, err
	}
	if v, err = s.scopePPID(ctx, v, units); err != nil {
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
