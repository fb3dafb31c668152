package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/pgtest"
)

// The outbox's recipients (0054) keep every delivery an earlier version
// wrote, with every column earlier migrations added (webhook_id from
// 0036): SQLite rebuilds the table, PostgreSQL alters it in place.
func TestOutboxRecipientsMigrationKeepsDeliveries(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			dsn := filepath.Join(t.TempDir(), "m.db")
			if backend == "postgres" {
				dsn = pgtest.NewDatabase(t)
			}
			s, err := open(dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			s.SetScheduleFunc(NoDeadlines)
			list, err := s.migrationList()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.DB().ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
				t.Fatal(err)
			}
			for _, m := range list {
				if m.version >= 54 {
					break
				}
				if _, err := s.DB().ExecContext(ctx, m.sql); err != nil {
					t.Fatalf("%s: %v", m.name, err)
				}
				if _, err := s.DB().ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)`), m.version); err != nil {
					t.Fatal(err)
				}
			}
			t0 := time.Date(2026, 11, 18, 1, 0, 0, 0, time.UTC)
			r := &domain.Report{TrackingID: domain.NewTrackingID(), ReceiptHash: "h", Kind: domain.KindComplaint, Status: domain.StatusSubmitted,
				Title: "Laporan lama", Body: "Isi laporan yang cukup panjang.", Channel: domain.ChannelAPI, CreatedAt: t0, UpdatedAt: t0}
			ev := &domain.Event{Type: domain.EventSubmitted, ActorRole: domain.RoleReporter, ToStatus: domain.StatusSubmitted, CreatedAt: t0}
			if err := s.CreateReport(ctx, r, ev, nil); err != nil {
				t.Fatal(err)
			}
			var hook int64
			if err := s.DB().QueryRowContext(ctx, s.q(`INSERT INTO webhooks (url, events, sealed_secret, created_at) VALUES ('https://a.test', 'report.submitted', ?, 0)
				RETURNING id`), []byte{1}).Scan(&hook); err != nil {
				t.Fatal(err)
			}
			for _, q := range []struct {
				key, channel, audience string
				hook                   any
			}{{r.TrackingID + ".1.reporter.email", "email", "reporter", nil}, {r.TrackingID + ".1.webhook.1", "webhook", "webhook", hook}} {
				if _, err := s.DB().ExecContext(ctx, s.q(`INSERT INTO outbox (idem_key, channel, audience, report_id, tracking_id, event_seq, event_type,
					status, attempts, next_at, last_error, created_at, tries_from, done_at, webhook_id)
					VALUES (?, ?, ?, ?, ?, 1, 'submitted', 'dead', 7, 5, 'refused', 3, 4, 6, ?)`),
					q.key, q.channel, q.audience, r.ID, r.TrackingID, q.hook); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			ds, err := s.ListDeliveries(ctx, domain.DeliveryDead, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != 2 {
				t.Fatalf("after the migration: %+v", ds)
			}
			for _, d := range ds {
				if d.ReportID != r.ID || d.Attempts != 7 || d.LastError != "refused" || d.Kind != "submitted" || d.DoneAt == nil ||
					d.UserID != nil || d.SealedTo != nil {
					t.Errorf("delivery after the migration: %+v", d)
				}
				if (d.Channel == "webhook") != (d.WebhookID != nil && *d.WebhookID == hook) {
					t.Errorf("webhook_id lost: %+v", d)
				}
			}
			// The table takes what the new version writes.
			if err := s.EnqueueMail(ctx, NewMail{Key: "verify.id.x", Audience: domain.AudienceCitizen, Kind: "verify", SealedTo: []byte("s"), Now: t0}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
