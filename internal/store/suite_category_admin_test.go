package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteCategoryAdmin: admins rename, hide, merge and reorder categories;
// the list keeps their order, an import keeps what they hid or merged, and
// the most used categories are counted from recent reports.
func suiteCategoryAdmin(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	tree := []store.CategoryNode{
		{Code: "air", Name: "Air Bersih", Children: []store.CategoryNode{{Code: "air.pdam", Name: "PDAM"}, {Code: "air.sumur", Name: "Sumur"}, {Code: "air.pdamm", Name: "PDAMM"}}},
		{Code: "jalan", Name: "Jalan Raya"},
	}
	_, err := st.ImportCategories(ctx, tree, t0)
	must(t, err)
	get := func(code string) domain.Category {
		t.Helper()
		c, err := st.CategoryByCode(ctx, code)
		must(t, err)
		return c
	}
	pdam, typo := get("air.pdam"), get("air.pdamm")
	if typo.Hidden || typo.MergedInto != nil || typo.Position != 0 {
		t.Fatalf("a new category: %+v", typo)
	}
	typo.MergedInto, typo.Hidden, typo.Name = &pdam.ID, true, "PDAM (salah ketik)"
	must(t, st.UpdateCategory(ctx, typo))
	jalan := get("jalan")
	jalan.Hidden = true
	must(t, st.UpdateCategory(ctx, jalan))
	if err := st.UpdateCategory(ctx, domain.Category{ID: 1 << 40, Name: "x"}); !isNotFound(err) {
		t.Fatalf("unknown category: %v", err)
	}
	if got := get("air.pdamm"); !got.Hidden || got.MergedInto == nil || *got.MergedInto != pdam.ID || got.Name != "PDAM (salah ketik)" {
		t.Fatalf("merged: %+v", got)
	}
	// Sumur first, then PDAM, then the typo: the admins' order beats the names'.
	air := get("air")
	must(t, st.OrderCategories(ctx, []int64{get("air.sumur").ID, pdam.ID, typo.ID}))
	all, err := st.ListCategories(ctx)
	must(t, err)
	var codes []string
	for _, c := range all {
		if c.ParentID != nil && *c.ParentID == air.ID {
			codes = append(codes, c.Code)
		}
	}
	if want := []string{"air.sumur", "air.pdam", "air.pdamm"}; !slices.Equal(codes, want) {
		t.Fatalf("order: %v", codes)
	}
	// A new import renames what it brings but keeps what admins hid and merged.
	_, err = st.ImportCategories(ctx, tree, t0)
	must(t, err)
	if got := get("jalan"); !got.Hidden {
		t.Fatalf("an import showed a hidden category: %+v", got)
	}
	if got := get("air.pdamm"); got.MergedInto == nil || got.Position != 3 {
		t.Fatalf("an import undid a merge or the order: %+v", got)
	}
	m, err := st.CategoriesByID(ctx, []int64{typo.ID})
	if err != nil || m[typo.ID] == nil || m[typo.ID].MergedInto == nil {
		t.Fatalf("CategoriesByID: %v %v", m, err)
	}

	// Usage: two reports in PDAM and one in Sumur lately, three in Jalan long ago.
	sumur := get("air.sumur")
	file := func(cat int64, at time.Time) {
		r, ev := newReport(int(cat))
		r.CategoryID, r.CreatedAt, r.UpdatedAt, ev.CreatedAt = &cat, at, at, at
		must(t, st.CreateReport(ctx, r, ev, nil))
	}
	for range 3 {
		file(jalan.ID, t0.Add(-200*24*time.Hour))
	}
	file(pdam.ID, t0)
	file(sumur.ID, t0.Add(time.Hour))
	file(pdam.ID, t0.Add(2*time.Hour))
	ids, err := st.CategoryUsage(ctx, t0.Add(-90*24*time.Hour), 10)
	if err != nil || !slices.Equal(ids, []int64{pdam.ID, sumur.ID}) {
		t.Fatalf("usage: %v %v (pdam %d, sumur %d)", ids, err, pdam.ID, sumur.ID)
	}
	if ids, err := st.CategoryUsage(ctx, t0.Add(-300*24*time.Hour), 1); err != nil || !slices.Equal(ids, []int64{jalan.ID}) {
		t.Fatalf("usage over a longer time, one only: %v %v", ids, err)
	}
}
