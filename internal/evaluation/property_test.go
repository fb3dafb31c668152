package evaluation_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/workdays"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Shutdown()
	os.Exit(code)
}

var admin = service.Viewer{User: &domain.User{ID: 1, Role: domain.RoleAdmin}}

// city creates units and categories, and a category with its own deadline.
func city(t testing.TB, env *apptest.Env) (units []int64, cats []*int64) {
	t.Helper()
	ctx := context.Background()
	for i := 1; i <= 6; i++ {
		u, err := env.Svc.AddUnit(ctx, service.Operator, fmt.Sprintf("opd-%d", i), fmt.Sprintf("Unit %d", i), "")
		if err != nil {
			t.Fatal(err)
		}
		units = append(units, u.ID)
	}
	cats = []*int64{nil}
	for _, code := range []string{"jalan", "kesehatan"} {
		c, err := env.Store.CreateCategory(ctx, code, code, nil, env.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		cats = append(cats, &c.ID)
	}
	adminUser := domain.User{Role: domain.RoleAdmin}
	if _, err := env.Svc.UpdateDeadlineSettings(ctx, service.Viewer{User: &adminUser},
		[]byte(`{"categories": {"jalan": {"follow_up_days": 3}}}`)); err != nil {
		t.Fatal(err)
	}
	return units, cats
}

// The evaluation's figures equal a plain recomputation from thousands of
// random timelines, on both databases, and do not change when computed
// again, or later.
func TestFiguresMatchAPlainRecomputation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		ctx := context.Background()
		units, cats := city(t, env)
		now := time.Date(2027, 2, 1, 12, 0, 0, 0, wita)
		g := &generator{rng: rand.New(rand.NewPCG(4, uint64(len(env.Backend)))), units: units, cats: cats, until: now}
		var all []store.History
		n := 3000
		if testing.Short() {
			n = 800
		}
		for i := 0; i < n; i++ {
			start := time.Date(2026, 1, 1, 7, 0, 0, 0, wita).Add(time.Duration(g.rng.Int64N(int64(390 * 24 * time.Hour))))
			h := g.report(start)
			all = append(all, h)
		}
		for i := 0; i < len(all); i += 500 {
			if err := env.Store.ImportReports(ctx, all[i:min(i+500, len(all))]); err != nil {
				t.Fatal(err)
			}
		}
		env.Clock.Set(now)
		cal := env.Svc.Calendar()
		set, err := env.Svc.SettingsOf(context.Background(), service.Operator)
		if err != nil {
			t.Fatal(err)
		}
		codes := map[int64]string{*cats[1]: "jalan", *cats[2]: "kesehatan"}
		periods := [][2]string{
			{"2026-01-01", "2026-12-31"}, {"2026-03-01", "2026-03-31"}, {"2026-06-15", "2026-07-20"},
			{"2026-12-01", "2027-03-31"}, {"2027-01-10", "2027-01-10"},
		}
		for _, p := range periods {
			q := service.EvaluationQuery{From: p[0], To: p[1]}
			ev, err := env.Svc.Evaluate(ctx, admin, q)
			if err != nil {
				t.Fatal(err)
			}
			from, _ := workdays.ParseDate(p[0])
			to, _ := workdays.ParseDate(p[1])
			want := plainFigures(cal, set, codes, all, units, from, to, now)
			received := 0
			for i, row := range ev.Rows {
				got := row.Figures
				if !reflect.DeepEqual(comparable(got), want[i]) {
					t.Errorf("%s..%s unit %s:\n got  %+v\n want %+v", p[0], p[1], row.Unit.Code, comparable(got), want[i])
				}
				received += got.Received
			}
			if received == 0 && p[0] != "2027-01-10" {
				t.Fatalf("%s..%s: nothing received; the generator is broken", p[0], p[1])
			}
			t.Logf("%s..%s total %+v", p[0], p[1], comparable(ev.Total))
			again, err := env.Svc.Evaluate(ctx, admin, q)
			if err != nil || !reflect.DeepEqual(again, ev) {
				t.Fatalf("a second computation differs: %v", err)
			}
			// Sanction list against the plain recomputation.
			sl, err := env.Svc.Sanctions(ctx, admin, q)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, u := range sl.Units {
				for _, r := range u.Reports {
					got[fmt.Sprintf("%s/%s", u.Unit.Code, r.TrackingID)] = r.OverdueDays
				}
			}
			if wantS := plainSanctions(cal, set, codes, all, units, from, to, now); !reflect.DeepEqual(got, wantS) {
				t.Errorf("%s..%s sanction list: %d entries, want %d", p[0], p[1], len(got), len(wantS))
				for k, v := range wantS {
					if got[k] != v {
						t.Errorf("  %s: got %d want %d", k, got[k], v)
					}
				}
				for k, v := range got {
					if _, ok := wantS[k]; !ok {
						t.Errorf("  extra %s: %d", k, v)
					}
				}
			}
		}
		// A past period's figures do not change as time goes on.
		q := service.EvaluationQuery{From: "2026-03-01", To: "2026-03-31"}
		before, _ := env.Svc.Evaluate(ctx, admin, q)
		env.Clock.Set(now.AddDate(0, 3, 0))
		after, _ := env.Svc.Evaluate(ctx, admin, q)
		if !reflect.DeepEqual(before.Rows, after.Rows) {
			t.Fatalf("March changed when evaluated later")
		}
	})
}

