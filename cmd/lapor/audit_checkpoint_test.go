package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// TestAuditCheckpointCatchesDeletions: deleting the tail of a timeline
// (and fixing the report row to match) or a whole report leaves every
// chain whole, so only the signed checkpoint outside the database can
// catch it; and the checkpoint file itself cannot be edited unnoticed.
func TestAuditCheckpointCatchesDeletions(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			in := newInstance(t, backend)
			in.keyChain(t)
			ctx := context.Background()
			staff := service.Viewer{User: in.admin}
			var ids []string
			for i := range 3 {
				ids = append(ids, in.submit(t, "Pelapor"))
				if _, err := in.svc.Act(ctx, ids[i], staff, domain.ActionInput{Action: domain.ActionVerify, Unit: "dpupr"}, nil); err != nil {
					t.Fatal(err)
				}
			}
			cp := filepath.Join(t.TempDir(), "audit.checkpoints")
			audit := func() (string, error) {
				return lapor(t, "", "audit", "verify", "--db", in.db, "--audit-checkpoint", cp, "--limit", "0")
			}
			if out, err := audit(); err != nil || !strings.Contains(out, "checkpoint of 3 reports appended") {
				t.Fatalf("first checkpoint: %v\n%s", err, out)
			}
			// Lapor's own writing after a checkpoint passes the next one.
			if _, err := in.svc.Act(ctx, ids[0], staff, domain.ActionInput{Action: domain.ActionSetConfidential}, nil); err != nil {
				t.Fatal(err)
			}
			if out, err := audit(); err != nil || !strings.Contains(out, "OK: 3 reports, 7 events") {
				t.Fatalf("second checkpoint: %v\n%s", err, out)
			}
			saved, err := os.ReadFile(cp)
			if err != nil || strings.Count(string(saved), "checkpoint v1 ") != 2 {
				t.Fatalf("checkpoint file: %v\n%s", err, saved)
			}

			f := newForger(t, in, backend)
			// The last event of ids[1] deleted and its row fixed to match;
			f.exec(`DELETE FROM events WHERE seq = 2 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, ids[1])
			f.exec(`UPDATE reports SET version = 1, status = 'submitted', unit_id = NULL WHERE tracking_id = ?`, ids[1])
			// ids[2] deleted whole.
			for _, q := range []string{`DELETE FROM attachments`, `DELETE FROM events`, `DELETE FROM chain_rekeys`, `DELETE FROM outbox`,
				`DELETE FROM channel_messages`, `DELETE FROM report_supports`, `DELETE FROM reports`} {
				where := ` WHERE report_id = (SELECT id FROM reports WHERE tracking_id = ?)`
				if q == `DELETE FROM reports` {
					where = ` WHERE tracking_id = ?`
				}
				f.exec(q+where, ids[2])
			}
			// Without the checkpoint every chain and row still agrees:
			if out, err := lapor(t, "", "audit", "verify", "--db", in.db); err != nil || !strings.Contains(out, "OK: 2 reports, 4 events") {
				t.Fatalf("without a checkpoint: %v\n%s", err, out)
			}
			out, err := audit()
			if err == nil {
				t.Fatalf("the checkpoint missed the deletions:\n%s", out)
			}
			for _, want := range []string{
				"BROKEN report " + ids[1] + ", event 1 (submitted): the timeline ends here but the checkpoint of ",
				"saw it at event 2: later events were removed",
				"BROKEN report " + ids[2] + ": the checkpoint of ",
				"lists this report and it is gone: it was deleted",
				"2 broken",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("audit output lacks %q:\n%s", want, out)
				}
			}
			if now, _ := os.ReadFile(cp); string(now) != string(saved) {
				t.Errorf("a broken audit appended a checkpoint")
			}

			// An edited checkpoint file is refused.
			forged := strings.Replace(string(saved), ids[2], "ZZZZ-ZZZZ", 1)
			if err := os.WriteFile(cp, []byte(forged), 0o600); err != nil {
				t.Fatal(err)
			}
			if out, err := audit(); err == nil || !strings.Contains(err.Error(), "the signature does not match: the file was edited") {
				t.Fatalf("edited checkpoint file: %v\n%s", err, out)
			}
		})
	}
}
