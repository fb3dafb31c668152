package service

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/workdays"
)

// The deadline policy (holiday calendar and deadline settings) is kept in
// the database and edited by admins. Each service holds the version it
// last loaded behind an atomic pointer; it checks the stored version at
// most once per policyCheckEvery before an action, and on every scheduler
// pass, so a change made by the command line or by another app node is
// seen within that time.

const (
	deadlineSettingsKey = "deadlines"
	policyCheckEvery    = time.Second
)

// policy is one immutable version of the deadline policy.
type policy struct {
	version  int64
	cal      *workdays.Calendar
	settings deadline.Settings
	cats     map[int64]string // category id -> code, for category overrides
}

type policyHolder struct {
	cur     atomic.Pointer[policy]
	checked atomic.Int64 // unix nanoseconds of the last version check
	mu      sync.Mutex   // one reload at a time
}

func newPolicyHolder(cal *workdays.Calendar) *policyHolder {
	h := &policyHolder{}
	h.cur.Store(&policy{version: -1, cal: cal, settings: deadline.Defaults(), cats: map[int64]string{}})
	return h
}

// Start readies the service to serve: from now on every deadline the store
// writes is derived by this service's policy (schedule, below); a new
// database gets the official holiday list; the policy in the database is
// loaded. Call it once, before serving; a failure means the service must
// not serve, since it would write deadlines from a policy it never read.
func (s *Service) Start(ctx context.Context) (err error) {
	defer domain.Wrap(&err, "service.Start")
	s.store.SetScheduleFunc(s.schedule)
	if err := s.seedHolidays(ctx); err != nil {
		return fmt.Errorf("seed the holiday calendar: %w", err)
	}
	if err := s.reloadPolicy(ctx); err != nil {
		return fmt.Errorf("load the deadline policy: %w", err)
	}
	if err := s.convertLegacyAccounts(ctx); err != nil {
		return fmt.Errorf("seal the citizen accounts of an earlier version: %w", err)
	}
	return nil
}

// seedHolidays stores the official 2026 list the first time the database
// is used, and schedules the reports it may already hold.
func (s *Service) seedHolidays(ctx context.Context) error {
	seeded, err := s.store.SeedHolidays(ctx, workdays.Default2026(), s.now())
	if err != nil || !seeded {
		return err
	}
	if err := s.reloadPolicy(ctx); err != nil {
		return err
	}
	_, err = s.store.RecomputeSchedules(ctx)
	return err
}

func (s *Service) policy() *policy { return s.pol.cur.Load() }

// deadlineSettings returns the deadline settings in force.
func (s *Service) deadlineSettings() deadline.Settings { return s.policy().settings.Clone() }

// schedule is the store's ScheduleFunc: the report's deadlines under the
// current policy. It does no I/O.
func (s *Service) schedule(r *domain.Report, events []domain.Event) domain.Schedule {
	p := s.policy()
	return deadline.Compute(p.cal, p.days(r), events)
}

func (p *policy) days(r *domain.Report) deadline.Days {
	cat := ""
	if r.CategoryID != nil {
		cat = p.cats[*r.CategoryID]
	}
	return p.settings.For(r.Kind, cat)
}

// refreshPolicy reloads the policy when the stored version changed, checking
// at most once per policyCheckEvery, or at once when the report's category
// is one the loaded policy does not know yet. Failures are logged: the
// action then runs with the policy loaded before.
func (s *Service) refreshPolicy(ctx context.Context, categoryID *int64) {
	p := s.policy()
	unknownCat := false
	if categoryID != nil && len(p.settings.Categories) > 0 {
		_, known := p.cats[*categoryID]
		unknownCat = !known
	}
	last := s.pol.checked.Load()
	if !unknownCat && time.Since(time.Unix(0, last)) < policyCheckEvery && p.version >= 0 {
		return
	}
	if err := s.refreshPolicyNow(ctx, unknownCat); err != nil {
		s.log.Error("refresh the deadline policy", "err", err)
	}
}

// RefreshPolicy reloads the calendar and the deadline settings if another
// process changed them (or always, with force). The scheduler calls it on
// every pass.
func (s *Service) RefreshPolicy(ctx context.Context, v Viewer, force bool) (err error) {
	defer domain.Wrap(&err, "service.RefreshPolicy(%v)", force)
	if err := authorize(v, domain.PermMaintain); err != nil {
		return err
	}
	return s.refreshPolicyNow(ctx, force)
}

func (s *Service) refreshPolicyNow(ctx context.Context, force bool) error {
	v, err := s.store.PolicyVersion(ctx)
	if err != nil {
		return err
	}
	s.pol.checked.Store(time.Now().UnixNano())
	if v == s.policy().version && !force {
		return nil
	}
	return s.reloadPolicy(ctx)
}

// reloadPolicy reads the whole policy and swaps it in.
func (s *Service) reloadPolicy(ctx context.Context) error {
	s.pol.mu.Lock()
	defer s.pol.mu.Unlock()
	v, err := s.store.PolicyVersion(ctx)
	if err != nil {
		return err
	}
	hs, err := s.store.ListHolidays(ctx)
	if err != nil {
		return err
	}
	raw, err := s.store.PolicySetting(ctx, deadlineSettingsKey)
	if err != nil {
		return err
	}
	set, err := deadline.Parse(raw)
	if err != nil {
		return err
	}
	cats, err := s.store.ListCategories(ctx)
	if err != nil {
		return err
	}
	codes := make(map[int64]string, len(cats))
	for _, c := range cats {
		codes[c.ID] = c.Code
	}
	s.pol.cur.Store(&policy{version: v, cal: workdays.New(s.cfg.Location, hs), settings: set, cats: codes})
	s.pol.checked.Store(time.Now().UnixNano())
	return nil
}

// policyChanged reloads the policy after this service changed it and
// moves the deadlines of open reports accordingly. It returns how many
// reports got a new schedule.
func (s *Service) policyChanged(ctx context.Context) (int, error) {
	if err := s.reloadPolicy(ctx); err != nil {
		return 0, err
	}
	return s.store.RecomputeSchedules(ctx)
}
