package worker

import (
	"context"
	"errors"
	"fmt"
	"github.com/lapor-id/lapor/internal/service"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/workdays"
)

// onePerTransaction is the scheduler as it was before batches: each
// notice in its own transaction (store.Act, which derives the schedule
// again from the events read back), a report woken for nothing
// rescheduled on its own (store.Reschedule). It is the reference the
// batched pass must match.
func (w *Worker) onePerTransaction(ctx context.Context) (Result, error) {
	var res Result
	if err := w.svc.RefreshPolicy(ctx, service.Operator, false); err != nil {
		return res, err
	}
	now := w.svc.Now()
	names, err := w.unitNames(ctx)
	if err != nil {
		return res, err
	}
	seen := map[string]bool{}
	for {
		ids, err := w.st.DueReports(ctx, now, w.opt.Batch)
		if err != nil {
			return res, err
		}
		fresh := 0
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			fresh++
			res.Checked++
			for i, wrote := 0, false; i < maxNotices; i++ {
				cal := w.svc.Calendar()
				settings, err := w.svc.SettingsOf(ctx, service.Operator)
				if err != nil {
					return res, err
				}
				office := settings.SupervisingOffice
				var did deadline.Notice
				_, _, err = w.st.Act(ctx, id, func(r *domain.Report) (*store.Change, error) {
					n, ok := deadline.Next(cal, r.Status, r.Schedule, now)
					if !ok {
						return nil, store.ErrNoChange
					}
					did = n
					return change(r, n, now, office, names)
				})
				if errors.Is(err, store.ErrNoChange) {
					if !wrote {
						err = w.st.Reschedule(ctx, id)
					} else {
						err = nil
					}
					if err != nil {
						return res, err
					}
					break
				}
				if err != nil {
					return res, err
				}
				wrote = true
				switch did {
				case deadline.NoticeRemind:
					res.Reminded++
				case deadline.NoticeEscalate:
					res.Escalated++
				case deadline.NoticeAutoComplete:
					res.AutoCompleted++
				case deadline.NoticeExpireHold:
					res.Archived++
				case deadline.NoticeOmbudsman:
					res.Flagged++
				}
			}
		}
		if len(ids) < w.opt.Batch || fresh == 0 {
			return res, nil
		}
	}
}

