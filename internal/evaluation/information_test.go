package evaluation

import (
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/workdays"
)

// Information requests are counted apart: answers on time (with the
// extension), outcomes, refusals by ground, objections and their outcomes;
// in the unit's general figures an answer is its follow-up.
func TestInformationFigures(t *testing.T) {
	loc := time.FixedZone("WITA", 8*3600)
	cal := workdays.New(loc, nil)
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, loc) // a Monday
	day := 24 * time.Hour
	ev := func(typ domain.EventType, at time.Time, outcome, ground string) Event {
		e := Event{Type: typ, At: at, Outcome: outcome, Ground: ground}
		if typ == domain.EventVerified {
			e.Unit = 7
		}
		return e
	}
	reports := []*Report{
		// Extended, then refused on 17a after 10 but within 17 working days: on time.
		{ID: 1, Kind: domain.KindInformationRequest, Events: []Event{
			ev(domain.EventVerified, start, "", ""),
			ev(domain.EventExtended, start.Add(3*day), "", ""),
			ev(domain.EventAnswered, cal.Deadline(start, 12), domain.OutcomeRefused, "17a"),
			ev(domain.EventObjected, cal.Deadline(start, 14), "", ""),
			ev(domain.EventObjectionAnswered, cal.Deadline(start, 20), domain.OutcomeOverturned, ""),
			ev(domain.EventAnswered, cal.Deadline(start, 25), domain.OutcomeGranted, ""),
		}},
		// Granted late: 11 working days, no extension.
		{ID: 2, Kind: domain.KindInformationRequest, Events: []Event{
			ev(domain.EventVerified, start, "", ""),
			ev(domain.EventAnswered, cal.Deadline(start, 11), domain.OutcomeGranted, ""),
		}},
		// Partly granted on 17h, on time; an objection upheld.
		{ID: 3, Kind: domain.KindInformationRequest, Events: []Event{
			ev(domain.EventVerified, start, "", ""),
			ev(domain.EventAnswered, start.Add(day), domain.OutcomePartlyGranted, "17h"),
			ev(domain.EventObjected, start.Add(2*day), "", ""),
			ev(domain.EventObjectionAnswered, start.Add(5*day), domain.OutcomeUpheld, ""),
		}},
		// A complaint of the same unit is not an information request.
		{ID: 4, Kind: domain.KindComplaint, Events: []Event{ev(domain.EventVerified, start, "", "")}},
	}
	e := New(cal, deadline.Defaults(), start.Add(200*day), Period{From: cal.DateOf(start), To: cal.DateOf(start.Add(60 * day))})
	for _, r := range reports {
		e.Add(r)
	}
	f := e.Rows(0, []int64{7})[0].Figures
	got := f.Information
	want := InfoFigures{Received: 3, Answered: 3, AnsweredOnTime: 2, Extended: 1, Granted: 1, PartlyGranted: 1, Refused: 1,
		RefusedByGround: map[string]int{"17a": 1, "17h": 1}, Objections: 2, Upheld: 1, Overturned: 1}
	if got.Received != want.Received || got.Answered != want.Answered || got.AnsweredOnTime != want.AnsweredOnTime ||
		got.Extended != want.Extended || got.Granted != want.Granted || got.PartlyGranted != want.PartlyGranted ||
		got.Refused != want.Refused || got.NotHeld != 0 || got.Objections != want.Objections || got.Upheld != want.Upheld ||
		got.Overturned != want.Overturned || len(got.RefusedByGround) != 2 || got.RefusedByGround["17a"] != 1 || got.RefusedByGround["17h"] != 1 {
		t.Errorf("information figures:\n got %+v\nwant %+v", got, want)
	}
	if f.Received != 4 || f.FollowedUp != 3 || f.FollowedUpOnTime != 2 || f.Late != 1 {
		t.Errorf("general figures: received %d, followed up %d (on time %d, late %d)", f.Received, f.FollowedUp, f.FollowedUpOnTime, f.Late)
	}
	if tot := e.Total(0, []int64{7}); tot.Information.Received != 3 || tot.Information.RefusedByGround["17h"] != 1 {
		t.Errorf("total: %+v", tot.Information)
	}
}
