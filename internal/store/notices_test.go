package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// remindOnce is a ScheduleFunc for these tests: a report is due at wake
// until its timeline holds a reminder.
func remindOnce(wake time.Time) store.ScheduleFunc {
	return func(r *domain.Report, events []domain.Event) domain.Schedule {
		for _, e := range events {
			if e.Type == domain.EventReminded {
				return domain.Schedule{}
			}
		}
		w := wake
		return domain.Schedule{WakeAt: &w}
	}
}

// keep is a change that appends ev and leaves the report's state as it is.
func keep(r *domain.Report, ev domain.Event) *store.Change {
	return &store.Change{Event: ev, Status: r.Status, UnitID: r.UnitID, Confidential: r.Confidential, Title: r.Title,
		Rating: r.Rating, ReopenCount: r.ReopenCount, VerifiedAt: r.VerifiedAt, CompletedAt: r.CompletedAt}
}

// remind decides a reminder for every report that is due.
func remind(now time.Time) func(r *domain.Report) (*store.Change, error) {
	return func(r *domain.Report) (*store.Change, error) {
		if r.Schedule.WakeAt == nil || !now.After(*r.Schedule.WakeAt) {
			return nil, store.ErrNoChange
		}
		return keep(r, domain.Event{Type: domain.EventReminded, ActorRole: domain.RoleSystem, FromStatus: r.Status,
			ToStatus: r.Status, Message: "Pengingat.", CreatedAt: now}), nil
	}
}

func createReports(t *testing.T, st *store.Store, n int) []*domain.Report {
	t.Helper()
	var out []*domain.Report
	for i := 0; i < n; i++ {
		r, ev := newReport(i)
		if err := st.CreateReport(context.Background(), r, ev, nil); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// Workers on two stores of one database apply notices at the same time,
// in small batches: each report gets its notice exactly once, chained to
// the event before it, and its row and schedule move with it.
func TestApplyNoticesWritesEachNoticeOnce(t *testing.T) {
	each(t, func(t *testing.T, dsn string, st *store.Store) {
		ctx := context.Background()
		st.SetScheduleFunc(remindOnce(t0))
		reports := createReports(t, st, 60)
		st2, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		st2.SetScheduleFunc(remindOnce(t0))
		now := t0.Add(time.Hour)
		var mu sync.Mutex
		applied := map[int64]int{}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := 0; i < 8; i++ {
			s := st
			if i%2 == 1 {
				s = st2
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					res, err := s.ApplyNotices(ctx, store.NoticeBatch{Now: now, Limit: 1 + i, MaxPerReport: 5}, remind(now))
					if err != nil {
						errs <- err
						return
					}
					if len(res.Claimed) == 0 {
						return
					}
					mu.Lock()
					for _, a := range res.Applied {
						applied[a.ReportID]++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		for _, r := range reports {
			if applied[r.ID] != 1 {
				t.Errorf("report %s: %d notices applied", r.TrackingID, applied[r.ID])
			}
			got, err := st.ReportByTrackingID(ctx, r.TrackingID)
			if err != nil {
				t.Fatal(err)
			}
			evs, err := st.Events(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != 2 || evs[1].Type != domain.EventReminded || domain.VerifyChain(r.TrackingID, evs) != -1 {
				t.Fatalf("report %s: timeline %+v", r.TrackingID, evs)
			}
			if got.Version != 2 || got.Schedule.WakeAt != nil || !got.UpdatedAt.Equal(now) || got.Title != r.Title ||
				got.Status != domain.StatusSubmitted {
				t.Fatalf("report %s after its notice: %+v", r.TrackingID, got)
			}
		}
	})
}

// A report that owes nothing at its wake time gets its schedule derived
// again; one that stays due is reported, and skipped when asked; a report
// whose write fails is named, and the others go on without it.
func TestApplyNoticesReschedulesSkipsAndIsolates(t *testing.T) {
	each(t, func(t *testing.T, _ string, st *store.Store) {
		ctx := context.Background()
		now := t0.Add(time.Hour)
		later := t0.AddDate(0, 0, 30)
		st.SetScheduleFunc(remindOnce(t0))
		reports := createReports(t, st, 3)
		stale, stuck, broken := reports[0], reports[1], reports[2]

		// A policy change moved every wake time a month ahead.
		st.SetScheduleFunc(remindOnce(later))
		nothing := func(*domain.Report) (*store.Change, error) { return nil, store.ErrNoChange }
		res, err := st.ApplyNotices(ctx, store.NoticeBatch{Now: now, Limit: 1, MaxPerReport: 5}, nothing)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Claimed) != 1 || res.Claimed[0] != stale.ID || res.Rescheduled != 1 || len(res.StillDue) != 0 {
			t.Fatalf("stale schedule: %+v", res)
		}
		if r, _ := st.ReportByTrackingID(ctx, stale.TrackingID); r.Schedule.WakeAt == nil || !r.Schedule.WakeAt.Equal(later) ||
			r.Version != 1 {
			t.Fatalf("rescheduled: %+v", r.Schedule)
		}

		// A schedule that stays in the past with nothing owed.
		st.SetScheduleFunc(remindOnce(t0))
		res, err = st.ApplyNotices(ctx, store.NoticeBatch{Now: now, Limit: 1, MaxPerReport: 5}, nothing)
		if err != nil || len(res.StillDue) != 1 || res.StillDue[0] != stuck.ID || res.Rescheduled != 0 {
			t.Fatalf("stuck: %+v %v", res, err)
		}

		// A report whose row no longer matches its timeline.
		if _, err := st.DB().ExecContext(ctx, rebind(st, `UPDATE reports SET version = 7 WHERE id = ?`), broken.ID); err != nil {
			t.Fatal(err)
		}
		skip := []int64{stuck.ID}
		_, err = st.ApplyNotices(ctx, store.NoticeBatch{Now: now, Limit: 5, Skip: skip, MaxPerReport: 5}, remind(now))
		var ne *store.NoticeError
		if !errors.As(err, &ne) || ne.ReportID != broken.ID {
			t.Fatalf("broken report: %v", err)
		}
		skip = append(skip, broken.ID)
		res, err = st.ApplyNotices(ctx, store.NoticeBatch{Now: now, Limit: 5, Skip: skip, MaxPerReport: 5}, remind(now))
		if err != nil || len(res.Claimed) != 0 {
			t.Fatalf("after skipping: %+v %v", res, err)
		}

		// A decision that fails is reported and writes nothing for its report.
		if _, err := st.DB().ExecContext(ctx, rebind(st, `UPDATE reports SET version = 1 WHERE id = ?`), broken.ID); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		res, err = st.ApplyNotices(ctx, store.NoticeBatch{Now: now, Limit: 5, MaxPerReport: 5},
			func(r *domain.Report) (*store.Change, error) {
				if r.ID == stuck.ID {
					return nil, boom
				}
				return remind(now)(r)
			})
		if err != nil || len(res.Applied) != 1 || res.Applied[0].ReportID != broken.ID || len(res.Failed) != 1 ||
			!errors.Is(res.Failed[0].Err, boom) || len(res.StillDue) != 1 || res.StillDue[0] != stuck.ID {
			t.Fatalf("failed decision: %+v %v", res, err)
		}
	})
}

// rebind turns '?' placeholders into PostgreSQL's for raw statements.
func rebind(st *store.Store, q string) string {
	if st.Dialect() != store.Postgres {
		return q
	}
	out, n := []byte{}, 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			out = append(out, '$', byte('0'+n))
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}
