package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// ScheduleFunc derives a report's deadlines from the report (its state
// after the latest event) and its whole timeline, oldest first. It must be
// pure and fast: the store calls it inside write transactions. The events
// it is given carry every field but Message, Hash and PrevHash.
type ScheduleFunc func(r *domain.Report, events []domain.Event) domain.Schedule

type scheduleHook struct{ f atomic.Pointer[ScheduleFunc] }

// ErrNoSchedule is returned by every write that appends an event, and by
// RecomputeSchedules, while no ScheduleFunc is installed: a report written
// without its deadlines would be silently forgotten by the scheduler.
var ErrNoSchedule = errors.New("store: no schedule function installed (service.Start installs it)")

// NoDeadlines is a ScheduleFunc that owes nothing, for tools and tests
// that write reports without a deadline policy.
func NoDeadlines(*domain.Report, []domain.Event) domain.Schedule { return domain.Schedule{} }

// SetScheduleFunc installs f; from then on every write that appends an
// event (CreateReport, Act, ImportReports, notices) stores the schedule f
// computes, in the same transaction. Until one is installed (and after
// nil is installed) those writes fail with ErrNoSchedule.
func (s *Store) SetScheduleFunc(f ScheduleFunc) {
	if f == nil {
		s.sched.f.Store(nil)
		return
	}
	s.sched.f.Store(&f)
}

func (s *Store) scheduleFunc() (ScheduleFunc, error) {
	if p := s.sched.f.Load(); p != nil {
		return *p, nil
	}
	return nil, ErrNoSchedule
}

// writeSchedule recomputes r's schedule and stores it. events may be nil,
// in which case the timeline is read inside the transaction.
func (tx *Tx) writeSchedule(ctx context.Context, r *domain.Report, events []domain.Event) error {
	f, err := tx.s.scheduleFunc()
	if err != nil {
		return err
	}
	if events == nil {
		var err error
		if events, err = tx.scheduleEvents(ctx, r.ID); err != nil {
			return err
		}
	}
	sc := f(r, events)
	if err := tx.storeSchedule(ctx, r.ID, sc); err != nil {
		return err
	}
	r.Schedule = sc
	return nil
}

func (tx *Tx) storeSchedule(ctx context.Context, reportID int64, sc domain.Schedule) error {
	_, err := tx.exec(ctx, `UPDATE reports SET due_at = ?, due_kind = ?, ombudsman_due_at = ?, wake_at = ?, notices = ?
		WHERE id = ?`, nullMicro(sc.DueAt), string(sc.DueKind), nullMicro(sc.OmbudsmanDueAt), nullMicro(sc.WakeAt),
		int(sc.Notices), reportID)
	return err
}

// scheduleEventColumns are the event columns deadlines depend on; the
// message, which may be long, is left out.
const scheduleEventColumns = `report_id, seq, type, actor_role, unit_id, from_status, to_status, reason, rating, created_at`

func scanScheduleEvent(row interface{ Scan(...any) error }) (domain.Event, error) {
	var e domain.Event
	var unit sql.NullInt64
	var created int64
	err := row.Scan(&e.ReportID, &e.Seq, &e.Type, &e.ActorRole, &unit, &e.FromStatus, &e.ToStatus, &e.Reason, &e.Rating, &created)
	e.UnitID = int64Ptr(unit)
	e.CreatedAt = fromMicro(created)
	return e, err
}

