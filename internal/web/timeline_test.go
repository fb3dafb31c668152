package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/worker"
)

// events reads a report's stored timeline.
func (e *env) events(t *testing.T, trackingID string) []domain.Event {
	t.Helper()
	ctx := context.Background()
	r, err := e.st.ReportByTrackingID(ctx, trackingID)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := e.st.Events(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// The scheduler's notices are stored as codes and values, and their text
// is written when the timeline is shown, in the reader's language: a
// reminder reads in English on an English page, in Indonesian on an
// Indonesian one.
func TestSchedulerNoticesReadInTheReadersLanguage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		id, receipt := e.browser(t).fileReport(url.Values{"title": {"Jalan berlubang di Jl. Ahmad Yani"}})
		adm := e.browser(t)
		adm.login(adminEmail)
		mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)

		// Verified Wednesday 18 November: the follow-up is due Wednesday 25;
		// the reminder is owed from its first minute, the escalation after it.
		w := worker.New(e.svc, e.st, worker.Options{Logger: e.logs.Logger(0)})
		for _, at := range []time.Time{apptest.Start.Add(7*24*time.Hour - 8*time.Hour), apptest.Start.Add(8 * 24 * time.Hour)} {
			e.clock.Set(at)
			if res, err := w.Pass(context.Background()); err != nil || res.Written() != 1 {
				t.Fatalf("pass at %s: %+v %v", at, res, err)
			}
		}
		evs := e.events(t, id)
		remind, escalate := evs[len(evs)-2], evs[len(evs)-1]
		if remind.Type != domain.EventReminded || escalate.Type != domain.EventEscalated {
			t.Fatalf("timeline ends with %s, %s", remind.Type, escalate.Type)
		}
		for _, ev := range []domain.Event{remind, escalate} {
			if ev.Message != "" || ev.Params[domain.ParamUnit] != "Dinas Pekerjaan Umum dan Penataan Ruang" || ev.Params[domain.ParamDueAt] == "" {
				t.Fatalf("a notice is stored as a sentence, or without its values: %+v", ev)
			}
		}

		adm = e.browser(t) // the first session has lapsed
		adm.login(adminEmail)
		en := adm.get("/staf/laporan/" + id + "?lang=en").Doc.Find(".timeline").Text()
		for _, want := range []string{"Reminder for Dinas Pekerjaan Umum dan Penataan Ruang: the follow-up is due by 25 November 2026, 11:59 pm WITA.",
			"The follow-up deadline of 25 November 2026, 11:59 pm WITA has passed. Escalated to: the head of Dinas Pekerjaan Umum dan Penataan Ruang; Inspektorat Daerah."} {
			if !strings.Contains(en, want) {
				t.Errorf("English timeline lacks %q:\n%s", want, en)
			}
		}
		if strings.Contains(en, "Pengingat") || strings.Contains(en, "terlewati") {
			t.Errorf("English timeline shows Indonesian notices:\n%s", en)
		}
		id2 := adm.get("/staf/laporan/" + id + "?lang=id").Doc.Find(".timeline").Text()
		if !strings.Contains(id2, "Pengingat untuk Dinas Pekerjaan Umum dan Penataan Ruang: batas waktu tindak lanjut 25 November 2026 23.59 WITA.") {
			t.Errorf("Indonesian timeline lacks the reminder:\n%s", id2)
		}
		// The reporter reads them too, in their language.
		cit := e.browser(t)
		cit.get("/lacak?lang=en")
		own := cit.post("/lacak", url.Values{"tracking_id": {id}, "receipt": {receipt}})
		if own.StatusCode == http.StatusSeeOther {
			own = cit.follow(own)
		}
		if tl := own.Doc.Find(".timeline").Text(); !strings.Contains(tl, "Reminder for Dinas Pekerjaan Umum dan Penataan Ruang") {
			t.Errorf("the reporter's English timeline:\n%s", tl)
		}
	})
}

// A timeline written before events had params keeps its stored text: an
// old notice shows its Indonesian sentence (its ISO time written in words),
// an old title edit its old and new title.
func TestOldTimelinesKeepTheirStoredText(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		ctx := context.Background()
		at := apptest.Start.Add(-30 * 24 * time.Hour)
		r := &domain.Report{TrackingID: domain.NewTrackingID(), ReceiptHash: "x", Kind: domain.KindComplaint, Title: "Jalan rusak di RT 05",
			Body: "Lubang besar di depan sekolah.", Channel: domain.ChannelWeb}
		units, err := e.st.ListUnits(ctx)
		if err != nil {
			t.Fatal(err)
		}
		unit := units[0].ID
		old := "Pengingat untuk Dinas Lama: batas waktu tindak lanjut 2026-10-25 23:59 WITA."
		err = e.st.ImportReports(ctx, []store.History{{Report: r, Events: []domain.Event{
			{Type: domain.EventSubmitted, ActorRole: domain.RoleReporter, ToStatus: domain.StatusSubmitted, CreatedAt: at},
			{Type: domain.EventTitleEdited, ActorRole: domain.RoleAdmin, FromStatus: domain.StatusSubmitted, ToStatus: domain.StatusSubmitted,
				Message: "jalan rusak tolong", Reason: "Jalan rusak di RT 05", CreatedAt: at.Add(time.Hour)},
			{Type: domain.EventVerified, ActorRole: domain.RoleAdmin, FromStatus: domain.StatusSubmitted, ToStatus: domain.StatusDispositioned,
				UnitID: &unit, CreatedAt: at.Add(2 * time.Hour)},
			{Type: domain.EventReminded, ActorRole: domain.RoleSystem, FromStatus: domain.StatusDispositioned, ToStatus: domain.StatusDispositioned,
				Reason: "follow_up", Message: old, CreatedAt: at.Add(7 * 24 * time.Hour)},
		}}})
		if err != nil {
			t.Fatal(err)
		}
		adm := e.browser(t)
		adm.login(adminEmail)
		tl := adm.get("/staf/laporan/" + r.TrackingID + "?lang=en").Doc.Find(".timeline").Text()
		// Its sentence keeps its language, its time written as that language
		// writes times, not as the scheduler once stored it.
		for _, want := range []string{"Pengingat untuk Dinas Lama: batas waktu tindak lanjut 25 Oktober 2026 23.59 WITA.",
			"jalan rusak tolong", "to: Jalan rusak di RT 05"} {
			if !strings.Contains(tl, want) {
				t.Errorf("old timeline lacks %q:\n%s", want, tl)
			}
		}
	})
}
