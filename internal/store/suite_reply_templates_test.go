package store_test

import (
	"context"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// suiteReplyTemplates: templates are added, rewritten, listed by title
// and deleted; an unknown one is not found.
func suiteReplyTemplates(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	unit, err := st.CreateUnit(ctx, "dpupr", "Dinas PUPR", "", t0)
	must(t, err)
	cat, err := st.CreateCategory(ctx, "jalan", "Jalan", nil, t0)
	must(t, err)
	general := domain.ReplyTemplate{Title: "Terima kasih", Body: "Terima kasih atas laporan {kode}.", UpdatedAt: t0}
	roads := domain.ReplyTemplate{UnitID: &unit.ID, CategoryID: &cat.ID, Title: "Jalan: dijadwalkan", Body: "Perbaikan dijadwalkan.", UpdatedAt: t0}
	must(t, st.SaveReplyTemplate(ctx, &general))
	must(t, st.SaveReplyTemplate(ctx, &roads))
	if general.ID == 0 || roads.ID == 0 || general.ID == roads.ID {
		t.Fatalf("ids %d %d", general.ID, roads.ID)
	}
	roads.Body, roads.CategoryID = "Perbaikan dijadwalkan minggu depan.", nil
	must(t, st.SaveReplyTemplate(ctx, &roads))
	list, err := st.ReplyTemplates(ctx)
	must(t, err)
	if len(list) != 2 || list[0].Title != "Jalan: dijadwalkan" || list[0].Body != "Perbaikan dijadwalkan minggu depan." ||
		list[0].CategoryID != nil || list[0].UnitID == nil || *list[0].UnitID != unit.ID || list[1].UnitID != nil || !list[1].UpdatedAt.Equal(t0) {
		t.Fatalf("list: %+v", list)
	}
	if err := st.SaveReplyTemplate(ctx, &domain.ReplyTemplate{ID: 1 << 40, Title: "x", Body: "y", UpdatedAt: t0}); !isNotFound(err) {
		t.Fatalf("rewrite an unknown one: %v", err)
	}
	must(t, st.DeleteReplyTemplate(ctx, general.ID))
	if err := st.DeleteReplyTemplate(ctx, general.ID); !isNotFound(err) {
		t.Fatalf("delete twice: %v", err)
	}
	if list, _ := st.ReplyTemplates(ctx); len(list) != 1 {
		t.Fatalf("after delete: %+v", list)
	}
}
