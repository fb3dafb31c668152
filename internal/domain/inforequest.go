package domain

import (
	"strings"
	"unicode/utf8"
)

// Requests for public information under UU 14/2008 (domain.md section 6):
// the unit's PPID answers, within legal working-day clocks; a refusal cites
// a ground of Article 17; the requester may object (Article 35) to the
// PPID's superior. Every step is an event whose Params hold its fields, so
// the hash chain covers them.

// The roles of the information service.
const (
	RolePPID         Role = "ppid"          // a unit's information and documentation officer
	RolePPIDSuperior Role = "ppid_superior" // answers objections (atasan PPID, typically the Sekda)
)

// The actions of an information request.
const (
	ActionExtend          Action = "extend"           // PPID: once, with a reason, adds InfoExtensionDays
	ActionAnswer          Action = "answer"           // PPID: the answer, with an outcome
	ActionObject          Action = "object"           // requester: an objection (keberatan)
	ActionObjectionAnswer Action = "objection_answer" // superior: upheld or overturned
)

// The events of an information request.
const (
	EventExtended          EventType = "extended"
	EventAnswered          EventType = "answered"
	EventObjected          EventType = "objected"
	EventObjectionAnswered EventType = "objection_answered"
)

// The legal clocks, in working days (UU 14/2008 articles 22, 35-36, 37).
const (
	InfoAnswerDays          = 10 // the PPID answers after routing, and again after an overturned refusal
	InfoExtensionDays       = 7  // one extension adds this much
	InfoObjectionWindowDays = 30 // an objection after the answer or a missed deadline
	InfoSuperiorDays        = 30 // the superior answers the objection
	InfoKomisiDays          = 14 // then the requester may go to the Komisi Informasi
)

// The Params keys of the information events.
const (
	ParamInfoRequested = "info_requested" // submitted: what is asked for
	ParamInfoPurpose   = "info_purpose"
	ParamInfoFormat    = "info_format"
	ParamInfoDelivery  = "info_delivery"
	ParamOutcome       = "outcome" // answered, objection_answered
	ParamGround        = "ground"  // answered (17a..17j), objected (35a..35g)
	ParamHolder        = "holder"  // answered not_held: who holds it
	ParamLink          = "link"    // answered: where the information is
	ParamKomisiUntil   = "komisi_until"
	ParamExtendedUntil = "extended_until" // extended: the new deadline (RFC 3339, UTC)
)

// Information is what an information request asks for.
type Information struct {
	Requested string `json:"requested"`
	Purpose   string `json:"purpose,omitempty"`
	Format    string `json:"format,omitempty"`   // view, softcopy, hardcopy
	Delivery  string `json:"delivery,omitempty"` // email, pickup, post
}

// InfoFormats and InfoDeliveries are the accepted values.
var (
	InfoFormats    = []string{"view", "softcopy", "hardcopy"}
	InfoDeliveries = []string{"email", "pickup", "post"}
)

// Answer outcomes and objection outcomes.
const (
	OutcomeGranted       = "granted"
	OutcomePartlyGranted = "partly_granted"
	OutcomeRefused       = "refused"
	OutcomeNotHeld       = "not_held"
	OutcomeUpheld        = "upheld"     // the refusal stands
	OutcomeOverturned    = "overturned" // the PPID must provide
)

// AnswerOutcomes and ObjectionOutcomes list them in display order.
var (
	AnswerOutcomes    = []string{OutcomeGranted, OutcomePartlyGranted, OutcomeRefused, OutcomeNotHeld}
	ObjectionOutcomes = []string{OutcomeUpheld, OutcomeOverturned}
)

// RefusalGrounds are the exceptions of Article 17 (a to j); ObjectionGrounds
// those of Article 35(1) (a to g). Their wording is in the catalogues under
// info.ground.<code>.
var (
	RefusalGrounds   = []string{"17a", "17b", "17c", "17d", "17e", "17f", "17g", "17h", "17i", "17j"}
	ObjectionGrounds = []string{"35a", "35b", "35c", "35d", "35e", "35f", "35g"}
)

// Limits on the information fields, in characters.
const (
	MaxInfoText = 2000
	MaxHolder   = 200
	MaxLink     = 500
)

// Normalize trims the fields.
func (i *Information) Normalize() {
	i.Requested = strings.TrimSpace(i.Requested)
	i.Purpose = strings.TrimSpace(i.Purpose)
	i.Format = strings.TrimSpace(i.Format)
	i.Delivery = strings.TrimSpace(i.Delivery)
}

