package deadline

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/workdays"
)

var wita = time.FixedZone("WITA", 8*3600)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, wita)
	if err != nil {
		panic(err)
	}
	return t
}

func endOf(day string) time.Time { return at(day + " 23:59").Add(59 * time.Second) }

func cal() *workdays.Calendar { return workdays.New(wita, workdays.Default2026()) }

// ev builds an event; status is the state it leads to.
func ev(typ domain.EventType, when string, to domain.Status) domain.Event {
	return domain.Event{Type: typ, CreatedAt: at(when), ToStatus: to}
}

func submitted(when string) domain.Event {
	return ev(domain.EventSubmitted, when, domain.StatusSubmitted)
}

func verified(when string) domain.Event {
	e := ev(domain.EventVerified, when, domain.StatusDispositioned)
	u := int64(1)
	e.UnitID = &u
	return e
}

func wantDue(t *testing.T, sc domain.Schedule, kind domain.DueKind, day string) {
	t.Helper()
	if sc.DueAt == nil {
		t.Fatalf("no deadline, want %s %s", kind, day)
	}
	if sc.DueKind != kind || !sc.DueAt.Equal(endOf(day)) {
		t.Fatalf("deadline %s %s, want %s end of %s", sc.DueKind, sc.DueAt.In(wita), kind, day)
	}
}

func TestWorkingDayDeadlines(t *testing.T) {
	d := Defaults().Days
	for _, c := range []struct {
		name   string
		events []domain.Event
		kind   domain.DueKind
		due    string
	}{
		{"wednesday: the day of submission never counts", []domain.Event{submitted("2026-11-18 09:00")}, domain.DueVerification, "2026-11-23"},
		{"friday: the weekend is skipped", []domain.Event{submitted("2026-11-20 10:00")}, domain.DueVerification, "2026-11-25"},
		{"saturday: three full working days", []domain.Event{submitted("2026-11-21 10:00")}, domain.DueVerification, "2026-11-25"},
		{"just before midnight", []domain.Event{submitted("2026-11-18 23:59")}, domain.DueVerification, "2026-11-23"},
		{"idul fitri 2026: cuti bersama and holidays skipped", []domain.Event{submitted("2026-03-17 10:00")}, domain.DueVerification, "2026-03-27"},
		{"follow-up over christmas (cuti bersama 24, holiday 25)",
			[]domain.Event{submitted("2026-12-18 08:00"), verified("2026-12-21 10:00")}, domain.DueFollowUp, "2026-12-30"},
		{"a reporter's reply starts a new follow-up clock",
			[]domain.Event{submitted("2026-11-16 08:00"), verified("2026-11-16 09:00"),
				ev(domain.EventFollowedUp, "2026-11-17 09:00", domain.StatusFollowedUp),
				ev(domain.EventReplied, "2026-11-27 16:00", domain.StatusReporterReplied)}, domain.DueFollowUp, "2026-12-04"},
		{"auto-completion 10 working days after a follow-up",
			[]domain.Event{submitted("2026-11-16 08:00"), verified("2026-11-16 09:00"),
				ev(domain.EventFollowedUp, "2026-11-18 09:00", domain.StatusFollowedUp)}, domain.DueAutoComplete, "2026-12-02"},
		{"hold expires after 30 calendar days",
			[]domain.Event{submitted("2026-11-18 08:00"), ev(domain.EventHeld, "2026-11-18 09:00", domain.StatusOnHold)}, domain.DueHoldExpiry, "2026-12-18"},
		{"hold pauses the verification clock",
			// Counted: Thu 19 (running at 00:00); Fri 20 to Tue 24 paused at 00:00; Wed 25; Thu 26.
			[]domain.Event{submitted("2026-11-18 09:00"), ev(domain.EventHeld, "2026-11-19 10:00", domain.StatusOnHold),
				ev(domain.EventInfoCompleted, "2026-11-24 15:00", domain.StatusSubmitted)}, domain.DueVerification, "2026-11-26"},
		{"a return as not its authority restarts verification",
			[]domain.Event{submitted("2026-11-16 09:00"), verified("2026-11-16 10:00"),
				ev(domain.EventReturned, "2026-11-18 10:00", domain.StatusSubmitted)}, domain.DueVerification, "2026-11-23"},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantDue(t, Compute(cal(), d, c.events), c.kind, c.due)
		})
	}
}

