package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// infoCity is a city with three units: two with their own PPID, one
// (dinas-c) without, answered by the main PPID of the secretariat.
type infoCity struct {
	env                       *apptest.Env
	admin, officerA, ppidA    service.Viewer
	ppidB, mainPPID, superior service.Viewer
	supervisor                service.Viewer
}

func newInfoCity(t *testing.T, env *apptest.Env) *infoCity {
	t.Helper()
	ctx, svc, op := context.Background(), env.Svc, service.Operator
	for _, u := range [][2]string{{"dinas-a", "Dinas A"}, {"dinas-b", "Dinas B"}, {"dinas-c", "Dinas C"}, {"setda", "Sekretariat Daerah"}} {
		if _, err := svc.AddUnit(ctx, op, u[0], u[1], ""); err != nil {
			t.Fatal(err)
		}
	}
	add := func(email string, role domain.Role, unit string) service.Viewer {
		u, err := svc.AddUser(ctx, op, service.NewUser{Email: email, Role: role, Unit: unit, Password: apptest.Password})
		if err != nil {
			t.Fatal(err)
		}
		return service.Staff(&u)
	}
	c := &infoCity{env: env,
		admin: add("admin@kota.go.id", domain.RoleAdmin, ""), officerA: add("a@kota.go.id", domain.RoleOfficer, "dinas-a"),
		ppidA: add("ppid-a@kota.go.id", domain.RolePPID, "dinas-a"), ppidB: add("ppid-b@kota.go.id", domain.RolePPID, "dinas-b"),
		mainPPID: add("ppid@kota.go.id", domain.RolePPID, "setda"), superior: add("sekda@kota.go.id", domain.RolePPIDSuperior, ""),
		supervisor: add("inspektorat@kota.go.id", domain.RoleSupervisor, "")}
	if _, err := svc.AddUser(ctx, op, service.NewUser{Email: "x@kota.go.id", Role: domain.RolePPID, Password: apptest.Password}); domain.AsError(err).Fields["unit"] == "" {
		t.Errorf("a PPID without a unit: %v", err)
	}
	if err := svc.SetMainPPIDUnit(ctx, c.admin, "tidak-ada"); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("an unknown main PPID unit: %v", err)
	}
	if err := svc.SetMainPPIDUnit(ctx, op, "setda"); err != nil {
		t.Fatal(err)
	}
	return c
}