type evalFigures = evaluation.Figures

// want is the part of Figures the plain recomputation produces.
type want struct {
	Received, FollowedUp, OnTime, Late, Missed, Transferred, Pending int
	Rate, Median, Rating                                             float64 // -1: none
	Completed, Reopened, Rated, Backlog, Oldest                      int
	Grade                                                            string
}

func comparable(f evalFigures) want {
	opt := func(p *float64) float64 {
		if p == nil {
			return -1
		}
		return *p
	}
	return want{f.Received, f.FollowedUp, f.FollowedUpOnTime, f.Late, f.Missed, f.Transferred, f.Pending,
		opt(f.OnTimeRate), opt(f.MedianDays), opt(f.AverageRating), f.Completed, f.Reopened, f.Rated,
		f.OverdueBacklog, f.OldestOverdueDays, f.Grade}
}

// ---- The plain recomputation: the definitions of package evaluation,
// written out one report and one unit at a time, without sharing code.

func routes(e domain.Event) bool {
	return e.Type == domain.EventVerified || e.Type == domain.EventRerouted || e.Type == domain.EventForwarded
}

// unitAfter is the unit a report is routed to after its first k+1 events.
func unitAfter(evs []domain.Event, k int) int64 {
	var u int64
	for _, e := range evs[:k+1] {
		if routes(e) {
			u = *e.UnitID
		}
		if e.Type == domain.EventReturned {
			u = 0
		}
	}
	return u
}

func followUpDays(set deadline.Settings, codes map[int64]string, r *domain.Report) int {
	days := set.FollowUp
	if o, ok := set.Kinds[r.Kind]; ok && o.FollowUp != nil {
		days = *o.FollowUp
	}
	if r.CategoryID != nil {
		if o, ok := set.Categories[codes[*r.CategoryID]]; ok && o.FollowUp != nil {
			days = *o.FollowUp
		}
	}
	return days
}

