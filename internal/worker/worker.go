// Package worker is Lapor's scheduler: a background loop, inside `lapor
// serve` or alone as `lapor worker`, that writes what deadlines call for on
// the timeline of each report (domain.md section 5):
//
//   - reminded: the unit, one working day before a follow-up is due;
//   - escalated: a missed verification or follow-up deadline, to the
//     unit's head and to the supervising office (a setting);
//   - auto_completed: a follow-up nobody answered for 10 working days;
//   - archived (hold_expired): a report on hold for 30 days;
//   - ombudsman_flagged: a report past the 60-day completion limit.
//
// Each notice is written once. The worker finds work through one index
// (reports.wake_at, kept by every write from the report's events) and
// writes in batches: one short transaction claims up to Options.Batch due
// reports (store.ApplyNotices; on PostgreSQL the rows are locked with SKIP
// LOCKED, so concurrent workers split the work) and decides what to append
// from each report's stored schedule, read inside that transaction, which
// records the notices already written since the stage began. So repeated
// passes, a pass after a crash (a batch is written whole or not at all)
// and passes of several workers on one database write each notice exactly
// once: a report served by another writer is no longer due when it is
// claimed, or its schedule shows the notice written.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// Options tune the worker; zero values take defaults.
type Options struct {
	Interval time.Duration // between passes; default one minute
	Batch    int           // reports claimed per transaction; default 100
	Logger   *slog.Logger
	// Passed hears of each pass that ends without an error, for metrics.
	Passed func(Result)
}

// Worker runs the scheduler's passes.
type Worker struct {
	svc *service.Service
	st  *store.Store
	opt Options
	log *slog.Logger
}

