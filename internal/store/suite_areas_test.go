package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteAreas: kecamatan and kelurahan kept by admins, the kelurahan a
// report is filed under, and the inbox filter by kecamatan.
func suiteAreas(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	utara, err := st.CreateArea(ctx, "Bontang Utara", nil, t0)
	must(t, err)
	barat, err := st.CreateArea(ctx, "Bontang Barat", nil, t0)
	must(t, err)
	if utara.ID == 0 || !utara.IsKecamatan() || utara.Hidden {
		t.Fatalf("kecamatan: %+v", utara)
	}
	apiApi, err := st.CreateArea(ctx, "Api-Api", &utara.ID, t0)
	must(t, err)
	kanaan, err := st.CreateArea(ctx, "Kanaan", &barat.ID, t0)
	must(t, err)
	// The same name may sit under two kecamatan, never twice under one.
	_, err = st.CreateArea(ctx, "Kanaan", &utara.ID, t0)
	must(t, err)
	if _, err := st.CreateArea(ctx, "kanaan", &barat.ID, t0); fieldKey(err, "name") != "field.area.taken" {
		t.Fatalf("duplicate kelurahan: %v", err)
	}
	if _, err := st.CreateArea(ctx, "BONTANG UTARA", nil, t0); fieldKey(err, "name") != "field.area.taken" {
		t.Fatalf("duplicate kecamatan: %v", err)
	}
	// Two levels only: a kelurahan cannot have kelurahan, nor can a missing parent.
	for _, parent := range []int64{apiApi.ID, 999999} {
		if _, err := st.CreateArea(ctx, "Sub", &parent, t0); fieldKey(err, "parent") != "field.area.unknown" {
			t.Fatalf("parent %d: %v", parent, err)
		}
	}

	must(t, st.UpdateArea(ctx, kanaan.ID, "Kanaan Baru", true))
	if err := st.UpdateArea(ctx, apiApi.ID, "kanaan", false); fieldKey(err, "name") != "field.area.taken" {
		t.Fatalf("rename onto a kelurahan of the same kecamatan: %v", err)
	}
	if err := st.UpdateArea(ctx, barat.ID, "bontang utara", false); fieldKey(err, "name") != "field.area.taken" {
		t.Fatalf("rename onto a sibling: %v", err)
	}
	if err := st.UpdateArea(ctx, 999999, "x", false); !isNotFound(err) {
		t.Fatalf("unknown area: %v", err)
	}
	all, err := st.ListAreas(ctx)
	must(t, err)
	var names []string
	for _, a := range all {
		names = append(names, a.Name)
		if a.ID == kanaan.ID && (!a.Hidden || a.ParentID == nil || *a.ParentID != barat.ID) {
			t.Fatalf("after update: %+v", a)
		}
	}
	if want := []string{"Api-Api", "Bontang Barat", "Bontang Utara", "Kanaan", "Kanaan Baru"}; !slices.Equal(names, want) {
		t.Fatalf("ListAreas: %v", names)
	}

	// A report keeps its kelurahan; the inbox filters by kecamatan.
	var ids []string
	for i, area := range []*int64{&apiApi.ID, &kanaan.ID, nil} {
		r, ev := newReport(100 + i)
		r.Location = domain.Location{Kelurahan: "x", Kecamatan: "y", AreaID: area}
		must(t, st.CreateReport(ctx, r, ev, nil))
		ids = append(ids, r.TrackingID)
	}
	got, err := st.ReportByTrackingID(ctx, ids[0])
	must(t, err)
	if got.Location.AreaID == nil || *got.Location.AreaID != apiApi.ID {
		t.Fatalf("stored area: %+v", got.Location)
	}
	for kec, want := range map[int64][]string{utara.ID: {ids[0]}, barat.ID: {ids[1]}, 0: ids, apiApi.ID: nil} {
		list, total, err := st.ListReports(ctx, store.Filter{KecamatanID: kec, Oldest: true, Limit: 10})
		must(t, err)
		if got := trackingIDs(list); total != len(want) || !slices.Equal(got, want) && len(want) > 0 {
			t.Fatalf("kecamatan %d: %v (%d), want %v", kec, got, total, want)
		}
	}
}
