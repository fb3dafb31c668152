package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/store"
)

// suiteHeldUploads: a failed form's files are kept under their token, in
// order, replaced by a new hold, read only while fresh, and dropped by
// token or by age.
func suiteHeldUploads(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	photo := store.NewAttachment{Name: "foto.jpg", ContentType: "image/jpeg", SHA256: "aa", Data: []byte{0xff, 0xd8, 0, 1, 2}}
	pdf := store.NewAttachment{Name: "surat.pdf", ContentType: "application/pdf", SHA256: "bb", Data: []byte("%PDF-1.4 ...")}
	must(t, st.HoldUploads(ctx, "form-a", []store.NewAttachment{photo, pdf}, t0))
	must(t, st.HoldUploads(ctx, "form-b", []store.NewAttachment{pdf}, t0.Add(-2*time.Hour)))
	got, err := st.HeldUploads(ctx, "form-a", t0.Add(-time.Hour))
	if err != nil || len(got) != 2 || got[0].Name != "foto.jpg" || !bytes.Equal(got[0].Data, photo.Data) || got[1].ContentType != "application/pdf" || got[1].SHA256 != "bb" {
		t.Fatalf("held: %+v %v", got, err)
	}
	if got, err := st.HeldUploads(ctx, "form-b", t0.Add(-time.Hour)); err != nil || len(got) != 0 {
		t.Fatalf("an old hold is read: %+v %v", got, err)
	}
	if got, err := st.HeldUploads(ctx, "form-c", t0.Add(-time.Hour)); err != nil || len(got) != 0 {
		t.Fatalf("an unknown token: %+v %v", got, err)
	}
	must(t, st.HoldUploads(ctx, "form-a", []store.NewAttachment{pdf}, t0)) // held again: replaced
	if got, _ := st.HeldUploads(ctx, "form-a", t0.Add(-time.Hour)); len(got) != 1 || got[0].Name != "surat.pdf" {
		t.Fatalf("held again: %+v", got)
	}
	// Dropping form-a also drops form-b, held more than an hour ago.
	if n, err := st.DropHeldUploads(ctx, "form-a", t0.Add(-time.Hour)); err != nil || n != 2 {
		t.Fatalf("dropped %d: %v", n, err)
	}
	if got, _ := st.HeldUploads(ctx, "form-b", t0.Add(-3*time.Hour)); len(got) != 0 {
		t.Fatalf("form-b not dropped: %+v", got)
	}
}