func plainFigures(cal *workdays.Calendar, set deadline.Settings, codes map[int64]string, all []store.History,
	units []int64, from, to workdays.Date, now time.Time) []want {
	start, end := cal.StartOfDay(from), cal.StartOfDay(to.AddDays(1))
	snap := end
	if now.Before(snap) {
		snap = now
	}
	var out []want
	for _, u := range units {
		var w want
		var days []int
		ratingSum := 0
		for _, h := range all {
			evs := h.Events
			n := followUpDays(set, codes, h.Report)
			// The cohort: the first assignment to u that began in the period.
			first := -1
			for i, e := range evs {
				if routes(e) && *e.UnitID == u && !e.CreatedAt.Before(start) && e.CreatedAt.Before(end) {
					first = i
					break
				}
			}
			if first >= 0 {
				w.Received++
				began := evs[first].CreatedAt
				dl := cal.Deadline(began, n)
				outcome := ""
				for j := first + 1; j < len(evs) && evs[j].CreatedAt.Before(end); j++ {
					if evs[j].Type == domain.EventFollowedUp {
						if evs[j].CreatedAt.After(dl) {
							outcome = "late"
						} else {
							outcome = "on_time"
						}
						days = append(days, cal.WorkingDaysBetween(began, evs[j].CreatedAt))
						break
					}
					if unitAfter(evs, j) != u {
						if evs[j].CreatedAt.After(dl) {
							outcome = "missed"
						} else {
							outcome = "transferred"
						}
						break
					}
				}
				if outcome == "" {
					if snap.After(dl) {
						outcome = "missed"
					} else {
						outcome = "pending"
					}
				}
				switch outcome {
				case "on_time":
					w.OnTime++
					w.FollowedUp++
				case "late":
					w.Late++
					w.FollowedUp++
				case "missed":
					w.Missed++
				case "transferred":
					w.Transferred++
				case "pending":
					w.Pending++
				}
				completed, reopened, rating := false, false, 0
				for j := first + 1; j < len(evs) && evs[j].CreatedAt.Before(end); j++ {
					if unitAfter(evs, j) != u {
						continue
					}
					switch evs[j].Type {
					case domain.EventCompleted, domain.EventAutoCompleted:
						completed = true
						if evs[j].Rating > 0 {
							rating = evs[j].Rating
						}
					case domain.EventReopened:
						reopened = true
					}
				}
				if completed {
					w.Completed++
				}
				if reopened {
					w.Reopened++
				}
				if rating > 0 {
					w.Rated++
					ratingSum += rating
				}
			}
			// The backlog: the state at the snapshot.
			status, unit, stageStart := domain.Status(""), int64(0), time.Time{}
			for k, e := range evs {
				if !e.CreatedAt.Before(snap) {
					break
				}
				if e.ToStatus != "" {
					status = e.ToStatus
				}
				unit = unitAfter(evs, k)
				if routes(e) || e.Type == domain.EventReplied || e.Type == domain.EventReopened {
					stageStart = e.CreatedAt
				}
			}
			if (status == domain.StatusDispositioned || status == domain.StatusReporterReplied) && unit == u {
				dl := cal.Deadline(stageStart, n)
				if snap.After(dl) {
					w.Backlog++
					w.Oldest = max(w.Oldest, cal.WorkingDaysBetween(dl, snap))
				}
			}
		}
		w.Rate, w.Median, w.Rating = -1, -1, -1
		if d := w.OnTime + w.Late + w.Missed; d > 0 {
			w.Rate = math.Round(10000*float64(w.OnTime)/float64(d)) / 100
			switch {
			case w.Rate >= set.Grades.Good:
				w.Grade = "good"
			case w.Rate >= set.Grades.Fair:
				w.Grade = "fair"
			default:
				w.Grade = "poor"
			}
		}
		if len(days) > 0 {
			sort.Ints(days)
			if len(days)%2 == 1 {
				w.Median = float64(days[len(days)/2])
			} else {
				w.Median = float64(days[len(days)/2-1]+days[len(days)/2]) / 2
			}
		}
		if w.Rated > 0 {
			w.Rating = math.Round(100*float64(ratingSum)/float64(w.Rated)) / 100
		}
		out = append(out, w)
	}
	return out
}

// plainSanctions: "unit/tracking id" -> working days overdue of the most
// overdue follow-up stage that was overdue at some moment of the period.
func plainSanctions(cal *workdays.Calendar, set deadline.Settings, codes map[int64]string, all []store.History,
	units []int64, from, to workdays.Date, now time.Time) map[string]int {
	start, end := cal.StartOfDay(from), cal.StartOfDay(to.AddDays(1))
	snap := end
	if now.Before(snap) {
		snap = now
	}
	code := map[int64]string{}
	for i, u := range units {
		code[u] = fmt.Sprintf("opd-%d", i+1)
	}
	out := map[string]int{}
	for _, h := range all {
		evs := h.Events
		n := followUpDays(set, codes, h.Report)
		for i, e := range evs {
			if !(routes(e) || e.Type == domain.EventReplied || e.Type == domain.EventReopened) {
				continue
			}
			u := unitAfter(evs, i)
			if u == 0 || !e.CreatedAt.Before(end) {
				continue
			}
			dl := cal.Deadline(e.CreatedAt, n)
			stop := snap
			for j := i + 1; j < len(evs); j++ {
				if evs[j].ToStatus != domain.StatusDispositioned && evs[j].ToStatus != domain.StatusReporterReplied ||
					routes(evs[j]) || evs[j].Type == domain.EventReturned {
					if evs[j].CreatedAt.Before(stop) {
						stop = evs[j].CreatedAt
					}
					break
				}
			}
			if stop.After(dl) && stop.After(start) {
				key := code[u] + "/" + h.Report.TrackingID
				d := cal.WorkingDaysBetween(dl, stop)
				if old, ok := out[key]; !ok || d > old {
					out[key] = d
				}
			}
		}
	}
	return out
}
