package service_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// TestErrorsSayWhereTheyCameFrom: an internal error names the service
// and store functions it passed through and their key arguments, keeps
// its code, and names no reporter; an expected error keeps its code and
// message key however deep it was raised.
func TestErrorsSayWhereTheyCameFrom(t *testing.T) {
	env := apptest.New(t, filepath.Join(t.TempDir(), "lapor.db"), apptest.Options{})
	ctx := context.Background()
	rc, err := env.Svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint, Title: "Lampu jalan padam",
		Body: "Lampu jalan di depan pasar padam sejak minggu lalu.", Reporter: domain.Identity{Name: "Siti Rahasia"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = env.Svc.Report(ctx, "ZZZZ-ZZZZ", service.Operator)
	if e := domain.AsError(err); e.Code != domain.CodeNotFound || e.Key != domain.ErrNotFound.Key {
		t.Fatalf("not found lost its code: %v", err)
	}
	env.Store.Close()
	_, err = env.Svc.Report(ctx, rc.TrackingID, service.Operator)
	if domain.ErrorCode(err) != domain.CodeInternal {
		t.Fatalf("a closed database: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"service.Report(\"" + rc.TrackingID + "\")", "store.ReportByTrackingID(\"" + rc.TrackingID + "\")"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error %q does not name %s", msg, want)
		}
	}
	if strings.Contains(msg, "Siti") {
		t.Errorf("the error names the reporter: %q", msg)
	}
}