// New returns a worker acting through svc, with svc's clock and policy.
func New(svc *service.Service, st *store.Store, opt Options) *Worker {
	if opt.Interval <= 0 {
		opt.Interval = time.Minute
	}
	if opt.Batch <= 0 {
		opt.Batch = 100
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	return &Worker{svc: svc, st: st, opt: opt, log: opt.Logger}
}

// Run makes a pass at once and then every Interval until ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	t := time.NewTicker(w.opt.Interval)
	defer t.Stop()
	for {
		res, err := w.Pass(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			w.log.Error("scheduler pass failed", "err", err)
		default:
			if w.opt.Passed != nil {
				w.opt.Passed(res)
			}
			if res.Written() > 0 {
				w.log.Info("scheduler pass", "reminded", res.Reminded, "escalated", res.Escalated,
					"auto_completed", res.AutoCompleted, "archived", res.Archived, "ombudsman_flagged", res.Flagged,
					"took", res.Took.Round(time.Millisecond))
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Result counts what one pass wrote.
type Result struct {
	Checked       int // reports looked at
	Reminded      int
	Escalated     int
	AutoCompleted int
	Archived      int
	Flagged       int
	Took          time.Duration
}

// Written is the number of events the pass appended.
func (r Result) Written() int {
	return r.Reminded + r.Escalated + r.AutoCompleted + r.Archived + r.Flagged
}

// maxNotices bounds the notices one report gets in one pass (a worker
// that was stopped for weeks may owe several: a flag and an escalation).
const maxNotices = 5

// Pass writes every notice owed at the clock's current time, in
// transactions of Options.Batch reports (store.ApplyNotices), until no
// report is due.
func (w *Worker) Pass(ctx context.Context) (Result, error) {
	began := time.Now()
	if err := w.svc.RefreshPolicy(ctx, service.Operator, false); err != nil {
		return Result{}, err
	}
	names, err := w.unitNames(ctx)
	if err != nil {
		return Result{}, err
	}
	p := &pass{now: w.svc.Now(), seen: map[int64]bool{}}
	for {
		more, err := w.batch(ctx, p, names)
		if err != nil {
			return p.res, err
		}
		if !more {
			break
		}
	}
	// The files of failed report forms are kept an hour at most.
	if _, err := w.svc.DropHeldUploads(ctx, service.Operator, ""); err != nil {
		return p.res, err
	}
	p.res.Took = time.Since(began)
	return p.res, nil
}

// pass is what one Pass keeps between its batches.
type pass struct {
	now time.Time
	res Result
	// skip holds the reports that are still due after their turn in this
	// pass (nothing more to write at now, or a failure): claiming them
	// again would loop.
	skip []int64
	seen map[int64]bool // reports counted in res.Checked
}

// unitNames maps unit IDs to names, for the notices' text.
func (w *Worker) unitNames(ctx context.Context) (map[int64]string, error) {
	units, err := w.st.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(units))
	for _, u := range units {
		names[u.ID] = u.Name
	}
	return names, nil
}

// batch claims and serves one batch of due reports, and reports whether
// another batch may find work.
func (w *Worker) batch(ctx context.Context, p *pass, names map[int64]string) (bool, error) {
	decide, err := w.decider(ctx, p.now, names)
	if err != nil {
		return false, err
	}
	b, err := w.st.ApplyNotices(ctx, store.NoticeBatch{Now: p.now, Limit: w.opt.Batch, Skip: p.skip, MaxPerReport: maxNotices}, decide)
	var ne *store.NoticeError
	switch {
	case ctx.Err() != nil:
		return false, ctx.Err()
	case errors.As(err, &ne):
		// One report cannot be written: the batch was rolled back; go on without it.
		w.log.Error("scheduler: report", "tracking_id", ne.TrackingID, "err", ne.Err)
		p.skip = append(p.skip, ne.ReportID)
		p.check(ne.ReportID)
		return true, nil
	case err != nil:
		return false, err
	}
	if len(b.Claimed) == 0 {
		return false, nil
	}
	fresh := 0
	for _, id := range b.Claimed {
		if p.check(id) {
			fresh++
		}
	}
	p.res.count(b.Applied)
	for _, f := range b.Failed {
		w.log.Error("scheduler: report", "tracking_id", f.TrackingID, "err", f.Err)
	}
	p.skip = append(p.skip, b.StillDue...)
	// Only reports already served in this pass, due again: the next pass.
	return fresh > 0, nil
}

// decider returns what decides the notices of a claimed report, with the
// calendar and settings in force now (an admin may change them mid-pass).
func (w *Worker) decider(ctx context.Context, now time.Time, names map[int64]string) (func(*domain.Report) (*store.Change, error), error) {
	cal := w.svc.Calendar()
	settings, err := w.svc.SettingsOf(ctx, service.Operator)
	if err != nil {
		return nil, err
	}
	office := settings.SupervisingOffice
	return func(r *domain.Report) (*store.Change, error) {
		n, ok := deadline.Next(cal, r.Status, r.Schedule, now)
		if !ok {
			return nil, store.ErrNoChange
		}
		return change(r, n, now, office, names)
	}, nil
}

// check counts a report as checked the first time the pass meets it, and
// reports whether it was the first time.
func (p *pass) check(id int64) bool {
	if p.seen[id] {
		return false
	}
	p.seen[id] = true
	p.res.Checked++
	return true
}

// count adds the events a batch appended to the result.
func (r *Result) count(applied []store.AppliedNotice) {
	for _, a := range applied {
		switch a.Type {
		case domain.EventReminded:
			r.Reminded++
		case domain.EventEscalated:
			r.Escalated++
		case domain.EventAutoCompleted:
			r.AutoCompleted++
		case domain.EventArchived:
			r.Archived++
		case domain.EventOmbudsmanFlagged:
			r.Flagged++
		}
	}
}

// change builds the event of a notice and the report's state after it.
// The event carries codes and values (its type, the due kind in Reason,
// Params); its sentence is written in the reader's language when shown
// (service.NoticeText).
func change(r *domain.Report, n deadline.Notice, now time.Time, office string, names map[int64]string) (*store.Change, error) {
	ch := &store.Change{
		Status: r.Status, UnitID: r.UnitID, Confidential: r.Confidential, Title: r.Title, Rating: r.Rating,
		ReopenCount: r.ReopenCount, VerifiedAt: r.VerifiedAt, CompletedAt: r.CompletedAt,
	}
	ev := domain.Event{ActorRole: domain.RoleSystem, FromStatus: r.Status, ToStatus: r.Status, CreatedAt: now,
		Params: domain.Params{}}
	due := func(t *time.Time) {
		if t != nil {
			ev.Params[domain.ParamDueAt] = t.UTC().Format(time.RFC3339)
		}
	}
	unit := func() {
		if r.UnitID != nil && names[*r.UnitID] != "" {
			ev.Params[domain.ParamUnit] = names[*r.UnitID]
		}
	}
	sc := r.Schedule
	switch n {
	case deadline.NoticeRemind:
		ev.Type = domain.EventReminded
		ev.Reason = string(sc.DueKind)
		due(sc.DueAt)
		unit()
	case deadline.NoticeEscalate:
		ev.Type = domain.EventEscalated
		ev.Reason = string(sc.DueKind)
		due(sc.DueAt)
		if sc.DueKind != domain.DueVerification {
			unit()
		}
		ev.Params[domain.ParamOffice] = office
	case deadline.NoticeAutoComplete:
		to, typ, err := domain.Transition(domain.ActionAutoComplete, r.Status)
		if err != nil {
			return nil, err
		}
		ev.Type, ev.ToStatus = typ, to
		due(sc.DueAt)
		ch.Status = to
		t := now
		ch.CompletedAt = &t
	case deadline.NoticeExpireHold:
		to, typ, err := domain.Transition(domain.ActionExpireHold, r.Status)
		if err != nil {
			return nil, err
		}
		ev.Type, ev.ToStatus = typ, to
		ev.Reason = "hold_expired"
		due(sc.DueAt)
		ch.Status = to
	case deadline.NoticeOmbudsman:
		ev.Type = domain.EventOmbudsmanFlagged
		ev.Reason = "completion_limit"
		due(sc.OmbudsmanDueAt)
	default:
		return nil, fmt.Errorf("unknown notice %q", n)
	}
	ch.Event = ev
	return ch, nil
}