func TestClosedReportsHaveNoDeadline(t *testing.T) {
	events := []domain.Event{submitted("2026-11-18 08:00"), verified("2026-11-18 09:00"),
		ev(domain.EventFollowedUp, "2026-11-19 09:00", domain.StatusFollowedUp),
		ev(domain.EventCompleted, "2026-11-19 10:00", domain.StatusCompleted)}
	sc := Compute(cal(), Defaults().Days, events)
	if sc.DueAt != nil || sc.WakeAt != nil || sc.OmbudsmanDueAt != nil {
		t.Fatalf("completed report still scheduled: %+v", sc)
	}
}

func TestCompletionLimit(t *testing.T) {
	d := Defaults().Days
	sc := Compute(cal(), d, []domain.Event{submitted("2026-11-18 09:00"), verified("2026-11-18 10:00")})
	if sc.OmbudsmanDueAt == nil || !sc.OmbudsmanDueAt.Equal(endOf("2027-01-17")) {
		t.Fatalf("ombudsman due %v, want end of 2027-01-17", sc.OmbudsmanDueAt)
	}
	// Waiting for the reporter pauses it: running on Nov 19 (1 day), then
	// from the day after the reply (Nov 27) for 59 more days.
	events := []domain.Event{submitted("2026-11-18 09:00"), verified("2026-11-18 10:00"),
		ev(domain.EventFollowedUp, "2026-11-19 12:00", domain.StatusFollowedUp)}
	if sc := Compute(cal(), d, events); sc.OmbudsmanDueAt != nil {
		t.Fatalf("paused clock has an end: %v", sc.OmbudsmanDueAt)
	}
	events = append(events, ev(domain.EventReplied, "2026-11-26 12:00", domain.StatusReporterReplied))
	if sc := Compute(cal(), d, events); sc.OmbudsmanDueAt == nil || !sc.OmbudsmanDueAt.Equal(endOf("2027-01-24")) {
		t.Fatalf("ombudsman due after pause %v, want end of 2027-01-24", sc.OmbudsmanDueAt)
	}
}

func TestNextNotices(t *testing.T) {
	c := cal()
	d := Defaults().Days
	events := []domain.Event{submitted("2026-11-18 08:00"), verified("2026-11-18 09:00")}
	sc := Compute(c, d, events)
	wantDue(t, sc, domain.DueFollowUp, "2026-11-25")
	if !sc.WakeAt.Equal(endOf("2026-11-24")) {
		t.Fatalf("wake at %v, want the end of the working day before the deadline", sc.WakeAt.In(wita))
	}
	st := domain.StatusDispositioned
	for now, want := range map[string]Notice{
		"2026-11-24 23:59": "", "2026-11-25 00:01": NoticeRemind, "2026-11-25 23:59": NoticeRemind,
		"2026-11-26 00:00": NoticeEscalate, // past due: the late reminder is dropped
	} {
		n, ok := Next(c, st, sc, at(now))
		if n != want || ok != (want != "") {
			t.Errorf("at %s: %q %v, want %q", now, n, ok, want)
		}
	}
	// Once reminded, only the escalation remains; once escalated, nothing.
	events = append(events, domain.Event{Type: domain.EventReminded, CreatedAt: at("2026-11-25 00:01"), ToStatus: st})
	sc = Compute(c, d, events)
	if n, ok := Next(c, st, sc, at("2026-11-25 12:00")); ok {
		t.Fatalf("second reminder: %s", n)
	}
	if !sc.WakeAt.Equal(endOf("2026-11-25")) {
		t.Fatalf("wake %v, want the deadline", sc.WakeAt)
	}
	events = append(events, domain.Event{Type: domain.EventEscalated, CreatedAt: at("2026-11-26 00:01"), ToStatus: st})
	sc = Compute(c, d, events)
	if n, ok := Next(c, st, sc, at("2026-12-01 12:00")); ok {
		t.Fatalf("second escalation: %s", n)
	}
	if sc.WakeAt == nil || !sc.WakeAt.Equal(*sc.OmbudsmanDueAt) {
		t.Fatalf("after escalation the scheduler should wake only for the completion limit: %v", sc.WakeAt)
	}
	if n, ok := Next(c, st, sc, sc.OmbudsmanDueAt.Add(time.Second)); n != NoticeOmbudsman || !ok {
		t.Fatalf("past the completion limit: %q", n)
	}
	// A reporter's reply is a new stage: new reminder, new escalation.
	events = append(events, ev(domain.EventFollowedUp, "2026-11-30 09:00", domain.StatusFollowedUp),
		ev(domain.EventReplied, "2026-12-01 09:00", domain.StatusReporterReplied))
	sc = Compute(c, d, events)
	if sc.Notices != 0 {
		t.Fatalf("notices carried into a new stage: %v", sc.Notices)
	}
	if n, _ := Next(c, domain.StatusReporterReplied, sc, at("2026-12-09 00:01")); n != NoticeEscalate {
		t.Fatalf("new stage not escalated: %q", n)
	}
}

