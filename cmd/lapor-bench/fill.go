package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// Staff of the benchmark city; the password is the same for all.
const (
	adminEmail   = "bench-admin@bontang.go.id"
	officerEmail = "bench-officer@bontang.go.id"
	benchPass    = "kata-sandi-benchmark-panjang"
	unitCount    = 20
	fillBatch    = 2000
)

// paths are the statuses a report goes through after its submission,
// with how often each ends a report: most are done, some are still open
// in every state.
var paths = []struct {
	weight int
	path   []domain.Status
}{
	{6, nil},
	{2, []domain.Status{domain.StatusOnHold}},
	{14, []domain.Status{domain.StatusDispositioned}},
	{10, []domain.Status{domain.StatusDispositioned, domain.StatusFollowedUp}},
	{3, []domain.Status{domain.StatusDispositioned, domain.StatusFollowedUp, domain.StatusReporterReplied}},
	{55, []domain.Status{domain.StatusDispositioned, domain.StatusFollowedUp, domain.StatusCompleted}},
	{10, []domain.Status{domain.StatusArchived}},
}

var eventInto = map[domain.Status]domain.EventType{
	domain.StatusOnHold: domain.EventHeld, domain.StatusDispositioned: domain.EventVerified,
	domain.StatusFollowedUp: domain.EventFollowedUp, domain.StatusReporterReplied: domain.EventReplied,
	domain.StatusCompleted: domain.EventCompleted, domain.StatusArchived: domain.EventArchived,
}

var actorOf = map[domain.EventType]domain.Role{
	domain.EventHeld: domain.RoleAdmin, domain.EventVerified: domain.RoleAdmin, domain.EventArchived: domain.RoleAdmin,
	domain.EventFollowedUp: domain.RoleOfficer, domain.EventReplied: domain.RoleReporter, domain.EventCompleted: domain.RoleReporter,
}

// fill brings the database to n reports: units and staff first, then
// reports in batches through the store's import (the bulk path), spread
// over the two years before now. It returns the tracking IDs of a sample
// of reports, for the report page requests.
func fill(ctx context.Context, db, keyFile string, n int, log io.Writer) ([]string, error) {
	st, err := store.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	sealer, _, err := seal.LoadOrCreate(keyFile, func() (bool, error) { return st.HasSealedValues(ctx) })
	if err != nil {
		return nil, err
	}
	// Keyed like a live instance's timelines, so the server need not re-key
	// a million of them at its first start.
	chain, _, err := seal.LoadOrCreateChainKey(seal.ChainKeyPath(keyFile), func() (bool, error) { return st.HasKeyedEvents(ctx) })
	if err != nil {
		return nil, err
	}
	st.SetChainKey(chain)
	if pending, err := st.HasUnsealedPlainChains(ctx); err != nil {
		return nil, err
	} else if pending {
		fmt.Fprintln(log, "re-keying timelines filled by an earlier version (once)")
		if _, err := service.RekeyPlainChains(ctx, st, chain); err != nil {
			return nil, err
		}
	}
	svc := service.New(st, sealer, service.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := svc.Start(ctx); err != nil {
		return nil, err
	}
	unitIDs, err := ensureCity(ctx, svc)
	if err != nil {
		return nil, err
	}
	var have int
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM reports`).Scan(&have); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(uint64(have), 2026))
	now := time.Now().UTC()
	started := time.Now()
	for have < n {
		batch := make([]store.History, min(fillBatch, n-have))
		for i := range batch {
			batch[i] = history(rng, now, unitIDs)
		}
		if err := st.ImportReports(ctx, batch); err != nil {
			return nil, fmt.Errorf("import at %d: %w", have, err)
		}
		have += len(batch)
		if have%100_000 < fillBatch {
			fmt.Fprintf(log, "filled %d reports (%.0f/s)\n", have, float64(have)/time.Since(started).Seconds())
		}
	}
	rows, err := st.DB().QueryContext(ctx, `SELECT tracking_id FROM reports ORDER BY id DESC LIMIT 2000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ensureCity adds the units and staff once, and returns the unit ids.
func ensureCity(ctx context.Context, svc *service.Service) ([]int64, error) {
	units, err := svc.Units(ctx, service.Operator)
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		for i := range unitCount {
			u, err := svc.AddUnit(ctx, service.Operator, fmt.Sprintf("unit-%02d", i+1), "Dinas "+subjects[i], "")
			if err != nil {
				return nil, err
			}
			units = append(units, u)
		}
		for _, nu := range []service.NewUser{
			{Email: adminEmail, Name: "Admin Benchmark", Role: domain.RoleAdmin, Password: benchPass},
			{Email: officerEmail, Name: "Petugas Benchmark", Role: domain.RoleOfficer, Unit: "unit-01", Password: benchPass},
		} {
			if _, err := svc.AddUser(ctx, service.Operator, nu); err != nil {
				return nil, err
			}
		}
	}
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	return ids, nil
}

// history is one generated report and its timeline.
func history(rng *rand.Rand, now time.Time, units []int64) store.History {
	created := now.Add(-time.Duration(rng.Int64N(int64(2 * 365 * 24 * time.Hour))))
	title, body := reportText(rng)
	_, receiptHash := domain.NewReceipt()
	kind := domain.KindComplaint
	switch x := rng.IntN(10); {
	case x == 0:
		kind = domain.KindInformationRequest
	case x < 3:
		kind = domain.KindAspiration
	}
	r := &domain.Report{TrackingID: domain.NewTrackingID(), ReceiptHash: receiptHash, Kind: kind, Status: domain.StatusSubmitted,
		Title: title, Body: body, Channel: domain.ChannelWeb, Anonymous: rng.IntN(4) == 0, CreatedAt: created, UpdatedAt: created,
		Location: domain.Location{Address: pick(rng, streets), Kelurahan: pick(rng, places)}}
	evs := []domain.Event{{Type: domain.EventSubmitted, ActorRole: domain.RoleReporter, ToStatus: domain.StatusSubmitted, CreatedAt: created}}
	unit := units[rng.IntN(len(units))]
	at, from := created, domain.StatusSubmitted
	for _, to := range choosePath(rng) {
		next := at.Add(time.Duration(1+rng.IntN(72)) * time.Hour)
		if next.After(now) {
			break
		}
		at = next
		typ := eventInto[to]
		ev := domain.Event{Type: typ, ActorRole: actorOf[typ], FromStatus: from, ToStatus: to, CreatedAt: at}
		switch typ {
		case domain.EventVerified:
			ev.UnitID = &unit
		case domain.EventFollowedUp, domain.EventHeld, domain.EventReplied:
			ev.Message = pick(rng, details)
		case domain.EventArchived:
			ev.Reason = "spam"
		case domain.EventCompleted:
			ev.Rating = 1 + rng.IntN(5)
		}
		evs = append(evs, ev)
		from = to
	}
	return store.History{Report: r, Events: evs}
}

func choosePath(rng *rand.Rand) []domain.Status {
	x := rng.IntN(100)
	for _, p := range paths {
		if x < p.weight {
			return p.path
		}
		x -= p.weight
	}
	return nil
}
