package domain

// Role is who acts on a report.
type Role string

const (
	RoleAdmin      Role = "admin"      // verifies and routes (Diskominfo)
	RoleOfficer    Role = "officer"    // follows up for a unit (OPD)
	RoleSupervisor Role = "supervisor" // reads everything, changes nothing
	RoleReporter   Role = "reporter"   // the citizen holding the receipt
	RoleSystem     Role = "system"     // the scheduler
)

// StaffRoles are the roles a staff account may have.
var StaffRoles = []Role{RoleAdmin, RoleOfficer, RoleSupervisor, RolePPID, RolePPIDSuperior}

// ValidStaff reports whether r is a staff role.
func (r Role) ValidStaff() bool {
	return r == RoleAdmin || r == RoleOfficer || r == RoleSupervisor || r == RolePPID || r == RolePPIDSuperior
}

// Action is something an actor asks to do to a report.
type Action string

const (
	ActionVerify          Action = "verify"
	ActionHold            Action = "hold"
	ActionArchive         Action = "archive"
	ActionMarkDuplicate   Action = "mark_duplicate" // archive as a duplicate of another report (issue 15)
	ActionReroute         Action = "reroute"
	ActionSetConfidential Action = "set_confidential"
	ActionEditTitle       Action = "edit_title"
	ActionSetCategory     Action = "set_category"
	ActionFollowUp        Action = "follow_up"
	ActionForward         Action = "forward"
	ActionReturn          Action = "return"
	ActionNote            Action = "note"
	ActionReply           Action = "reply"
	ActionComplete        Action = "complete"
	ActionReopen          Action = "reopen"
	ActionCompleteInfo    Action = "complete_info"
	// Actions of the scheduler.
	ActionAutoComplete Action = "auto_complete"
	ActionExpireHold   Action = "expire_hold"
)

// EventType names what happened; one per action plus submission and
// the scheduler's notices.
type EventType string

const (
	EventSubmitted        EventType = "submitted"
	EventVerified         EventType = "verified"
	EventHeld             EventType = "held"
	EventArchived         EventType = "archived"
	EventRerouted         EventType = "rerouted"
	EventConfidentialSet  EventType = "confidential_set"
	EventTitleEdited      EventType = "title_edited"
	EventCategorySet      EventType = "category_set"
	EventFollowedUp       EventType = "followed_up"
	EventForwarded        EventType = "forwarded"
	EventReturned         EventType = "returned"
	EventNoted            EventType = "noted"
	EventReplied          EventType = "replied"
	EventCompleted        EventType = "completed"
	EventReopened         EventType = "reopened"
	EventInfoCompleted    EventType = "info_completed"
	EventAutoCompleted    EventType = "auto_completed"
	EventReminded         EventType = "reminded"
	EventEscalated        EventType = "escalated"
	EventOmbudsmanFlagged EventType = "ombudsman_flagged"
)

// ArchiveReason explains an archive; one is always required.
type ArchiveReason string

// ArchiveReasons are the accepted reasons.
var ArchiveReasons = []ArchiveReason{"spam", "unintelligible", "duplicate", "out_of_scope", "no_action_needed", "hold_expired"}

// Valid reports whether r is an accepted reason.
func (r ArchiveReason) Valid() bool {
	for _, v := range ArchiveReasons {
		if v == r {
			return true
		}
	}
	return false
}

// rule says who may take an action, from which states, and where it leads.
type rule struct {
	roles []Role
	from  []Status // nil: any state but archived
	to    Status   // "": unchanged
	event EventType
}

