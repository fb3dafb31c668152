package domain

import (
	"strings"
	"testing"
	"time"
)

func TestInformationRequiredForRequests(t *testing.T) {
	today := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	base := func(k Kind, info *Information) Submission {
		s := Submission{Kind: k, Title: "Permohonan data", Body: "Mohon salinan anggaran jalan 2025.", Information: info}
		s.Normalize()
		return s
	}
	cases := []struct {
		name  string
		sub   Submission
		field string // "" when valid
	}{
		{"request without information", base(KindInformationRequest, nil), "information.requested"},
		{"request with blank requested", base(KindInformationRequest, &Information{Requested: "  "}), "information.requested"},
		{"unknown format", base(KindInformationRequest, &Information{Requested: "RAB", Format: "fax"}), "information.format"},
		{"unknown delivery", base(KindInformationRequest, &Information{Requested: "RAB", Delivery: "drone"}), "information.delivery"},
		{"complaint with information", base(KindComplaint, &Information{Requested: "RAB"}), "information"},
		{"whole request", base(KindInformationRequest, &Information{Requested: "RAB", Purpose: "riset", Format: "softcopy", Delivery: "email"}), ""},
	}
	for _, c := range cases {
		err := c.sub.Validate(today)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		e := AsError(err)
		if e.Code != CodeInvalid || e.Fields[c.field] == "" {
			t.Errorf("%s: want an error on %s, got %v", c.name, c.field, err)
		}
	}
}

func TestInfoActionInput(t *testing.T) {
	cases := []struct {
		in    ActionInput
		field string
		key   string
	}{
		{ActionInput{Action: ActionExtend}, "reason", "field.required"},
		{ActionInput{Action: ActionAnswer, Message: "x"}, "outcome", "field.required"},
		{ActionInput{Action: ActionAnswer, Message: "x", Outcome: "maybe"}, "outcome", "field.info.outcome_unknown"},
		{ActionInput{Action: ActionAnswer, Message: "x", Outcome: OutcomeRefused}, "ground", "field.info.ground_required"},
		{ActionInput{Action: ActionAnswer, Message: "x", Outcome: OutcomePartlyGranted}, "ground", "field.info.ground_required"},
		{ActionInput{Action: ActionAnswer, Message: "x", Outcome: OutcomeRefused, Ground: "17k"}, "ground", "field.info.ground_unknown"},
		{ActionInput{Action: ActionAnswer, Message: "x", Outcome: OutcomeRefused, Ground: "35a"}, "ground", "field.info.ground_unknown"},
		{ActionInput{Action: ActionAnswer, Message: "x", Outcome: OutcomeNotHeld}, "holder", "field.info.holder_required"},
		{ActionInput{Action: ActionAnswer, Message: "x", Outcome: OutcomeGranted, Link: "javascript:alert(1)"}, "link", "field.info.link_invalid"},
		{ActionInput{Action: ActionAnswer, Outcome: OutcomeGranted, Link: "https://x.id/a"}, "message", "field.required"},
		{ActionInput{Action: ActionObject, Message: "x"}, "ground", "field.required"},
		{ActionInput{Action: ActionObject, Message: "x", Ground: "17a"}, "ground", "field.info.objection_ground_unknown"},
		{ActionInput{Action: ActionObjectionAnswer, Message: "x", Outcome: OutcomeGranted}, "outcome", "field.info.outcome_unknown"},
		{ActionInput{Action: ActionFollowUp, Message: "x", Ground: "17a"}, "ground", "field.info.not_allowed"},
	}
	for _, c := range cases {
		in := c.in
		in.Normalize()
		e := AsError(in.Validate())
		if e.Fields[c.field] != c.key {
			t.Errorf("%+v: want %s on %s, got %v", c.in, c.key, c.field, e)
		}
	}
	for _, in := range []ActionInput{
		{Action: ActionExtend, Reason: "Dokumen tersebar di tiga bidang."},
		{Action: ActionAnswer, Message: "Terlampir.", Outcome: OutcomeGranted, Link: "https://ppid.bontangkota.go.id/rab"},
		{Action: ActionAnswer, Message: "Sebagian.", Outcome: OutcomePartlyGranted, Ground: "17H"},
		{Action: ActionAnswer, Message: "Bukan di kami.", Outcome: OutcomeNotHeld, Holder: "Bappeda"},
		{Action: ActionObject, Message: "Keberatan.", Ground: "35a"},
		{Action: ActionObjectionAnswer, Message: "Dibatalkan.", Outcome: OutcomeOverturned},
	} {
		in.Normalize()
		if err := in.Validate(); err != nil {
			t.Errorf("%+v: %v", in, err)
		}
	}
}

func TestInfoKindRules(t *testing.T) {
	for _, a := range []Action{ActionExtend, ActionAnswer, ActionObject, ActionObjectionAnswer} {
		if KindAllows(KindComplaint, a) || !KindAllows(KindInformationRequest, a) {
			t.Errorf("%s: information actions are for information requests only", a)
		}
	}
	for _, a := range []Action{ActionFollowUp, ActionReply, ActionForward} {
		if KindAllows(KindInformationRequest, a) {
			t.Errorf("%s must not apply to an information request", a)
		}
	}
	officer := Reader{Role: RoleOfficer, CoversUnit: true}
	ppid := Reader{Role: RolePPID, CoversUnit: true}
	req, comp := &Report{Kind: KindInformationRequest}, &Report{Kind: KindComplaint}
	if ReportAccess(req, officer) != AccessNone || ReportAccess(comp, officer) != AccessStaff {
		t.Error("officers see complaints of their unit, never information requests")
	}
	if ReportAccess(req, ppid) != AccessStaff || ReportAccess(comp, ppid) != AccessNone ||
		ReportAccess(req, Reader{Role: RolePPID}) != AccessNone {
		t.Error("a PPID sees the information requests of its units only")
	}
	if ReportAccess(req, Reader{Role: RolePPIDSuperior}) != AccessStaff || ReportAccess(comp, Reader{Role: RolePPIDSuperior}) != AccessNone {
		t.Error("the superior sees information requests only")
	}
	// The fields of an answer are in the hash.
	e := Event{Type: EventAnswered, Params: Params{ParamOutcome: OutcomeRefused, ParamGround: "17a"}}
	e2 := e
	e2.Params = Params{ParamOutcome: OutcomeRefused, ParamGround: "17b"}
	if EventHash("X", e) == EventHash("X", e2) || !strings.Contains(e.Params.Encode(), "17a") {
		t.Error("the ground of an answer must change the event's hash")
	}
}
