package domain

import (
	"strings"
	"testing"
	"time"
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
		// The category can be corrected while the report is open.
		ActionSetCategory: {StatusSubmitted: StatusSubmitted, StatusOnHold: StatusOnHold, StatusDispositioned: StatusDispositioned,
			StatusFollowedUp: StatusFollowedUp, StatusReporterReplied: StatusReporterReplied},
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
		RoleAdmin:        {ActionVerify, ActionHold, ActionArchive, ActionMarkDuplicate, ActionReroute, ActionSetConfidential, ActionEditTitle, ActionSetCategory, ActionNote},
		RoleOfficer:      {ActionFollowUp, ActionForward, ActionReturn, ActionNote},
		RoleReporter:     {ActionReply, ActionComplete, ActionReopen, ActionCompleteInfo, ActionObject},
		RoleSupervisor:   nil,
		RolePPID:         {ActionExtend, ActionAnswer, ActionNote},
		RolePPIDSuperior: {ActionObjectionAnswer},
		RoleSystem:       {ActionAutoComplete, ActionExpireHold},
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

// An event written before events had params keeps the hash it was
// written with (the value below was computed before params existed); one
// with params is covered by them.
func TestEventHashOfOldEventsAndParams(t *testing.T) {
	u, a := int64(7), int64(3)
	e := Event{Seq: 4, Type: EventTitleEdited, ActorRole: RoleAdmin, ActorUserID: &u, UnitID: &a,
		FromStatus: StatusSubmitted, ToStatus: StatusSubmitted, Message: "jalan rusak", Reason: "Jalan rusak di Jl. Ahmad Yani",
		CreatedAt: time.Date(2026, 11, 18, 1, 2, 3, 4000, time.UTC), PrevHash: "abc"}
	const old = "688b017f5a55c8cde5875a1e8f1d62a07552e1ceaf6c343eea9b978dfecaaffa"
	if got := EventHash("K7MQ-2XRD", e); got != old {
		t.Fatalf("the hash of an event without params changed: %s", got)
	}
	e.Params = Params{}
	if got := EventHash("K7MQ-2XRD", e); got != old {
		t.Fatalf("empty params changed the hash: %s", got)
	}
	e.Message, e.Reason = "", ""
	e.Params = Params{ParamOldTitle: "jalan rusak", ParamNewTitle: "Jalan rusak di Jl. Ahmad Yani"}
	e.Hash = EventHash("K7MQ-2XRD", e)
	if e.Hash == old {
		t.Fatal("params not hashed")
	}
	chain := []Event{e}
	chain[0].PrevHash, chain[0].Seq = "", 1
	chain[0].Hash = EventHash("K7MQ-2XRD", chain[0])
	if VerifyChain("K7MQ-2XRD", chain) != -1 {
		t.Fatal("valid chain with params rejected")
	}
	chain[0].Params = Params{ParamOldTitle: "jalan rusak", ParamNewTitle: "Judul lain"}
	if VerifyChain("K7MQ-2XRD", chain) != 0 {
		t.Fatal("forged params not found")
	}
	back, err := DecodeParams(e.Params.Encode())
	if err != nil || back.Encode() != e.Params.Encode() {
		t.Fatalf("params round trip: %v %v", back, err)
	}
	if p, err := DecodeParams(""); p != nil || err != nil {
		t.Fatalf("no params: %v %v", p, err)
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

// A receipt is accepted however it is typed: in the printed groups, with
// spaces or hyphens, in capitals, across a line break.
func TestReceiptSpellings(t *testing.T) {
	r, h := NewReceipt()
	spaced := r[:5] + " " + r[5:10] + "  " + r[10:]
	for _, in := range []string{r, strings.ToUpper(r), spaced, " " + strings.ToUpper(spaced) + "\n",
		r[:5] + "-" + r[5:10] + "-" + r[10:], r[:13] + "\t- " + r[13:], r[:7] + "\u2010" + r[7:]} {
		if NormalizeReceipt(in) != r || HashSecret(in) != h {
			t.Errorf("receipt typed as %q is not the receipt %q", in, r)
		}
	}
	if HashSecret(r[:25]+"x") == h {
		t.Fatal("another receipt hashes the same")
	}
}
