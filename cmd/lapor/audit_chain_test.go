package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
)

// keyChain gives in's store the chain key a server loads beside the
// sealing key, so the events written from now on are keyed.
func (in *instance) keyChain(t *testing.T) domain.ChainKey {
	t.Helper()
	key, _, err := seal.LoadOrCreateChainKey(seal.ChainKeyPath(in.key), func() (bool, error) { return false, nil })
	if err != nil {
		t.Fatal(err)
	}
	in.st.SetChainKey(key)
	return key
}

// forger writes to the database as someone with its password would: the
// append-only triggers removed first.
type forger struct {
	t       *testing.T
	db      *sql.DB
	backend string
}

func newForger(t *testing.T, in *instance, backend string) *forger {
	f := &forger{t: t, db: in.st.DB(), backend: backend}
	drop := []string{`DROP TRIGGER events_no_update`, `DROP TRIGGER events_no_delete`}
	if backend == "postgres" {
		drop = []string{`DROP TRIGGER events_no_update ON events`}
	}
	for _, q := range drop {
		f.exec(q)
	}
	return f
}

func (f *forger) q(q string) string {
	if f.backend == "postgres" {
		for i := 1; strings.Contains(q, "?"); i++ {
			q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
		}
	}
	return q
}

func (f *forger) exec(q string, args ...any) {
	f.t.Helper()
	if _, err := f.db.Exec(f.q(q), args...); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

// event reads an event back as the audit does, to recompute its plain hash.
func (f *forger) event(trackingID string, seq int) domain.Event {
	f.t.Helper()
	var e domain.Event
	var user, aunit, unit sql.NullInt64
	var params sql.NullString
	var created int64
	err := f.db.QueryRow(f.q(`SELECT e.id, e.type, e.actor_role, e.actor_user_id, e.actor_unit_id, e.unit_id, e.from_status,
		e.to_status, e.message, e.reason, e.params, e.rating, e.internal, e.created_at, e.prev_hash
		FROM events e JOIN reports r ON r.id = e.report_id WHERE r.tracking_id = ? AND e.seq = ?`), trackingID, seq).Scan(
		&e.ID, &e.Type, &e.ActorRole, &user, &aunit, &unit, &e.FromStatus, &e.ToStatus, &e.Message, &e.Reason, &params,
		&e.Rating, &e.Internal, &created, &e.PrevHash)
	if err != nil {
		f.t.Fatal(err)
	}
	ptr := func(v sql.NullInt64) *int64 {
		if !v.Valid {
			return nil
		}
		return &v.Int64
	}
	e.ActorUserID, e.ActorUnitID, e.UnitID, e.Seq = ptr(user), ptr(aunit), ptr(unit), seq
	e.Params, err = domain.DecodeParams(params.String)
	if err != nil {
		f.t.Fatal(err)
	}
	e.CreatedAt = fromMicroTest(created)
	return e
}

// replain rewrites a report's whole timeline with plain SHA-256 hashes, as
// a forger who knows the old scheme (but not the key) would after an edit.
func (f *forger) replain(trackingID string, events int) {
	f.t.Helper()
	prev := ""
	for seq := 1; seq <= events; seq++ {
		e := f.event(trackingID, seq)
		e.PrevHash = prev
		h := domain.EventHash(trackingID, e)
		f.exec(`UPDATE events SET prev_hash = ?, hash = ?, chain = 0 WHERE id = ?`, prev, h, e.ID)
		prev = h
	}
}

func auditPNG(t *testing.T, red uint8) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: red, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestAuditCatchesForgeries forges, on both databases, each edit a writer
// to the database could make to a keyed timeline or the report it
// belongs to, and checks that `lapor audit verify` names every one.
func TestAuditCatchesForgeries(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			in := newInstance(t, backend)
			in.keyChain(t)
			ctx := context.Background()
			lat, lon := 0.1333, 117.5
			staff := service.Viewer{User: in.admin}
			submit := func(i int) string {
				rc, err := in.svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint,
					Title: fmt.Sprintf("Lampu jalan padam %d", i), Body: "Lampu jalan di depan pasar padam sejak minggu lalu.",
					IncidentDate: "2026-11-20", Location: domain.Location{Address: "Jl. Ahmad Yani 5", Kelurahan: "Api-Api", Lat: &lat, Lon: &lon},
					Reporter: domain.Identity{Name: "Pelapor", Phone: "081299887766"}},
					[]service.Upload{{Name: "foto.png", Data: auditPNG(t, uint8(10+i))}})
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range []domain.ActionInput{{Action: domain.ActionVerify, Unit: "dpupr"},
					{Action: domain.ActionEditTitle, Title: fmt.Sprintf("Lampu jalan padam di pasar %d", i)}} {
					if _, err := in.svc.Act(ctx, rc.TrackingID, staff, a, nil); err != nil {
						t.Fatal(err)
					}
				}
				return rc.TrackingID
			}
			type forgery struct {
				name    string
				forge   func(f *forger, id string)
				problem string // what the audit must say of the report
			}
			const row = `UPDATE reports SET %s WHERE tracking_id = ?`
			cases := []forgery{
				{"title", func(f *forger, id string) { f.exec(fmt.Sprintf(row, "title = 'Judul palsu'"), id) },
					`event 3 (title_edited): the report's title "Judul palsu" is not the one its timeline leads to`},
				{"title and its edit event", func(f *forger, id string) {
					f.exec(fmt.Sprintf(row, "title = 'Judul palsu'"), id)
					f.exec(`UPDATE events SET params = ? WHERE seq = 3 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`,
						`{"new_title":"Judul palsu","old_title":"Lampu jalan padam 1"}`, id)
				}, "event 3 (title_edited): does not match its keyed hash"},
				{"submitted title", func(f *forger, id string) {
					f.exec(`UPDATE events SET params = ? WHERE seq = 3 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`,
						`{"new_title":"Lampu jalan padam di pasar 2","old_title":"Judul asli palsu"}`, id)
				}, "event 1 (submitted): does not match its keyed hash"},
				{"body", func(f *forger, id string) { f.exec(fmt.Sprintf(row, "body = 'Isi lain'"), id) },
					"event 1 (submitted): does not match its keyed hash: the event, the report's submitted content"},
				{"address", func(f *forger, id string) { f.exec(fmt.Sprintf(row, "address = 'Jl. Lain 9'"), id) },
					"event 1 (submitted): does not match its keyed hash"},
				{"coordinates", func(f *forger, id string) { f.exec(fmt.Sprintf(row, "lat = 0.2"), id) },
					"event 1 (submitted): does not match its keyed hash"},
				{"kind", func(f *forger, id string) { f.exec(fmt.Sprintf(row, "kind = 'aspiration'"), id) },
					"event 1 (submitted): does not match its keyed hash"},
				{"incident date", func(f *forger, id string) { f.exec(fmt.Sprintf(row, "incident_date = '2026-01-01'"), id) },
					"event 1 (submitted): does not match its keyed hash"},
				{"filing date", func(f *forger, id string) { f.exec(fmt.Sprintf(row, "created_at = created_at - 86400000000"), id) },
					"event 1 (submitted): does not match its keyed hash"},
				{"name shown", func(f *forger, id string) { f.exec(fmt.Sprintf(row, "show_name = ?"), true, id) },
					"event 1 (submitted): does not match its keyed hash"},
				{"rating", func(f *forger, id string) { f.exec(fmt.Sprintf(row, "rating = 5"), id) },
					"event 3 (title_edited): the report's rating 5 is not the one its timeline gives (0): the report row was edited"},
				{"attachment bytes", func(f *forger, id string) {
					f.exec(`UPDATE attachments SET data = ? WHERE report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, auditPNG(t, 250), id)
				}, `event 1 (submitted): the bytes of its file "foto.png" do not match the file's digest`},
				{"attachment bytes and digest", func(f *forger, id string) {
					data := auditPNG(t, 251)
					f.exec(`UPDATE attachments SET data = ?, sha256 = ? WHERE report_id = (SELECT id FROM reports WHERE tracking_id = ?)`,
						data, sha256Hex(data), id)
				}, "event 1 (submitted): does not match its keyed hash"},
				{"event message", func(f *forger, id string) {
					f.exec(`UPDATE events SET message = 'Diverifikasi tepat waktu' WHERE seq = 2 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, id)
				}, "event 2 (verified): does not match its keyed hash: the event or a file's digest was changed"},
				{"event message, recomputed plain SHA-256", func(f *forger, id string) {
					f.exec(`UPDATE events SET message = 'Diverifikasi tepat waktu' WHERE seq = 2 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, id)
					f.replain(id, 3)
				}, "event 1 (submitted): its hash is plain and the timeline has no re-key step"},
			}
			ids := make([]string, len(cases))
			for i := range cases {
				ids[i] = submit(i)
			}
			out, err := lapor(t, "", "audit", "verify", "--db", in.db)
			if err != nil || !strings.Contains(out, fmt.Sprintf("OK: %d reports, %d events", len(cases), 3*len(cases))) || strings.Contains(out, "NOTE") {
				t.Fatalf("audit of a whole keyed database: %v\n%s", err, out)
			}
			f := newForger(t, in, backend)
			for i, c := range cases {
				c.forge(f, ids[i])
			}
			out, err = lapor(t, "", "audit", "verify", "--db", in.db, "--limit", "0")
			if err == nil {
				t.Fatalf("audit passed a forged database:\n%s", out)
			}
			for i, c := range cases {
				if want := "BROKEN report " + ids[i] + ", " + c.problem; !strings.Contains(out, want) {
					t.Errorf("%s: audit output lacks %q", c.name, want)
				}
			}
			if want := fmt.Sprintf("%d broken", len(cases)); !strings.Contains(out, want) {
				t.Errorf("want %q", want)
			}
			if t.Failed() {
				t.Log(out)
			}
		})
	}
}

