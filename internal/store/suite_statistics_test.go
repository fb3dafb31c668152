package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
	"github.com/lapor-id/lapor/internal/store"
)

// suitePublicStatistics: the public statistics count public reports only
// (no confidential, none waiting for verification), grouped by status,
// kind, category, unit and month of submission; the evaluation's
// timelines say which reports are public.
func suitePublicStatistics(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	if last, err := st.LastReportID(ctx); err != nil || last != 0 {
		t.Fatalf("no reports: last id %d, %v", last, err)
	}
	unit, err := st.CreateUnit(ctx, "dpu", "Dinas PU", "", t0)
	must(t, err)
	bounds := []time.Time{t0, t0.Add(24 * time.Hour), t0.Add(48 * time.Hour)}
	public := map[int64]bool{}
	for i := range 6 {
		r, ev := newReport(i)
		if i != 4 { // waits for verification
			r.Status, ev.ToStatus = domain.StatusDispositioned, domain.StatusDispositioned
			r.UnitID = &unit.ID
			ev.Type = domain.EventVerified // the evaluation reads routing events only
		}
		r.Confidential = i == 2
		if i == 5 {
			r.Kind = domain.KindAspiration
		}
		at := t0.Add(time.Duration(i) * 10 * time.Hour) // 0, 10, 20, 30, 40, 50 h: months 0, 0, 0, 1, 1, outside
		r.CreatedAt, r.UpdatedAt, ev.CreatedAt = at, at, at
		must(t, st.CreateReport(ctx, r, ev, nil))
		public[r.ID] = i != 2 && i != 4
	}
	var last int64
	for id := range public {
		last = max(last, id)
	}
	if got, err := st.LastReportID(ctx); err != nil || got != last {
		t.Fatalf("last id %d, %v; want %d", got, err, last)
	}
	counts, err := st.PublicStatistics(ctx, bounds)
	must(t, err)
	total, byMonth := 0, map[int]int{}
	for _, c := range counts {
		total += c.N
		byMonth[c.Month] += c.N
		if c.Status != domain.StatusDispositioned || c.UnitID != unit.ID || c.CategoryID != 0 {
			t.Errorf("unexpected group %+v", c)
		}
	}
	if total != 4 || byMonth[0] != 2 || byMonth[1] != 1 || byMonth[-1] != 1 {
		t.Fatalf("counts %+v", counts)
	}
	// A feed asks for the newest public reports without their count.
	feed, err := st.NewestReports(ctx, store.Filter{Public: true, Limit: 2})
	must(t, err)
	if len(feed) != 2 || !public[feed[0].ID] || !public[feed[1].ID] || feed[0].ID < feed[1].ID {
		t.Fatalf("newest public: %+v", feed)
	}
	if feed, err := st.NewestReports(ctx, store.Filter{Public: true, UnitIDs: []int64{unit.ID}, Kind: domain.KindAspiration}); err != nil ||
		len(feed) != 1 || feed[0].Kind != domain.KindAspiration {
		t.Fatalf("newest public aspiration of the unit: %+v %v", feed, err)
	}
	if feed, err := st.NewestReports(ctx, store.Filter{Public: true, UnitIDs: []int64{}}); err != nil || len(feed) != 0 {
		t.Fatalf("no unit: %+v %v", feed, err)
	}
	var addresses []string
	must(t, st.PublicAddresses(ctx, 0, last+1, func(id string, at time.Time) error {
		addresses = append(addresses, id)
		if at.IsZero() {
			t.Errorf("%s without its last change", id)
		}
		return nil
	}))
	if len(addresses) != 4 {
		t.Fatalf("public addresses: %v", addresses)
	}
	if err := st.PublicAddresses(ctx, last, last+1, func(string, time.Time) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if none, err := st.PublicStatistics(ctx, nil); err != nil || len(none) == 0 || none[0].Month != -1 {
		t.Fatalf("without months: %+v %v", none, err)
	}
	seen := 0
	must(t, st.EvaluationTimelines(ctx, t0, t0.Add(72*time.Hour), func(r *evaluation.Report) error {
		seen++
		if r.Public != public[r.ID] {
			t.Errorf("report %d: public %v, want %v", r.ID, r.Public, public[r.ID])
		}
		return nil
	}))
	if seen != 5 {
		t.Errorf("timelines: %d, want 5 (all but the one waiting)", seen)
	}
}

// suitePublicMap: the map's points are the public reports with a point,
// newest first, up to the limit; the places group every public report by
// kecamatan and kelurahan, with the count and the newest few of each.
func suitePublicMap(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	lat, lon := 0.13, 117.5
	type spec struct {
		kec, kel     string
		point        bool
		public, conf bool
	}
	specs := []spec{
		{"Bontang Utara", "Api-Api", true, true, false},
		{"Bontang Utara", "Api-Api", false, true, false},
		{"Bontang Utara", "Api-Api", true, true, false},
		{"Bontang Utara", "Gunung Elai", true, true, true}, // confidential
		{"Bontang Selatan", "", true, false, false},        // waiting
		{"", "", false, true, false},
	}
	ids := make([]string, len(specs))
	for i, sp := range specs {
		r, ev := newReport(i)
		if sp.public {
			r.Status, ev.ToStatus = domain.StatusDispositioned, domain.StatusDispositioned
		}
		r.Confidential = sp.conf
		r.Location.Kecamatan, r.Location.Kelurahan = sp.kec, sp.kel
		if sp.point {
			r.Location.Lat, r.Location.Lon = &lat, &lon
		}
		must(t, st.CreateReport(ctx, r, ev, nil))
		ids[i] = r.TrackingID
	}
	pts, err := st.PublicPoints(ctx, 10)
	must(t, err)
	if len(pts) != 2 || pts[0].TrackingID != ids[2] || pts[1].TrackingID != ids[0] || pts[0].Lat != lat || pts[0].Lon != lon {
		t.Fatalf("points %+v", pts)
	}
	if one, err := st.PublicPoints(ctx, 1); err != nil || len(one) != 1 {
		t.Fatalf("limit: %+v %v", one, err)
	}
	places, err := st.PublicPlaces(ctx)
	must(t, err)
	var got []string
	for _, p := range places {
		got = append(got, p.Kecamatan+"/"+p.Kelurahan+"/"+strconv.Itoa(p.N))
	}
	if want := "//1 Bontang Utara/Api-Api/3"; strings.Join(got, " ") != want {
		t.Fatalf("places: %v, want %s", got, want)
	}
	var newest []string
	must(t, st.PublicNewest(ctx, 10, func(r store.PlaceReport) bool {
		newest = append(newest, r.TrackingID+"@"+r.Kelurahan)
		return len(newest) < 3
	}))
	if want := []string{ids[5] + "@", ids[2] + "@Api-Api", ids[1] + "@Api-Api"}; strings.Join(newest, " ") != strings.Join(want, " ") {
		t.Fatalf("newest: %v, want %v", newest, want)
	}
	newest = nil
	must(t, st.PublicNewest(ctx, 2, func(r store.PlaceReport) bool { newest = append(newest, r.TrackingID); return true }))
	if len(newest) != 2 {
		t.Fatalf("limit: %v", newest)
	}
}

// suitePublicListWalk: with more matches than publicWalkFrom, the public
// list in filing order walks the index of filing time (SQLite); its pages
// are the same as any other way of reading them: newest or oldest first,
// with a category or the open states, a later page too.
func suitePublicListWalk(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	cat, err := st.CreateCategory(ctx, "jalan", "Jalan", nil, t0)
	must(t, err)
	other, err := st.CreateCategory(ctx, "air", "Air", nil, t0)
	must(t, err)
	type rep struct {
		id   string
		cat  int64
		open bool
		at   time.Time
	}
	var all []rep
	for i := range 2400 {
		r, ev := newReport(i)
		r.Status, ev.ToStatus = domain.StatusCompleted, domain.StatusCompleted
		if i%3 != 0 { // two in three open: more than publicWalkFrom
			r.Status, ev.ToStatus = domain.StatusDispositioned, domain.StatusDispositioned
		}
		r.CategoryID = &other.ID
		if i%2 == 0 {
			r.CategoryID = &cat.ID
		}
		r.Confidential = i%10 == 7
		at := t0.Add(time.Duration((i*7919)%2400) * time.Minute) // filed out of id order
		r.CreatedAt, r.UpdatedAt, ev.CreatedAt = at, at, at
		must(t, st.CreateReport(ctx, r, ev, nil))
		if !r.Confidential {
			all = append(all, rep{r.TrackingID, *r.CategoryID, r.Status == domain.StatusDispositioned, at})
		}
	}
	want := func(keep func(rep) bool, oldest bool, offset, n int) []string {
		var sel []rep
		for _, r := range all {
			if keep(r) {
				sel = append(sel, r)
			}
		}
		slices.SortFunc(sel, func(a, b rep) int {
			if oldest {
				return a.at.Compare(b.at)
			}
			return b.at.Compare(a.at)
		})
		var ids []string
		for _, r := range sel[offset : offset+n] {
			ids = append(ids, r.id)
		}
		return ids
	}
	got := func(f store.Filter) []string {
		t.Helper()
		list, total, err := st.ListReports(ctx, f)
		must(t, err)
		if total <= 1000 {
			t.Fatalf("only %d matches: the walk is not exercised", total)
		}
		var ids []string
		for _, r := range list {
			ids = append(ids, r.TrackingID)
		}
		return ids
	}
	inCat := func(r rep) bool { return r.cat == cat.ID }
	open := func(r rep) bool { return r.open }
	for _, c := range []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"category, newest", store.Filter{Public: true, CategoryIDs: []int64{cat.ID}, Limit: 5}, want(inCat, false, 0, 5)},
		{"category, page 3", store.Filter{Public: true, CategoryIDs: []int64{cat.ID}, Limit: 5, Offset: 10}, want(inCat, false, 10, 5)},
		{"open, oldest", store.Filter{Public: true, Oldest: true, Limit: 5,
			Status: []domain.Status{domain.StatusDispositioned, domain.StatusFollowedUp}}, want(open, true, 0, 5)},
		{"all, newest", store.Filter{Public: true, Limit: 5}, want(func(rep) bool { return true }, false, 0, 5)},
	} {
		if g := got(c.f); !slices.Equal(g, c.want) {
			t.Errorf("%s: %v, want %v", c.name, g, c.want)
		}
	}
}