// request files an information request and routes it to unit; it returns
// the tracking ID and the requester's viewer.
func (c *infoCity) request(t *testing.T, unit string) (string, service.Viewer) {
	t.Helper()
	ctx := context.Background()
	rc, err := c.env.Svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindInformationRequest,
		Title: "Permohonan RAB jalan", Body: "Saya meminta dokumen anggaran perbaikan jalan tahun 2025.",
		Reporter:    domain.Identity{Name: "Sari Pemohon", Email: "sari@example.id"},
		Information: &domain.Information{Requested: "RAB perbaikan jalan 2025", Purpose: "Penelitian", Format: "softcopy", Delivery: "email"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.env.Svc.Act(ctx, rc.TrackingID, c.admin, domain.ActionInput{Action: domain.ActionVerify, Unit: unit}, nil); err != nil {
		t.Fatal(err)
	}
	return rc.TrackingID, service.ReporterViewer(rc.Receipt)
}

func (c *infoCity) act(t *testing.T, id string, v service.Viewer, in domain.ActionInput) *service.ReportView {
	t.Helper()
	rv, err := c.env.Svc.Act(context.Background(), id, v, in, nil)
	if err != nil {
		t.Fatalf("%s: %v", in.Action, err)
	}
	return rv
}

// refused checks that in fails with code (and field, if given) and
// changes nothing.
func (c *infoCity) refused(t *testing.T, id string, v service.Viewer, in domain.ActionInput, code domain.Code, field string) {
	t.Helper()
	ctx := context.Background()
	before, err := c.env.Svc.Report(ctx, id, service.Operator)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.env.Svc.Act(ctx, id, v, in, nil)
	e := domain.AsError(err)
	if err == nil || e.Code != code || (field != "" && e.Fields[field] == "") {
		t.Errorf("%s %+v: want %s on %q, got %v", in.Action, in, code, field, err)
	}
	after, _ := c.env.Svc.Report(ctx, id, service.Operator)
	if after.Report.Version != before.Report.Version || after.Report.Status != before.Report.Status {
		t.Errorf("%s refused but the report changed", in.Action)
	}
}

func lastEvent(rv *service.ReportView) service.EventView { return rv.Timeline[len(rv.Timeline)-1] }

func TestInformationRequestFlow(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := newInfoCity(t, env)
		ctx, svc := context.Background(), env.Svc
		cal := svc.Calendar()
		id, requester := c.request(t, "dinas-a")

		// Who sees it: the unit's PPID, the superior, admins; not officers, not another PPID.
		for name, v := range map[string]service.Viewer{"officer": c.officerA, "other PPID": c.ppidB, "main PPID": c.mainPPID} {
			if _, err := svc.Report(ctx, id, v); domain.ErrorCode(err) != domain.CodeNotFound {
				t.Errorf("%s sees another unit's information request: %v", name, err)
			}
		}
		rv, err := svc.Report(ctx, id, c.ppidA)
		if err != nil {
			t.Fatal(err)
		}
		if rv.Information == nil || rv.Information.Requested != "RAB perbaikan jalan 2025" || rv.Information.Format != "softcopy" {
			t.Errorf("the PPID sees the information asked for: %+v", rv.Information)
		}
		if rv.Report.Schedule.DueKind != domain.DueFollowUp || !rv.Report.Schedule.DueAt.Equal(cal.Deadline(env.Clock.Now(), domain.InfoAnswerDays)) {
			t.Errorf("the answer is due 10 working days after routing: %+v", rv.Report.Schedule)
		}
		inbox, err := svc.Inbox(ctx, c.officerA, service.InboxQuery{})
		if err != nil || len(inbox.Items) != 0 {
			t.Errorf("the officer's inbox lists information requests: %v %v", inbox, err)
		}
		if inbox, err = svc.Inbox(ctx, c.ppidA, service.InboxQuery{}); err != nil || len(inbox.Items) != 1 {
			t.Errorf("the PPID's inbox: %v %v", inbox, err)
		}

		// Bad input changes nothing.
		c.refused(t, id, c.ppidA, domain.ActionInput{Action: domain.ActionAnswer, Message: "Ditolak.", Outcome: domain.OutcomeRefused}, domain.CodeInvalid, "ground")
		c.refused(t, id, c.ppidA, domain.ActionInput{Action: domain.ActionAnswer, Message: "Ditolak.", Outcome: domain.OutcomeRefused, Ground: "17z"}, domain.CodeInvalid, "ground")
		c.refused(t, id, c.ppidA, domain.ActionInput{Action: domain.ActionAnswer, Message: "Terlampir.", Outcome: domain.OutcomeGranted}, domain.CodeInvalid, "link")
		c.refused(t, id, c.officerA, domain.ActionInput{Action: domain.ActionAnswer, Message: "x", Outcome: domain.OutcomeGranted, Link: "https://a.id"}, domain.CodeNotFound, "")
		c.refused(t, id, c.ppidB, domain.ActionInput{Action: domain.ActionAnswer, Message: "x", Outcome: domain.OutcomeGranted, Link: "https://a.id"}, domain.CodeNotFound, "")
		c.refused(t, id, c.admin, domain.ActionInput{Action: domain.ActionAnswer, Message: "x", Outcome: domain.OutcomeGranted, Link: "https://a.id"}, domain.CodeForbidden, "")
		c.refused(t, id, requester, domain.ActionInput{Action: domain.ActionObject, Message: "Belum dijawab.", Ground: "35c"}, domain.CodeConflict, "")
		c.refused(t, id, requester, domain.ActionInput{Action: domain.ActionReply, Message: "Halo"}, domain.CodeConflict, "")

		// One extension adds 7 working days; a second is refused.
		due := *rv.Report.Schedule.DueAt
		rv = c.act(t, id, c.ppidA, domain.ActionInput{Action: domain.ActionExtend, Reason: "Dokumen tersebar di tiga bidang."})
		if got := *rv.Report.Schedule.DueAt; !got.Equal(cal.Deadline(due, domain.InfoExtensionDays)) {
			t.Errorf("extended deadline %v, want 7 working days after %v", got, due)
		}
		if e := lastEvent(rv); e.Type != domain.EventExtended || e.Message == "" || e.Params[domain.ParamExtendedUntil] == "" {
			t.Errorf("the extension's event: %+v", e)
		}
		c.refused(t, id, c.ppidA, domain.ActionInput{Action: domain.ActionExtend, Reason: "Lagi."}, domain.CodeConflict, "")

		// A refusal on ground 17h, an objection, upheld.
		env.Clock.Advance(24 * time.Hour)
		rv = c.act(t, id, c.ppidA, domain.ActionInput{Action: domain.ActionAnswer, Message: "Memuat data pribadi.", Outcome: domain.OutcomeRefused, Ground: "17h"})
		if e := lastEvent(rv); rv.Report.Status != domain.StatusFollowedUp || e.Params[domain.ParamGround] != "17h" || e.Params[domain.ParamOutcome] != domain.OutcomeRefused {
			t.Errorf("the answer: %s %+v", rv.Report.Status, e)
		}
		if want := cal.Deadline(env.Clock.Now(), domain.InfoObjectionWindowDays); !rv.Report.Schedule.DueAt.Equal(want) {
			t.Errorf("objection window ends %v, want %v", rv.Report.Schedule.DueAt, want)
		}
		c.refused(t, id, requester, domain.ActionInput{Action: domain.ActionObject, Message: "Tidak ada data pribadi.", Ground: "17a"}, domain.CodeInvalid, "ground")
		rv = c.act(t, id, requester, domain.ActionInput{Action: domain.ActionObject, Message: "Tidak ada data pribadi.", Ground: "35a"})
		if rv.Report.Status != domain.StatusReporterReplied || rv.Report.Schedule.DueKind != domain.DueObjection ||
			!rv.Report.Schedule.DueAt.Equal(cal.Deadline(env.Clock.Now(), domain.InfoSuperiorDays)) {
			t.Errorf("the objection: %s %+v", rv.Report.Status, rv.Report.Schedule)
		}
		for _, v := range []service.Viewer{c.admin, c.ppidA, c.supervisor} {
			c.refused(t, id, v, domain.ActionInput{Action: domain.ActionObjectionAnswer, Message: "Tetap.", Outcome: domain.OutcomeUpheld}, domain.CodeForbidden, "")
		}
		rv = c.act(t, id, c.superior, domain.ActionInput{Action: domain.ActionObjectionAnswer, Message: "Penolakan sudah tepat.", Outcome: domain.OutcomeUpheld})
		e := lastEvent(rv)
		if rv.Report.Status != domain.StatusCompleted || e.Params[domain.ParamOutcome] != domain.OutcomeUpheld {
			t.Errorf("upheld: %s %+v", rv.Report.Status, e)
		}
		if k, err := time.Parse(time.RFC3339, e.Params[domain.ParamKomisiUntil]); err != nil || !k.Equal(cal.Deadline(env.Clock.Now(), domain.InfoKomisiDays)) {
			t.Errorf("the Komisi Informasi date: %q %v", e.Params[domain.ParamKomisiUntil], err)
		}
		// The requester sees it all, staff see no identity of an anonymous one (covered elsewhere), and the chain holds.
		if _, err := svc.Report(ctx, id, requester); err != nil {
			t.Fatal(err)
		}
		// The requester was told by e-mail of the answer and of the Komisi Informasi.
		ds, err := svc.Deliveries(ctx, service.Operator, domain.DeliveryPending)
		if err != nil {
			t.Fatal(err)
		}
		var mails []string
		for _, d := range ds {
			if m, err := svc.ReporterMail(ctx, service.Operator, d, "https://lapor.example"); err == nil {
				mails = append(mails, m.Subject+"\n"+m.Text)
			}
		}
		all := strings.Join(mails, "\n---\n")
		for _, want := range []string{i18n.T(i18n.ID, "mail.reporter.subject.answered", id), i18n.T(i18n.ID, "info.ground.17h"),
			i18n.T(i18n.ID, "mail.reporter.subject.objection_answered", id), "Komisi Informasi"} {
			if !strings.Contains(all, want) {
				t.Errorf("the requester's e-mails lack %q:\n%s", want, all)
			}
		}

		// The public register lists it without identity.
		reg, err := svc.InformationRegister(ctx, service.Public, 1, 20)
		if err != nil || len(reg) != 1 || reg[0].TrackingID != id || reg[0].Outcome != domain.OutcomeRefused ||
			reg[0].Ground != "17h" || reg[0].Objection != domain.OutcomeUpheld || reg[0].Link != "" || reg[0].Requested == "" {
			t.Errorf("the register: %+v %v", reg, err)
		}
		if _, err := svc.InformationRegister(ctx, service.Public, 1, 1000); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("a page too large: %v", err)
		}
		if res, err := service.VerifyTimelines(ctx, env.Store, 0); err != nil || !res.OK() {
			t.Errorf("the timelines after the information steps: %+v %v", res, err)
		}
	})
}

