package evaluation_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// history generates random but lawful report timelines: each step is an
// action the domain allows in the report's state, at a random later time.

type generator struct {
	rng   *rand.Rand
	units []int64
	cats  []*int64 // nil: no category
	until time.Time
	n     int
}

var wita = time.FixedZone("WITA", 8*3600)

func (g *generator) gap() time.Duration {
	switch g.rng.IntN(4) {
	case 0:
		return time.Duration(g.rng.IntN(180)+1) * time.Minute
	case 1:
		return time.Duration(g.rng.IntN(72)+1) * time.Hour
	default:
		return time.Duration(g.rng.IntN(20*24)+1) * time.Hour
	}
}

func (g *generator) otherUnit(cur *int64) int64 {
	for {
		u := g.units[g.rng.IntN(len(g.units))]
		if cur == nil || u != *cur {
			return u
		}
	}
}

// report makes one timeline starting at start.
func (g *generator) report(start time.Time) store.History {
	g.n++
	kinds := []domain.Kind{domain.KindComplaint, domain.KindComplaint, domain.KindAspiration, domain.KindInformationRequest}
	r := &domain.Report{
		TrackingID: fmt.Sprintf("T%03d-%04d", g.n/10000, g.n%10000), ReceiptHash: fmt.Sprintf("receipt-%d-%d", g.n, g.rng.Int64()),
		Kind: kinds[g.rng.IntN(len(kinds))], Status: domain.StatusSubmitted, Title: fmt.Sprintf("Laporan uji %d", g.n),
		Body: "Isi laporan untuk uji evaluasi.", Channel: domain.ChannelWeb, CategoryID: g.cats[g.rng.IntN(len(g.cats))],
		CreatedAt: start, UpdatedAt: start,
	}
	t := start.Truncate(time.Second)
	status := domain.StatusSubmitted
	var unit *int64
	reopened := false
	evs := []domain.Event{{Type: domain.EventSubmitted, ActorRole: domain.RoleReporter, ToStatus: status, CreatedAt: t}}
	add := func(typ domain.EventType, role domain.Role, to domain.Status, mutate func(*domain.Event)) {
		t = t.Add(g.gap())
		e := domain.Event{Type: typ, ActorRole: role, FromStatus: status, ToStatus: to, CreatedAt: t}
		if mutate != nil {
			mutate(&e)
		}
		evs = append(evs, e)
		status = to
	}
	route := func(typ domain.EventType, role domain.Role) {
		u := g.otherUnit(unit)
		unit = &u
		add(typ, role, domain.StatusDispositioned, func(e *domain.Event) { e.UnitID = &u })
	}
	for step := 0; step < 14; step++ {
		if t.After(g.until) {
			break
		}
		p := g.rng.IntN(100)
		if g.rng.IntN(10) == 0 { // events the evaluation ignores
			if status == domain.StatusArchived {
				break
			}
			add([]domain.EventType{domain.EventNoted, domain.EventReminded, domain.EventTitleEdited}[g.rng.IntN(3)],
				domain.RoleSystem, status, nil)
			continue
		}
		switch status {
		case domain.StatusSubmitted:
			switch {
			case p < 70:
				route(domain.EventVerified, domain.RoleAdmin)
				v := t
				r.VerifiedAt = &v
			case p < 80:
				add(domain.EventHeld, domain.RoleAdmin, domain.StatusOnHold, nil)
			case p < 85:
				add(domain.EventArchived, domain.RoleAdmin, domain.StatusArchived, func(e *domain.Event) { e.Reason = "spam" })
			default:
				step = 99
			}
		case domain.StatusOnHold:
			switch {
			case p < 50:
				add(domain.EventInfoCompleted, domain.RoleReporter, domain.StatusSubmitted, nil)
			case p < 80:
				add(domain.EventArchived, domain.RoleSystem, domain.StatusArchived, func(e *domain.Event) { e.Reason = "hold_expired" })
			default:
				step = 99
			}
		case domain.StatusDispositioned, domain.StatusReporterReplied:
			switch {
			case p < 60:
				add(domain.EventFollowedUp, domain.RoleOfficer, domain.StatusFollowedUp, nil)
			case p < 70:
				route(domain.EventForwarded, domain.RoleOfficer)
			case p < 78:
				unit = nil
				add(domain.EventReturned, domain.RoleOfficer, domain.StatusSubmitted, nil)
			case p < 82:
				route(domain.EventRerouted, domain.RoleAdmin)
			default:
				step = 99
			}
		case domain.StatusFollowedUp:
			switch {
			case p < 40:
				rating := g.rng.IntN(6) // 0: completed without a rating
				add(domain.EventCompleted, domain.RoleReporter, domain.StatusCompleted, func(e *domain.Event) { e.Rating = rating })
			case p < 55:
				add(domain.EventAutoCompleted, domain.RoleSystem, domain.StatusCompleted, nil)
			case p < 75:
				add(domain.EventReplied, domain.RoleReporter, domain.StatusReporterReplied, nil)
			case p < 80:
				route(domain.EventRerouted, domain.RoleAdmin)
			default:
				step = 99
			}
		case domain.StatusCompleted:
			if p < 20 && !reopened {
				reopened = true
				add(domain.EventReopened, domain.RoleReporter, domain.StatusReporterReplied, nil)
			} else {
				step = 99
			}
		default:
			step = 99
		}
	}
	for len(evs) > 1 && evs[len(evs)-1].CreatedAt.After(g.until) {
		evs = evs[:len(evs)-1] // nothing happens after "now"
	}
	return store.History{Report: r, Events: evs}
}
