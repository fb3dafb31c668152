package domain

import (
	"strings"
	"testing"
)

// The whole transition table of domain.md section 4, written out so a
// change to the rules shows up here.
func TestTransitionTable(t *testing.T) {
	want := map[Action]map[Status]Status{
		ActionVerify:       {StatusSubmitted: StatusDispositioned},
		ActionHold:         {StatusSubmitted: StatusOnHold},
		ActionArchive:      {StatusSubmitted: StatusArchived, StatusOnHold: StatusArchived},
		ActionReroute:      {StatusDispositioned: StatusDispositioned, StatusReporterReplied: StatusDispositioned, StatusFollowedUp: StatusDispositioned},
		ActionFollowUp:     {StatusDispositioned: StatusFollowedUp, StatusReporterReplied: StatusFollowedUp},
		ActionForward:      {StatusDispositioned: StatusDispositioned, StatusReporterReplied: StatusDispositioned},
		ActionReturn:       {StatusDispositioned: StatusSubmitted, StatusReporterReplied: StatusSubmitted},
		ActionReply:        {StatusFollowedUp: StatusReporterReplied},
		ActionComplete:     {StatusFollowedUp: StatusCompleted},
		ActionReopen:       {StatusCompleted: StatusReporterReplied},
		ActionCompleteInfo: {StatusOnHold: StatusSubmitted},
		ActionAutoComplete: {StatusFollowedUp: StatusCompleted},
		ActionExpireHold:   {StatusOnHold: StatusArchived},
	}
	for a, allowed := range want {
		for _, s := range Statuses {
			to, _, err := Transition(a, s)
			exp, ok := allowed[s]
			switch {
			case ok && (err != nil || to != exp):
				t.Errorf("%s from %s: got %s %v, want %s", a, s, to, err, exp)
			case !ok && ErrorCode(err) != CodeConflict:
				t.Errorf("%s from %s: got %s %v, want a conflict", a, s, to, err)
			}
		}
	}
	// Actions that leave the state alone work in every state but archived.
	for _, a := range []Action{ActionNote, ActionSetConfidential, ActionEditTitle} {
		for _, s := range Statuses {
			to, _, err := Transition(a, s)
			if s == StatusArchived {
				if ErrorCode(err) != CodeConflict {
					t.Errorf("%s on archived: %v", a, err)
				}
			} else if err != nil || to != s {
				t.Errorf("%s from %s: %s %v", a, s, to, err)
			}
		}
	}
}

func TestWhoMayAct(t *testing.T) {
	cases := map[Role][]Action{
		RoleAdmin:      {ActionVerify, ActionHold, ActionArchive, ActionReroute, ActionSetConfidential, ActionEditTitle, ActionNote},
		RoleOfficer:    {ActionFollowUp, ActionForward, ActionReturn, ActionNote},
		RoleReporter:   {ActionReply, ActionComplete, ActionReopen, ActionCompleteInfo},
		RoleSupervisor: nil,
		RoleSystem:     {ActionAutoComplete, ActionExpireHold},
	}
	for role, actions := range cases {
		allowed := map[Action]bool{}
		for _, a := range actions {
			allowed[a] = true
		}
		for a := range rules {
			if Permits(role, a) != allowed[a] {
				t.Errorf("Permits(%s, %s) = %v", role, a, !allowed[a])
			}
		}
	}
}

func TestTrackingIDs(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 10000; i++ {
		id := NewTrackingID()
		if len(id) != 9 || id[4] != '-' || NormalizeTrackingID(id) != id {
			t.Fatalf("bad id %q", id)
		}
		if strings.ContainsAny(id, "01ILOU") {
			t.Fatalf("ambiguous character in %q", id)
		}
		seen[id] = true
	}
	if len(seen) < 9990 {
		t.Fatalf("only %d distinct IDs in 10000", len(seen))
	}
	for in, want := range map[string]string{"k7mq2xrd": "K7MQ-2XRD", " #K7MQ 2XRD ": "K7MQ-2XRD", "K7MQ-2XR": "", "K7MQ-2XR0": "", "": "", "K7MQ-2XRD-9": ""} {
		if got := NormalizeTrackingID(in); got != want {
			t.Errorf("NormalizeTrackingID(%q) = %q, want %q", in, got, want)
		}
	}
	r, h := NewReceipt()
	if len(r) < 26 || HashSecret(r) != h || HashSecret(strings.ToUpper(r)) != h {
		t.Fatalf("receipt %q hash mismatch", r)
	}
}

func TestEventChain(t *testing.T) {
	var evs []Event
	prev := ""
	for i := 1; i <= 3; i++ {
		e := Event{Seq: i, Type: EventNoted, ActorRole: RoleAdmin, Message: "m", PrevHash: prev}
		e.Hash = EventHash("ABCD-EFGH", e)
		prev = e.Hash
		evs = append(evs, e)
	}
	if VerifyChain("ABCD-EFGH", evs) != -1 {
		t.Fatal("valid chain rejected")
	}
	evs[1].Message = "forged"
	if VerifyChain("ABCD-EFGH", evs) != 1 {
		t.Fatal("forged event not found")
	}
	evs[1].Message = "m"
	if VerifyChain("ABCD-EFGH", append(evs[:1:1], evs[2])) != 1 {
		t.Fatal("missing event not found")
	}
}