func TestInformationRequestOverturnedAndMissed(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := newInfoCity(t, env)
		ctx, svc := context.Background(), env.Svc
		cal := svc.Calendar()

		// Not held, then an objection overturned: a new 10-day clock, then granted.
		id, requester := c.request(t, "dinas-b")
		c.refused(t, id, c.ppidB, domain.ActionInput{Action: domain.ActionAnswer, Message: "Bukan di kami.", Outcome: domain.OutcomeNotHeld}, domain.CodeInvalid, "holder")
		rv := c.act(t, id, c.ppidB, domain.ActionInput{Action: domain.ActionAnswer, Message: "Bukan di kami.", Outcome: domain.OutcomeNotHeld, Holder: "Bappeda"})
		if lastEvent(rv).Params[domain.ParamHolder] != "Bappeda" {
			t.Errorf("the holder: %+v", lastEvent(rv))
		}
		env.Clock.Advance(48 * time.Hour)
		c.act(t, id, requester, domain.ActionInput{Action: domain.ActionObject, Message: "Dokumen ada di dinas.", Ground: "35e"})
		env.Clock.Advance(48 * time.Hour)
		rv = c.act(t, id, c.superior, domain.ActionInput{Action: domain.ActionObjectionAnswer, Message: "PPID wajib memberikan.", Outcome: domain.OutcomeOverturned})
		if rv.Report.Status != domain.StatusDispositioned || rv.Report.Schedule.DueKind != domain.DueFollowUp ||
			!rv.Report.Schedule.DueAt.Equal(cal.Deadline(env.Clock.Now(), domain.InfoAnswerDays)) {
			t.Errorf("overturned: %s %+v", rv.Report.Status, rv.Report.Schedule)
		}
		rv = c.act(t, id, c.ppidB, domain.ActionInput{Action: domain.ActionAnswer, Message: "Terlampir.", Outcome: domain.OutcomeGranted, Link: "https://ppid.kota.go.id/rab"})
		if rv.Report.Status != domain.StatusFollowedUp {
			t.Errorf("granted after overturn: %s", rv.Report.Status)
		}

		// Partly granted needs a ground; a unit without a PPID falls back to the main PPID.
		id2, requester2 := c.request(t, "dinas-c")
		if _, err := svc.Report(ctx, id2, c.ppidA); domain.ErrorCode(err) != domain.CodeNotFound {
			t.Errorf("dinas-a's PPID sees dinas-c's request: %v", err)
		}
		c.refused(t, id2, c.mainPPID, domain.ActionInput{Action: domain.ActionAnswer, Message: "Sebagian.", Outcome: domain.OutcomePartlyGranted, Link: "https://a.id/x"}, domain.CodeInvalid, "ground")
		rv = c.act(t, id2, c.mainPPID, domain.ActionInput{Action: domain.ActionAnswer, Message: "Sebagian.", Outcome: domain.OutcomePartlyGranted, Ground: "17i", Link: "https://a.id/x"})
		if rv.Report.Status != domain.StatusFollowedUp {
			t.Errorf("partly granted: %s", rv.Report.Status)
		}
		// An objection after its window is refused.
		env.Clock.Set(cal.Deadline(env.Clock.Now(), domain.InfoObjectionWindowDays).Add(time.Hour))
		c.refused(t, id2, requester2, domain.ActionInput{Action: domain.ActionObject, Message: "Terlambat.", Ground: "35d"}, domain.CodeConflict, "")

		// A missed deadline opens the objection window.
		id3, requester3 := c.request(t, "dinas-a")
		c.refused(t, id3, requester3, domain.ActionInput{Action: domain.ActionObject, Message: "Belum dijawab.", Ground: "35c"}, domain.CodeConflict, "")
		rv, _ = svc.Report(ctx, id3, service.Operator)
		env.Clock.Set(rv.Report.Schedule.DueAt.Add(time.Hour))
		rv, _ = svc.Report(ctx, id3, service.Operator)
		if !rv.Overdue {
			t.Error("a missed answer deadline is overdue")
		}
		rv = c.act(t, id3, requester3, domain.ActionInput{Action: domain.ActionObject, Message: "Belum dijawab.", Ground: "35c"})
		if rv.Report.Status != domain.StatusReporterReplied {
			t.Errorf("objection after a missed deadline: %s", rv.Report.Status)
		}
		// The superior who lets the objection's clock run out has an
		// overdue report, in the overdue filter and its count.
		overdue := func() (ids []string, total int) {
			t.Helper()
			page, err := svc.Inbox(ctx, c.superior, service.InboxQuery{Overdue: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range page.Items {
				ids = append(ids, it.Report.TrackingID)
			}
			return ids, page.Total
		}
		if ids, _ := overdue(); len(ids) != 0 {
			t.Errorf("overdue before the objection's deadline: %v", ids)
		}
		env.Clock.Set(rv.Report.Schedule.DueAt.Add(time.Hour))
		if ids, total := overdue(); len(ids) != 1 || ids[0] != id3 || total != 1 {
			t.Errorf("the superior's overdue objections: %v (total %d), want %s", ids, total, id3)
		}

		// The evaluation counts them apart, per unit, from the events.
		ev, err := svc.Evaluate(ctx, service.Operator, service.EvaluationQuery{From: "2026-01-01",
			To: env.Clock.Now().In(svc.Location()).Format("2006-01-02")})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range ev.Rows {
			f := row.Information
			switch row.Unit.Code {
			case "dinas-b":
				if f.Received != 1 || f.Answered != 1 || f.NotHeld != 1 || f.Objections != 1 || f.Overturned != 1 || f.AnsweredOnTime != 1 {
					t.Errorf("dinas-b: %+v", f)
				}
			case "dinas-c":
				if f.Received != 1 || f.PartlyGranted != 1 || f.RefusedByGround["17i"] != 1 {
					t.Errorf("dinas-c: %+v", f)
				}
			case "dinas-a":
				if f.Received != 1 || f.Answered != 0 || f.Objections != 1 {
					t.Errorf("dinas-a: %+v", f)
				}
			}
		}
	})
}
