package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/triage"
)

func suiteTriage(t *testing.T, _ string, st *store.Store) {
	ctx := context.Background()
	pu, err := st.CreateUnit(ctx, "dpupr", "Dinas PU", "", t0)
	must(t, err)
	dlh, err := st.CreateUnit(ctx, "dlh", "Dinas Lingkungan Hidup", "", t0)
	must(t, err)
	dishub, err := st.CreateUnit(ctx, "dishub", "Dinas Perhubungan", "", t0)
	must(t, err)
	cat, err := st.CreateCategory(ctx, "jalan", "Jalan", nil, t0)
	must(t, err)

	// plain is verified to PU: a positive example for PU, with its category.
	plain := history("Jalan berlubang", t0, &pu.ID, domain.StatusDispositioned)
	plain.Report.Body = "lubangnya dalam"
	plain.Report.CategoryID = &cat.ID
	// bounced went to PU, came back (PU: not our authority), went to DLH
	// and was rerouted to Dishub.
	bounced := history("Lampu mati", t0.Add(day), &pu.ID, domain.StatusDispositioned)
	ev := func(typ domain.EventType, from, to domain.Status, unit, actorUnit *int64, n int) domain.Event {
		return domain.Event{Type: typ, ActorRole: domain.RoleAdmin, FromStatus: from, ToStatus: to, UnitID: unit,
			ActorUnitID: actorUnit, CreatedAt: t0.Add(day + time.Duration(n)*day)}
	}
	bounced.Events = append(bounced.Events,
		ev(domain.EventReturned, domain.StatusDispositioned, domain.StatusSubmitted, nil, &pu.ID, 2),
		ev(domain.EventVerified, domain.StatusSubmitted, domain.StatusDispositioned, &dlh.ID, nil, 3),
		ev(domain.EventRerouted, domain.StatusDispositioned, domain.StatusDispositioned, &dishub.ID, nil, 4))
	bounced.Events[4].ActorRole = domain.RoleAdmin
	bounced.Events[2].ActorRole = domain.RoleOfficer
	// returned came back and waits: a negative example for PU, and its
	// category was verified with it.
	returned := history("Sampah", t0.Add(2*day), &pu.ID, domain.StatusDispositioned)
	returned.Report.CategoryID = &cat.ID
	returned.Events = append(returned.Events, ev(domain.EventReturned, domain.StatusDispositioned, domain.StatusSubmitted, nil, &pu.ID, 5))
	returned.Events[2].ActorRole = domain.RoleOfficer
	// waiting is only filed: no example, whatever its category.
	waiting := history("Baru", t0.Add(3*day), nil)
	waiting.Report.CategoryID = &cat.ID
	importAll(t, st, plain, bounced, returned, waiting)

	var got []triage.Example
	must(t, st.TriageExamples(ctx, func(e triage.Example) error { got = append(got, e); return nil }))
	want := []triage.Example{
		{ReportID: plain.Report.ID, Title: "Jalan berlubang", Body: "lubangnya dalam", FiledAt: t0, Unit: pu.ID, Category: cat.ID},
		{ReportID: bounced.Report.ID, Title: "Lampu mati", Body: bounced.Report.Body, FiledAt: t0.Add(day), Unit: dishub.ID,
			NotUnits: []int64{pu.ID, dlh.ID}},
		{ReportID: returned.Report.ID, Title: "Sampah", Body: returned.Report.Body, FiledAt: t0.Add(2 * day), Category: cat.ID, NotUnits: []int64{pu.ID}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("examples:\n got %+v\nwant %+v", got, want)
	}
	boom := errors.New("boom")
	calls := 0
	if err := st.TriageExamples(ctx, func(triage.Example) error { calls++; return boom }); !errors.Is(err, boom) || calls != 1 {
		t.Fatalf("fn's error: %v after %d calls", err, calls)
	}

	// Keywords: set, replaced, cleared; an unknown unit is not found.
	must(t, st.SetUnitKeywords(ctx, "dpupr", "jalan, jembatan", t0))
	must(t, st.SetUnitKeywords(ctx, "dlh", "sampah", t0))
	must(t, st.SetUnitKeywords(ctx, "dlh", "sampah, limbah", t0.Add(day)))
	kw, err := st.UnitKeywords(ctx)
	must(t, err)
	if !reflect.DeepEqual(kw, map[int64]string{pu.ID: "jalan, jembatan", dlh.ID: "sampah, limbah"}) {
		t.Fatalf("keywords %v", kw)
	}
	must(t, st.SetUnitKeywords(ctx, "dpupr", "", t0))
	if kw, err = st.UnitKeywords(ctx); err != nil || !reflect.DeepEqual(kw, map[int64]string{dlh.ID: "sampah, limbah"}) {
		t.Fatalf("keywords after clearing: %v %v", kw, err)
	}
	if err := st.SetUnitKeywords(ctx, "nope", "x", t0); !isNotFound(err) {
		t.Fatalf("unknown unit: %v", err)
	}
}