func TestSettingsValidation(t *testing.T) {
	if err := Defaults().Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	for _, doc := range []string{
		`{"follow_up_days": 0}`, `{"verify_days": -3}`, `{"hold_days": 100000}`, `{"completion_days": 366}`,
		`{"kinds": {"complaint": {"follow_up_days": 0}}}`, `{"kinds": {"rumour": {"follow_up_days": 5}}}`,
		`{"categories": {"Bad Code!": {"follow_up_days": 5}}}`, `{"grades": {"good": 40, "fair": 50}}`,
		`{"grades": {"good": 140}}`, `{"grades": {"baik": 40, "sedang": 50}}`, `{"supervising_office": ""}`,
	} {
		s := Defaults()
		if err := Merge(&s, []byte(doc)); err != nil {
			continue // a type error is also refused
		}
		err := s.Validate()
		if domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("%s: accepted (%v)", doc, err)
		}
	}
	s := Defaults()
	if err := Merge(&s, []byte(`{"follow_up_days": 7, "categories": {"jalan": {"follow_up_days": 3}}}`)); err != nil {
		t.Fatal(err)
	}
	if s.Verify != 3 || s.FollowUp != 7 || s.For(domain.KindComplaint, "jalan").FollowUp != 3 ||
		s.For(domain.KindInformationRequest, "").FollowUp != 10 || s.For(domain.KindInformationRequest, "jalan").FollowUp != 3 {
		t.Fatalf("merge: %+v", s)
	}
	data, _ := json.Marshal(s)
	back, err := Parse(string(data))
	if err != nil || back.For(domain.KindComplaint, "jalan").FollowUp != 3 || back.FollowUp != 7 {
		t.Fatalf("round trip: %v %+v", err, back)
	}
}

// Settings stored before the grade thresholds had English names (baik,
// sedang) still read; the names written now are good and fair, and win
// when both are given.
func TestGradeThresholdsUnderTheirOldNames(t *testing.T) {
	s, err := Parse(`{"follow_up_days": 6, "grades": {"baik": 75, "sedang": 40}}`)
	if err != nil || s.Grades != (Grades{Good: 75, Fair: 40}) || s.FollowUp != 6 {
		t.Fatalf("old names: %+v %v", s.Grades, err)
	}
	if err := Merge(&s, []byte(`{"grades": {"fair": 30, "sedang": 10}}`)); err != nil || s.Grades != (Grades{Good: 75, Fair: 30}) {
		t.Fatalf("merge: %+v %v", s.Grades, err)
	}
	data, _ := json.Marshal(s)
	if !strings.Contains(string(data), `"grades":{"good":75,"fair":30}`) {
		t.Fatalf("stored as %s", data)
	}
}