var (
	unitStates = []Status{StatusDispositioned, StatusReporterReplied}
	openStates = []Status{StatusSubmitted, StatusOnHold, StatusDispositioned, StatusFollowedUp, StatusReporterReplied}
	rules      = map[Action]rule{
		ActionVerify:          {roles: []Role{RoleAdmin}, from: []Status{StatusSubmitted}, to: StatusDispositioned, event: EventVerified},
		ActionHold:            {roles: []Role{RoleAdmin}, from: []Status{StatusSubmitted}, to: StatusOnHold, event: EventHeld},
		ActionArchive:         {roles: []Role{RoleAdmin}, from: []Status{StatusSubmitted, StatusOnHold}, to: StatusArchived, event: EventArchived},
		ActionMarkDuplicate:   {roles: []Role{RoleAdmin}, from: []Status{StatusSubmitted, StatusOnHold}, to: StatusArchived, event: EventArchived},
		ActionReroute:         {roles: []Role{RoleAdmin}, from: []Status{StatusDispositioned, StatusReporterReplied, StatusFollowedUp}, to: StatusDispositioned, event: EventRerouted},
		ActionSetConfidential: {roles: []Role{RoleAdmin}, event: EventConfidentialSet},
		ActionEditTitle:       {roles: []Role{RoleAdmin}, event: EventTitleEdited},
		ActionSetCategory:     {roles: []Role{RoleAdmin}, from: openStates, event: EventCategorySet},
		ActionFollowUp:        {roles: []Role{RoleOfficer}, from: unitStates, to: StatusFollowedUp, event: EventFollowedUp},
		ActionForward:         {roles: []Role{RoleOfficer}, from: unitStates, to: StatusDispositioned, event: EventForwarded},
		ActionReturn:          {roles: []Role{RoleOfficer}, from: unitStates, to: StatusSubmitted, event: EventReturned},
		ActionNote:            {roles: []Role{RoleOfficer, RoleAdmin, RolePPID}, event: EventNoted},
		ActionReply:           {roles: []Role{RoleReporter}, from: []Status{StatusFollowedUp}, to: StatusReporterReplied, event: EventReplied},
		ActionComplete:        {roles: []Role{RoleReporter}, from: []Status{StatusFollowedUp}, to: StatusCompleted, event: EventCompleted},
		ActionReopen:          {roles: []Role{RoleReporter}, from: []Status{StatusCompleted}, to: StatusReporterReplied, event: EventReopened},
		ActionCompleteInfo:    {roles: []Role{RoleReporter}, from: []Status{StatusOnHold}, to: StatusSubmitted, event: EventInfoCompleted},
		// Information requests (inforequest.go). An objection comes after the
		// answer, or while dispositioned once the deadline is missed (the
		// service checks the window); an overturned objection goes back to
		// dispositioned (the service sets it).
		ActionExtend:          {roles: []Role{RolePPID}, from: []Status{StatusDispositioned}, event: EventExtended},
		ActionAnswer:          {roles: []Role{RolePPID}, from: []Status{StatusDispositioned}, to: StatusFollowedUp, event: EventAnswered},
		ActionObject:          {roles: []Role{RoleReporter}, from: []Status{StatusFollowedUp, StatusDispositioned}, to: StatusReporterReplied, event: EventObjected},
		ActionObjectionAnswer: {roles: []Role{RolePPIDSuperior}, from: []Status{StatusReporterReplied}, to: StatusCompleted, event: EventObjectionAnswered},
		ActionAutoComplete:    {roles: []Role{RoleSystem}, from: []Status{StatusFollowedUp}, to: StatusCompleted, event: EventAutoCompleted},
		ActionExpireHold:      {roles: []Role{RoleSystem}, from: []Status{StatusOnHold}, to: StatusArchived, event: EventArchived},
	}
)

// Known reports whether a is an action anyone may ask for.
func (a Action) Known() bool { _, ok := rules[a]; return ok }

// Permits reports whether role may ever take action a.
func Permits(role Role, a Action) bool {
	r, ok := rules[a]
	if !ok {
		return false
	}
	for _, v := range r.roles {
		if v == role {
			return true
		}
	}
	return false
}

// Transition returns the state after action a from state s and the event
// it records, or a conflict when the state does not allow it.
func Transition(a Action, s Status) (Status, EventType, error) {
	r, ok := rules[a]
	if !ok {
		return "", "", InvalidField("action", "field.action.unknown")
	}
	if r.from == nil {
		if s == StatusArchived {
			return "", "", Errorf(CodeConflict, "error.state_conflict", string(a), string(s))
		}
	} else if !contains(r.from, s) {
		return "", "", Errorf(CodeConflict, "error.state_conflict", string(a), string(s))
	}
	to := r.to
	if to == "" {
		to = s
	}
	return to, r.event, nil
}

// ActionsFor lists the actions role may take on a report in state s, for
// showing buttons, in the order of Actions; unit scope is checked by the
// caller.
func ActionsFor(role Role, s Status) []Action {
	var out []Action
	for _, a := range allActions {
		if !Permits(role, a) {
			continue
		}
		if _, _, err := Transition(a, s); err == nil {
			out = append(out, a)
		}
	}
	return out
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
