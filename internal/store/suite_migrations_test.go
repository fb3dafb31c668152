package store_test

import (
	"context"
	"testing"

	"github.com/lapor-id/lapor/internal/store"
)

// suiteMigrations: an opened store has every embedded migration applied;
// one struck from the record counts as pending until the next open.
func suiteMigrations(t *testing.T, dsn string, st *store.Store) {
	ctx := context.Background()
	if n, err := st.PendingMigrations(ctx); err != nil || n != 0 {
		t.Fatalf("pending after open: %d %v", n, err)
	}
	if _, err := st.DB().ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`); err != nil {
		t.Fatal(err)
	}
	if n, err := st.PendingMigrations(ctx); err != nil || n != 1 {
		t.Fatalf("pending with one struck: %d %v", n, err)
	}
}