// The batched pass writes, over months of passes on a city of varied
// timelines (with a month when the worker was down, after which reports
// get several notices at once), exactly what one notice per transaction
// wrote: the same events (same hashes, so the same content and chain) and
// the same rows.
func TestBatchesWriteWhatOneNoticePerTransactionWrote(t *testing.T) {
	apptest.Each(t, func(t *testing.T, ref *apptest.Env) {
		dsn := filepath.Join(t.TempDir(), "batched.db")
		if ref.Backend == string(store.Postgres) {
			dsn = pgtest.NewDatabase(t)
		}
		got := apptest.New(t, dsn, apptest.Options{})
		ctx := context.Background()
		end := time.Date(2026, 11, 2, 0, 0, 0, 0, apptest.Start.Location())
		ids := loadVariedCity(t, ref, "EQ", end, 75, 400)
		loadVariedCity(t, got, "EQ", end, 75, 400)
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		refW := New(ref.Svc, ref.Store, Options{Logger: quiet, Batch: 7})
		gotW := New(got.Svc, got.Store, Options{Logger: quiet, Batch: 7})
		start := time.Date(2026, 11, 2, 0, 1, 0, 0, apptest.Start.Location())
		for day := 0; day < 90; day++ {
			if day >= 20 && day < 50 {
				continue // the worker is down: the first pass after catches up
			}
			if day == 55 {
				// Reports filed in the last ten days, then another process
				// changes the policy without deriving the schedules again,
				// and some schedules are older still: reports wake for
				// nothing, or on a stale deadline.
				now := start.AddDate(0, 0, day)
				ids = append(ids, loadVariedCity(t, ref, "ER", now, 10, 200)...)
				loadVariedCity(t, got, "ER", now, 10, 200)
				for _, env := range []*apptest.Env{ref, got} {
					if err := env.Store.PutPolicySetting(ctx, "deadlines", `{"follow_up_days": 7, "verify_days": 4}`, now); err != nil {
						t.Fatal(err)
					}
					for d := 1; d <= 12; d += 3 {
						date := workdays.DateOf(now.AddDate(0, 0, d), now.Location())
						if err := env.Store.AddHoliday(ctx, workdays.Holiday{Date: date, Kind: workdays.KindLiburDaerah, Name: "Libur"}, now); err != nil {
							t.Fatal(err)
						}
					}
					q := `UPDATE reports SET wake_at = ? WHERE wake_at > ? AND id % 3 = 0`
					if env.Backend == string(store.Postgres) {
						q = `UPDATE reports SET wake_at = $1 WHERE wake_at > $2 AND id % 3 = 0`
					}
					if _, err := env.Store.DB().ExecContext(ctx, q, now.Add(-time.Hour).UnixMicro(), now.UnixMicro()); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, at := range []time.Duration{0, 9 * time.Hour, 16 * time.Hour} {
				now := start.AddDate(0, 0, day).Add(at)
				ref.Clock.Set(now)
				got.Clock.Set(now)
				want, err := refW.onePerTransaction(ctx)
				if err != nil {
					t.Fatal(err)
				}
				res, err := gotW.Pass(ctx)
				if err != nil {
					t.Fatal(err)
				}
				want.Took, res.Took = 0, 0
				if res != want {
					t.Fatalf("pass at %s: batched %+v, one per transaction %+v", now, res, want)
				}
			}
			if day == 19 || day == 50 || day == 89 {
				sameCity(t, ref.Store, got.Store, ids)
			}
		}
	})
}

func sameCity(t *testing.T, ref, got *store.Store, ids []string) {
	t.Helper()
	ctx := context.Background()
	for _, id := range ids {
		a, err := ref.ReportByTrackingID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b, err := got.ReportByTrackingID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("report %s:\n one per transaction %+v\n batched             %+v", id, a, b)
		}
		ea, err := ref.Events(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		eb, err := got.Events(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := range ea {
			ea[i].ID = 0
		}
		for i := range eb {
			eb[i].ID = 0
		}
		if !reflect.DeepEqual(ea, eb) || domain.VerifyChain(id, eb) != -1 {
			t.Fatalf("report %s events:\n one per transaction %+v\n batched             %+v", id, ea, eb)
		}
	}
}

// loadVariedCity imports n reports filed over the days before end, each
// at a different step of its life, the same for the same arguments.
func loadVariedCity(t *testing.T, env *apptest.Env, prefix string, end time.Time, days, n int) []string {
	t.Helper()
	ctx := context.Background()
	var units []int64
	for i := 1; i <= 3; i++ {
		code := fmt.Sprintf("opd-%d", i)
		u, err := env.Store.UnitByCode(ctx, code)
		if err != nil {
			if u, err = env.Svc.AddUnit(ctx, service.Operator, code, fmt.Sprintf("Dinas %d", i), ""); err != nil {
				t.Fatal(err)
			}
		}
		units = append(units, u.ID)
	}
	rng := rand.New(rand.NewPCG(11, 13))
	var hs []store.History
	var ids []string
	for i := 0; i < n; i++ {
		t0 := end.Add(-time.Duration(rng.Int64N(int64(time.Duration(days) * 24 * time.Hour)))).Truncate(time.Second)
		u, u2 := units[i%3], units[(i+1)%3]
		kind := domain.KindComplaint
		if i%5 == 4 {
			kind = domain.KindInformationRequest
		}
		r := &domain.Report{TrackingID: fmt.Sprintf("%s%02d-%04d", prefix, i/10000, i%10000), ReceiptHash: fmt.Sprintf("%s-%d", prefix, i),
			Kind: kind, Title: "Laporan", Body: "Isi laporan untuk uji kesetaraan.", Channel: domain.ChannelWeb}
		step := time.Duration(1+rng.IntN(72)) * time.Hour
		tt := t0
		ev := func(typ domain.EventType, role domain.Role, from, to domain.Status, unit *int64) domain.Event {
			if tt = tt.Add(step); tt.After(end) {
				tt = end // nothing happens after end
			}
			return domain.Event{Type: typ, ActorRole: role, FromStatus: from, ToStatus: to, UnitID: unit, CreatedAt: tt}
		}
		evs := []domain.Event{{Type: domain.EventSubmitted, ActorRole: domain.RoleReporter, ToStatus: domain.StatusSubmitted, CreatedAt: t0}}
		verified := func() {
			evs = append(evs, ev(domain.EventVerified, domain.RoleAdmin, domain.StatusSubmitted, domain.StatusDispositioned, &u))
		}
		followed := func() {
			evs = append(evs, ev(domain.EventFollowedUp, domain.RoleOfficer, domain.StatusDispositioned, domain.StatusFollowedUp, nil))
		}
		switch i % 10 {
		case 0: // waiting for verification
		case 1:
			evs = append(evs, ev(domain.EventHeld, domain.RoleAdmin, domain.StatusSubmitted, domain.StatusOnHold, nil))
		case 2:
			evs = append(evs, ev(domain.EventHeld, domain.RoleAdmin, domain.StatusSubmitted, domain.StatusOnHold, nil),
				ev(domain.EventInfoCompleted, domain.RoleReporter, domain.StatusOnHold, domain.StatusSubmitted, nil))
		case 3:
			verified()
		case 4:
			verified()
			followed()
		case 5:
			verified()
			followed()
			evs = append(evs, ev(domain.EventReplied, domain.RoleReporter, domain.StatusFollowedUp, domain.StatusReporterReplied, nil))
		case 6:
			verified()
			followed()
			evs = append(evs, ev(domain.EventCompleted, domain.RoleReporter, domain.StatusFollowedUp, domain.StatusCompleted, nil),
				ev(domain.EventReopened, domain.RoleReporter, domain.StatusCompleted, domain.StatusReporterReplied, nil))
		case 7:
			verified()
			evs = append(evs, ev(domain.EventRerouted, domain.RoleAdmin, domain.StatusDispositioned, domain.StatusDispositioned, &u2))
		case 8:
			verified()
			evs = append(evs, ev(domain.EventReturned, domain.RoleOfficer, domain.StatusDispositioned, domain.StatusSubmitted, nil))
		case 9:
			verified()
			evs = append(evs, ev(domain.EventForwarded, domain.RoleOfficer, domain.StatusDispositioned, domain.StatusDispositioned, &u2))
		}
		hs = append(hs, store.History{Report: r, Events: evs})
		ids = append(ids, r.TrackingID)
	}
	if err := env.Store.ImportReports(ctx, hs); err != nil {
		t.Fatal(err)
	}
	return ids
}
