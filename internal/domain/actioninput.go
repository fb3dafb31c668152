package domain

import "strings"

// ActionInput is an action's parameters as sent by a client.
type ActionInput struct {
	Action  Action
	Unit    string // verify, reroute, forward
	Message string // shown to the reporter and, once public, to everyone
	Note    string // verify, reroute: for the unit only, an internal (staff-only) note
	Reason  string // archive
	Rating  int    // complete
	Title   string // edit_title
	// Category is the code of the new category (set_category).
	Category string
	// The information actions (inforequest.go): outcome of an answer or an
	// objection answer, ground (17a..17j, 35a..35g), who holds information
	// not held, a link to the information.
	Outcome string
	Ground  string
	Holder  string
	Link    string
	// Original is the tracking ID of the report a mark_duplicate repeats.
	Original string
}

// Normalize trims the text fields.
func (in *ActionInput) Normalize() {
	in.Action = Action(strings.TrimSpace(string(in.Action)))
	in.Unit = NormalizeCode(in.Unit)
	in.Message = strings.TrimSpace(in.Message)
	in.Note = strings.TrimSpace(in.Note)
	in.Reason = strings.TrimSpace(in.Reason)
	in.Title = strings.TrimSpace(in.Title)
	in.Category = NormalizeCode(in.Category)
	in.Outcome = strings.TrimSpace(in.Outcome)
	in.Ground = strings.ToLower(strings.TrimSpace(in.Ground))
	in.Holder = strings.TrimSpace(in.Holder)
	in.Link = strings.TrimSpace(in.Link)
	in.Original = strings.ToUpper(strings.TrimSpace(in.Original))
}

// Validate checks the parameters an action needs.
func (in *ActionInput) Validate() error {
	f := FieldErrors{}
	if in.Action == "" {
		f.Add("action", "field.required")
		return f.Err()
	}
	if !in.Action.Known() || in.Action == ActionAutoComplete || in.Action == ActionExpireHold {
		f.Add("action", "field.action.unknown")
		return f.Err()
	}
	needUnit := in.Action == ActionVerify || in.Action == ActionReroute || in.Action == ActionForward
	if needUnit {
		if in.Unit == "" {
			f.Add("unit", "field.required")
		} else if !ValidCode(in.Unit) {
			f.Add("unit", "field.code.invalid")
		}
	}
	switch in.Action {
	case ActionHold, ActionFollowUp, ActionForward, ActionReturn, ActionNote, ActionReply,
		ActionReopen, ActionCompleteInfo, ActionAnswer, ActionObject, ActionObjectionAnswer:
		CheckMessage(f, "message", in.Message, true)
	default:
		CheckMessage(f, "message", in.Message, false)
	}
	if in.Action == ActionVerify || in.Action == ActionReroute {
		CheckMessage(f, "note", in.Note, false)
	} else if in.Note != "" {
		f.Add("note", "field.note.not_allowed")
	}
	in.validateInfoAction(f)
	switch in.Action {
	case ActionArchive:
		if in.Reason == "" {
			f.Add("reason", "field.required")
		} else if !ArchiveReason(in.Reason).Valid() {
			f.Add("reason", "field.reason.unknown")
		}
	case ActionComplete:
		if in.Rating < 1 || in.Rating > 5 {
			f.Add("rating", "field.rating.range")
		}
	case ActionEditTitle:
		checkText(f, "title", in.Title, MinTitle, MaxTitle, false)
	case ActionSetCategory:
		if in.Category == "" {
			f.Add("category", "field.required")
		} else if !ValidCode(in.Category) {
			f.Add("category", "field.code.invalid")
		}
	}
	switch {
	case in.Action == ActionMarkDuplicate && in.Original == "":
		f.Add("original", "field.required")
	case in.Action == ActionMarkDuplicate && NormalizeTrackingID(in.Original) == "":
		f.Add("original", "field.original.unknown")
	case in.Action != ActionMarkDuplicate && in.Original != "":
		f.Add("original", "field.original.not_allowed")
	}
	return f.Err()
}
