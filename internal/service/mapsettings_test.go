package service_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// The map tiles are a stored setting: unset until an admin sets them,
// checked, and back to the default on request.
func TestMapSettings(t *testing.T) {
	ctx := context.Background()
	svc := apptest.New(t, filepath.Join(t.TempDir(), "lapor.db"), apptest.Options{}).Svc
	op := service.Operator
	if _, stored, err := svc.MapSettingsOf(ctx, service.Public); err != nil || stored {
		t.Fatalf("a new instance has stored map settings (%v, %v)", stored, err)
	}
	for url, field := range map[string]string{
		"tile.example.org/{z}/{x}/{y}.png":          "field.tile_url.invalid",
		"ftp://tile.example.org/{z}/{x}/{y}.png":    "field.tile_url.invalid",
		"https://tile.example.org/{z}/{x}.png":      "field.tile_url.placeholders",
		"https://tile.example.org/{z}/{x}/{y} .png": "field.tile_url.invalid",
		"javascript:alert(1)//{z}{x}{y}":            "field.tile_url.invalid",
	} {
		err := svc.SetMapSettings(ctx, op, &service.MapSettings{TileURL: url})
		if e := domain.AsError(err); err == nil || e.Fields["tile_url"] != field {
			t.Errorf("tile URL %q: %v, want %s", url, err, field)
		}
	}
	want := service.MapSettings{TileURL: "https://tile.example.org/{z}/{x}/{y}.png", Attribution: "© Peta Kota"}
	if err := svc.SetMapSettings(ctx, op, &service.MapSettings{TileURL: " " + want.TileURL, Attribution: " © Peta  Kota "}); err != nil {
		t.Fatal(err)
	}
	if got, stored, err := svc.MapSettingsOf(ctx, service.Public); err != nil || !stored || got != want {
		t.Fatalf("stored %+v (%v, %v), want %+v", got, stored, err, want)
	}
	if err := svc.SetMapSettings(ctx, op, &service.MapSettings{}); err != nil {
		t.Fatal(err)
	}
	if got, stored, _ := svc.MapSettingsOf(ctx, service.Public); !stored || got.TileURL != "" {
		t.Errorf("no map: %+v, %v", got, stored)
	}
	if err := svc.SetMapSettings(ctx, op, nil); err != nil {
		t.Fatal(err)
	}
	if _, stored, _ := svc.MapSettingsOf(ctx, service.Public); stored {
		t.Error("back to the default, the settings are still stored")
	}
}