// validate checks an information object; it is required, with requested,
// for an information request and refused for other kinds.
func validateInformation(f FieldErrors, k Kind, i *Information) {
	if k != KindInformationRequest {
		if i != nil {
			f.Add("information", "field.info.only_for_requests")
		}
		return
	}
	if i == nil || i.Requested == "" {
		f.Add("information.requested", "field.required")
	} else {
		checkText(f, "information.requested", i.Requested, 1, MaxInfoText, true)
	}
	if i == nil {
		return
	}
	checkText(f, "information.purpose", i.Purpose, 0, MaxInfoText, true)
	if i.Format != "" && !contains(InfoFormats, i.Format) {
		f.Add("information.format", "field.info.format_unknown")
	}
	if i.Delivery != "" && !contains(InfoDeliveries, i.Delivery) {
		f.Add("information.delivery", "field.info.delivery_unknown")
	}
}

// Params is the information as the submission event's params.
func (i *Information) Params() Params {
	if i == nil {
		return nil
	}
	p := Params{ParamInfoRequested: i.Requested}
	for k, v := range map[string]string{ParamInfoPurpose: i.Purpose, ParamInfoFormat: i.Format, ParamInfoDelivery: i.Delivery} {
		if v != "" {
			p[k] = v
		}
	}
	return p
}

// InformationOf reads the information back from a submission event's params.
func InformationOf(p Params) *Information {
	if p[ParamInfoRequested] == "" {
		return nil
	}
	return &Information{Requested: p[ParamInfoRequested], Purpose: p[ParamInfoPurpose],
		Format: p[ParamInfoFormat], Delivery: p[ParamInfoDelivery]}
}

// InfoOnly reports whether a is an action of information requests alone.
func InfoOnly(a Action) bool {
	return a == ActionExtend || a == ActionAnswer || a == ActionObject || a == ActionObjectionAnswer
}

// KindAllows reports whether an action applies to a report of kind k: the
// information actions only to information requests, and the complaint
// flow's unit and reply steps never to them (the PPID answers, the
// requester objects).
func KindAllows(k Kind, a Action) bool {
	if k == KindInformationRequest {
		switch a {
		case ActionFollowUp, ActionForward, ActionReturn, ActionReply, ActionReopen:
			return false
		}
		return true
	}
	return !InfoOnly(a)
}

// validateInfoAction checks the parameters of the information actions.
func (in *ActionInput) validateInfoAction(f FieldErrors) {
	if !InfoOnly(in.Action) {
		for field, v := range map[string]string{"outcome": in.Outcome, "ground": in.Ground, "holder": in.Holder, "link": in.Link} {
			if v != "" {
				f.Add(field, "field.info.not_allowed")
			}
		}
		return
	}
	switch in.Action {
	case ActionExtend:
		if in.Reason == "" {
			f.Add("reason", "field.required")
		} else {
			checkText(f, "reason", in.Reason, 1, MaxInfoText, true)
		}
	case ActionAnswer:
		switch {
		case in.Outcome == "":
			f.Add("outcome", "field.required")
		case !contains(AnswerOutcomes, in.Outcome):
			f.Add("outcome", "field.info.outcome_unknown")
		}
		needGround := in.Outcome == OutcomeRefused || in.Outcome == OutcomePartlyGranted
		switch {
		case needGround && in.Ground == "":
			f.Add("ground", "field.info.ground_required")
		case in.Ground != "" && !contains(RefusalGrounds, in.Ground):
			f.Add("ground", "field.info.ground_unknown")
		case in.Ground != "" && !needGround:
			f.Add("ground", "field.info.not_allowed")
		}
		if in.Outcome == OutcomeNotHeld && in.Holder == "" {
			f.Add("holder", "field.info.holder_required")
		} else if in.Holder != "" && in.Outcome != OutcomeNotHeld {
			f.Add("holder", "field.info.not_allowed")
		} else if utf8.RuneCountInString(in.Holder) > MaxHolder {
			f.Add("holder", "field.too_long")
		}
		if in.Link != "" && !validLink(in.Link) {
			f.Add("link", "field.info.link_invalid")
		}
	case ActionObject:
		switch {
		case in.Ground == "":
			f.Add("ground", "field.required")
		case !contains(ObjectionGrounds, in.Ground):
			f.Add("ground", "field.info.objection_ground_unknown")
		}
	case ActionObjectionAnswer:
		switch {
		case in.Outcome == "":
			f.Add("outcome", "field.required")
		case !contains(ObjectionOutcomes, in.Outcome):
			f.Add("outcome", "field.info.outcome_unknown")
		}
	}
	if in.Action != ActionAnswer {
		for field, v := range map[string]string{"holder": in.Holder, "link": in.Link} {
			if v != "" {
				f.Add(field, "field.info.not_allowed")
			}
		}
	}
	if (in.Action == ActionExtend || in.Action == ActionObjectionAnswer) && in.Ground != "" {
		f.Add("ground", "field.info.not_allowed")
	}
	if (in.Action == ActionExtend || in.Action == ActionObject) && in.Outcome != "" {
		f.Add("outcome", "field.info.not_allowed")
	}
}

// validLink accepts an http(s) address without spaces.
func validLink(s string) bool {
	if utf8.RuneCountInString(s) > MaxLink || strings.ContainsAny(s, " \t\r\n<>\"") {
		return false
	}
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