func fromMicroTest(v int64) time.Time { return time.UnixMicro(v).UTC() }

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestAuditUpgradesPlainTimelines: timelines written before the chain was
// keyed are re-keyed when a command opens the database with the key, stay
// verifiable, and from then on a forger who recomputes the plain hashes,
// deletes the re-key record or writes a plain event after it is caught.
func TestAuditUpgradesPlainTimelines(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			in := newInstance(t, backend) // no chain key: plain hashes, as before the upgrade
			ctx := context.Background()
			staff := service.Viewer{User: in.admin}
			var ids []string
			for i := range 5 {
				rc, err := in.svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindComplaint,
					Title: fmt.Sprintf("Saluran tersumbat %d", i), Body: "Saluran air di depan sekolah tersumbat sampah.",
					Reporter: domain.Identity{Name: "Pelapor", Phone: "081299887766"}},
					[]service.Upload{{Name: "foto.png", Data: auditPNG(t, uint8(40+i))}})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := in.svc.Act(ctx, rc.TrackingID, staff, domain.ActionInput{Action: domain.ActionVerify, Unit: "dpupr"}, nil); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, rc.TrackingID)
			}
			f := newForger(t, in, backend)
			// Broken before the upgrade: the re-key must not seal it.
			f.exec(`UPDATE events SET message = 'sebelum' WHERE seq = 2 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, ids[4])

			// Any command that opens the database with the key re-keys.
			if out, err := lapor(t, "", "unit", "add", "--db", in.db, "--code", "dlh", "--name", "Dinas Lingkungan Hidup"); err != nil {
				t.Fatalf("unit add: %v\n%s", err, out)
			}
			in.keyChain(t) // the running service now has the key too (the file the command made)
			if _, err := in.svc.Act(ctx, ids[0], staff, domain.ActionInput{Action: domain.ActionSetConfidential}, nil); err != nil {
				t.Fatal(err)
			}
			out, err := lapor(t, "", "audit", "verify", "--db", in.db, "--limit", "0")
			if want := "BROKEN report " + ids[4] + ", event 2 (verified): its content does not match its hash: the event was edited"; err == nil ||
				!strings.Contains(out, want) || !strings.Contains(out, "5 reports, 11 events checked; 1 broken") {
				t.Fatalf("after the upgrade want only %q:\n%s", want, out)
			}

			// ids[0]: plain, re-keyed at 2, then keyed. A plain event of it
			// rewritten with its plain hashes recomputed:
			f.exec(`UPDATE events SET message = 'palsu' WHERE seq = 2 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, ids[0])
			f.replain(ids[0], 2)
			f.exec(`UPDATE events SET prev_hash = (SELECT hash FROM events e2 WHERE e2.report_id = events.report_id AND e2.seq = 2)
				WHERE seq = 3 AND report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, ids[0])
			// ids[1]: its body edited under the re-key step;
			f.exec(`UPDATE reports SET body = 'Isi lain' WHERE tracking_id = ?`, ids[1])
			// ids[2]: its re-key record deleted;
			f.exec(`DELETE FROM chain_rekeys WHERE report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, ids[2])
			// ids[3]: its file's bytes and digest replaced together.
			data := auditPNG(t, 252)
			f.exec(`UPDATE attachments SET data = ?, sha256 = ? WHERE report_id = (SELECT id FROM reports WHERE tracking_id = ?)`, data, sha256Hex(data), ids[3])

			out, err = lapor(t, "", "audit", "verify", "--db", in.db, "--limit", "0")
			if err == nil {
				t.Fatalf("audit passed a forged database:\n%s", out)
			}
			for _, want := range []string{
				"BROKEN report " + ids[0] + ", event 2 (verified): the re-key step recorded here does not match",
				"BROKEN report " + ids[1] + ", event 2 (verified): the re-key step recorded here does not match",
				"BROKEN report " + ids[2] + ", event 1 (submitted): its hash is plain and the timeline has no re-key step",
				"BROKEN report " + ids[3] + ", event 2 (verified): the re-key step recorded here does not match",
				"5 broken",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("audit output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

// TestAuditCatchesPlainEventAfterRekey: once a timeline is re-keyed, an
// event given a plain hash (a writer without the key) is caught.
func TestAuditCatchesPlainEventAfterRekey(t *testing.T) {
	in := newInstance(t, "sqlite")
	ctx := context.Background()
	id := in.submit(t, "Pelapor")
	if out, err := lapor(t, "", "unit", "add", "--db", in.db, "--code", "dlh", "--name", "Dinas Lingkungan Hidup"); err != nil {
		t.Fatalf("unit add: %v\n%s", err, out)
	}
	in.keyChain(t)
	if _, err := in.svc.Act(ctx, id, service.Viewer{User: in.admin}, domain.ActionInput{Action: domain.ActionVerify, Unit: "dpupr"}, nil); err != nil {
		t.Fatal(err)
	}
	if out, err := lapor(t, "", "audit", "verify", "--db", in.db); err != nil {
		t.Fatalf("whole: %v\n%s", err, out)
	}
	f := newForger(t, in, "sqlite")
	f.replain(id, 2)
	out, err := lapor(t, "", "audit", "verify", "--db", in.db)
	if want := "BROKEN report " + id + ", event 2 (verified): its hash is plain but the timeline was re-keyed at event 1"; err == nil || !strings.Contains(out, want) {
		t.Fatalf("want %q:\n%s", want, out)
	}
}

// TestMissingChainKeyIsRefused: on a database with keyed timelines, a
// lost chain key stops commands and the audit instead of being replaced.
func TestMissingChainKeyIsRefused(t *testing.T) {
	in := newInstance(t, "sqlite")
	in.keyChain(t)
	in.submit(t, "Pelapor")
	if err := os.Remove(seal.ChainKeyPath(in.key)); err != nil {
		t.Fatal(err)
	}
	if out, err := lapor(t, "", "unit", "add", "--db", in.db, "--code", "dlh", "--name", "Dinas Lingkungan Hidup"); err == nil ||
		!strings.Contains(err.Error(), "the database holds keyed timelines but there is no chain key") {
		t.Fatalf("unit add without the chain key: %v\n%s", err, out)
	}
	if out, err := lapor(t, "", "audit", "verify", "--db", in.db); err == nil || !strings.Contains(err.Error(), "the timelines are keyed but there is no chain key") {
		t.Fatalf("audit without the chain key: %v\n%s", err, out)
	}
	if _, err := os.Stat(seal.ChainKeyPath(in.key)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a new chain key was made: %v", err)
	}
}
