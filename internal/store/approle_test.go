package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// ownerGrants are the statements the README gives the owner to run after
// lapor migrate, so the app's role may read and write rows and nothing
// else.
var ownerGrants = []string{
	`GRANT USAGE ON SCHEMA public TO %[1]s`,
	`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %[1]s`,
	`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %[1]s`,
}

// TestAppRoleOwnsNothing: on PostgreSQL the schema belongs to an owner
// role that runs the migrations, and the nodes run as a role that owns
// nothing: it files and reads reports, but cannot disable the triggers
// that keep the timeline append-only, drop a table or change the schema,
// and a node that finds a migration pending says to run lapor migrate as
// the owner.
func TestAppRoleOwnsNothing(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	ctx := context.Background()
	super, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { super.Close() })
	suffix := fmt.Sprint(time.Now().UnixNano() % 1e9)
	owner, app := "lapor_owner_"+suffix, "lapor_app_"+suffix
	var db string
	if err := super.QueryRowContext(ctx, `SELECT current_database()`).Scan(&db); err != nil {
		t.Fatal(err)
	}
	// As the README has it: the database belongs to the owner role.
	for _, q := range []string{`CREATE ROLE ` + owner + ` LOGIN`, `CREATE ROLE ` + app + ` LOGIN`,
		`ALTER DATABASE ` + db + ` OWNER TO ` + owner} {
		if _, err := super.ExecContext(ctx, q); err != nil {
			t.Fatal(q, err)
		}
	}
	t.Cleanup(func() {
		for _, q := range []string{`ALTER DATABASE ` + db + ` OWNER TO postgres`, `DROP OWNED BY ` + owner + `, ` + app,
			`DROP ROLE ` + owner, `DROP ROLE ` + app} {
			if _, err := super.ExecContext(ctx, q); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
	})
	as := func(role string) string { return strings.Replace(dsn, "://postgres@", "://"+role+"@", 1) }

	// The owner migrates, and grants the app its rows.
	st, err := store.Open(ctx, as(owner))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range ownerGrants {
		if _, err := st.DB().ExecContext(ctx, fmt.Sprintf(q, app)); err != nil {
			t.Fatal(q, err)
		}
	}
	st.Close()

	// The app files and reads.
	ast, err := store.Open(ctx, as(app))
	if err != nil {
		t.Fatalf("a node as the app's role: %v", err)
	}
	defer ast.Close()
	ast.SetScheduleFunc(store.NoDeadlines)
	r, ev := newReport(1)
	must(t, ast.CreateReport(ctx, r, ev, nil))
	if _, err := ast.ReportByTrackingID(ctx, r.TrackingID); err != nil {
		t.Fatal(err)
	}
	// The whole service too: started (policy, keys), a report filed and
	// routed by an admin, as a node would.
	sealer, _, err := seal.LoadOrCreate(filepath.Join(t.TempDir(), "k"), func() (bool, error) { return false, nil })
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(ast, sealer, service.Config{})
	must(t, svc.Start(ctx))
	if _, err := svc.AddUnit(ctx, service.Operator, "dpupr", "Dinas PU", ""); err != nil {
		t.Fatal(err)
	}
	rc, err := svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint, Title: "Jalan berlubang di Jl. Pattimura",
		Body: "Lubang besar di tengah jalan sudah seminggu.", Reporter: domain.Identity{Name: "Rahasia", Email: "r@example.id"}, Anonymous: true}, nil)
	if err != nil {
		t.Fatalf("submit as the app's role: %v", err)
	}
	admin, err := svc.AddUser(ctx, service.Operator, service.NewUser{Email: "admin@kota.go.id", Role: domain.RoleAdmin,
		Password: "kata-sandi-peran-aplikasi"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Act(ctx, rc.TrackingID, service.Staff(&admin), domain.ActionInput{Action: domain.ActionVerify, Unit: "dpupr"}, nil); err != nil {
		t.Fatalf("verify as the app's role: %v", err)
	}

	for _, q := range []string{`ALTER TABLE events DISABLE TRIGGER ALL`, `DROP TABLE events`,
		`CREATE TABLE stash (x int)`, `UPDATE events SET message = 'dipalsukan'`, `DELETE FROM events`} {
		if _, err := ast.DB().ExecContext(ctx, q); err == nil {
			t.Errorf("the app's role may %s", q)
		}
	}

	// A migration pending: the node refuses with the way out.
	if _, err := super.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(ctx, as(app)); err == nil || !strings.Contains(err.Error(), "lapor migrate") {
		t.Errorf("a node as the app's role with a migration pending: %v", err)
	}
}