func (tx *Tx) scheduleEvents(ctx context.Context, reportID int64) ([]domain.Event, error) {
	rows, err := tx.query(ctx, `SELECT `+scheduleEventColumns+` FROM events WHERE report_id = ? ORDER BY seq`, reportID)
	return collect(rows, err, scanScheduleEvent)
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

func sameSchedule(a, b domain.Schedule) bool {
	return a.DueKind == b.DueKind && a.Notices == b.Notices && sameTime(a.DueAt, b.DueAt) &&
		sameTime(a.OmbudsmanDueAt, b.OmbudsmanDueAt) && sameTime(a.WakeAt, b.WakeAt)
}

// recomputeBatch is how many reports one transaction of RecomputeSchedules
// rewrites, so that requests are never kept waiting long for the writer.
const recomputeBatch = 500

// RecomputeSchedules derives the schedule of every report that is open or
// still carries one again, with the installed ScheduleFunc, in batches of
// short transactions. It is how a change of the calendar or of the
// deadline settings moves the due dates of open reports. It returns how
// many schedules changed.
func (s *Store) RecomputeSchedules(ctx context.Context) (_ int, err error) {
	defer domain.Wrap(&err, "store.RecomputeSchedules")
	f, err := s.scheduleFunc()
	if err != nil {
		return 0, err
	}
	changed := 0
	var after int64
	for {
		n, last, err := s.recomputeBatch(ctx, f, after)
		if err != nil {
			return changed, err
		}
		if last == 0 {
			return changed, nil
		}
		changed += n
		after = last
	}
}

func (s *Store) recomputeBatch(ctx context.Context, f ScheduleFunc, after int64) (changed int, last int64, err error) {
	err = s.transact(ctx, func(tx *Tx) error {
		changed, last = 0, 0
		lock := ""
		if s.dialect == Postgres {
			lock = " FOR UPDATE"
		}
		rows, err := tx.query(ctx, `SELECT `+reportColumns+` FROM reports WHERE id > ? AND (status NOT IN (`+closedStatusesSQL+`)
			OR due_at IS NOT NULL OR wake_at IS NOT NULL OR ombudsman_due_at IS NOT NULL) ORDER BY id LIMIT ?`+lock, after, recomputeBatch)
		if err != nil {
			return err
		}
		var reports []*domain.Report
		for rows.Next() {
			r, err := scanReport(rows)
			if err != nil {
				rows.Close()
				return err
			}
			reports = append(reports, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(reports) == 0 {
			return nil
		}
		last = reports[len(reports)-1].ID
		events, err := tx.eventsOf(ctx, reports)
		if err != nil {
			return err
		}
		for _, r := range reports {
			sc := f(r, events[r.ID])
			if sameSchedule(sc, r.Schedule) {
				continue
			}
			if err := tx.storeSchedule(ctx, r.ID, sc); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	return changed, last, err
}

// eventsOf loads the timelines of several reports (deadline columns only).
func (tx *Tx) eventsOf(ctx context.Context, reports []*domain.Report) (map[int64][]domain.Event, error) {
	ids := make([]string, len(reports))
	args := make([]any, len(reports))
	for i, r := range reports {
		ids[i] = "?"
		args[i] = r.ID
	}
	rows, err := tx.query(ctx, `SELECT `+scheduleEventColumns+` FROM events WHERE report_id IN (`+strings.Join(ids, ",")+`)
		ORDER BY report_id, seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64][]domain.Event, len(reports))
	for rows.Next() {
		e, err := scanScheduleEvent(rows)
		if err != nil {
			return nil, err
		}
		out[e.ReportID] = append(out[e.ReportID], e)
	}
	return out, rows.Err()
}

// DueReports returns the tracking IDs of reports on which the scheduler has
// work at now (wake_at before now), soonest first, at most limit of them.
// It reads one index and never the events.
func (s *Store) DueReports(ctx context.Context, now time.Time, limit int) (_ []string, err error) {
	defer domain.Wrap(&err, "store.DueReports(%v)", limit)
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT tracking_id FROM reports WHERE wake_at IS NOT NULL AND wake_at < ?
		ORDER BY wake_at, id LIMIT ?`), micro(now), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// History is a report with its whole timeline, for ImportReports.
type History struct {
	Report *domain.Report
	Events []domain.Event // oldest first; the first is the submission
}

// ImportReports stores reports with complete timelines in one transaction:
// for bringing over the history of another system, for the demo city and
// for tests and benchmarks. Each timeline must start with its submission;
// seq numbers and the hash chain are assigned here, and the report's status
// and unit are those its events lead to (domain.Replay).
func (s *Store) ImportReports(ctx context.Context, hs []History) (err error) {
	defer domain.Wrap(&err, "store.ImportReports")
	return s.transact(ctx, func(tx *Tx) error {
		for i := range hs {
			if err := tx.importReport(ctx, &hs[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func (tx *Tx) importReport(ctx context.Context, h *History) error {
	r, evs := h.Report, h.Events
	if len(evs) == 0 || evs[0].Type != domain.EventSubmitted {
		return fmt.Errorf("import %s: the timeline must start with the submission", r.TrackingID)
	}
	r.CreatedAt = evs[0].CreatedAt
	if err := tx.insertReport(ctx, r, &evs[0], nil); err != nil {
		return err
	}
	for i := 1; i < len(evs); i++ {
		evs[i].ReportID = r.ID
		evs[i].Seq = i + 1
		evs[i].PrevHash = evs[i-1].Hash
		if err := tx.insertEvent(ctx, r.TrackingID, &evs[i], nil, nil); err != nil {
			return err
		}
	}
	last := evs[len(evs)-1]
	var confidential bool
	r.Status, r.UnitID, confidential = domain.Replay(evs)
	r.Confidential = r.Confidential || confidential // never less private than filed
	r.UpdatedAt = last.CreatedAt
	r.Version = int64(len(evs))
	if _, err := tx.exec(ctx, `UPDATE reports SET status = ?, unit_id = ?, confidential = ?, rating = ?, reopen_count = ?,
		verified_at = ?, completed_at = ?, updated_at = ?, version = ? WHERE id = ?`,
		string(r.Status), nullInt(r.UnitID), r.Confidential, r.Rating, r.ReopenCount, nullMicro(r.VerifiedAt),
		nullMicro(r.CompletedAt), micro(r.UpdatedAt), r.Version, r.ID); err != nil {
		return err
	}
	return tx.writeSchedule(ctx, r, evs)
}

// Reschedule recomputes one report's schedule, for when nothing is owed at
// a report's wake time (its schedule was computed under an older policy).
// The scheduler does the same inside its batches (ApplyNotices).
func (s *Store) Reschedule(ctx context.Context, trackingID string) (err error) {
	defer domain.Wrap(&err, "store.Reschedule(%q)", trackingID)
	return s.transact(ctx, func(tx *Tx) error {
		lock := ""
		if s.dialect == Postgres {
			lock = " FOR UPDATE"
		}
		r, err := scanReport(tx.queryRow(ctx, `SELECT `+reportColumns+` FROM reports WHERE tracking_id = ?`+lock, trackingID))
		if err != nil {
			return err
		}
		return tx.writeSchedule(ctx, r, nil)
	})
}
