package domain

import "slices"

// Every value of the closed sets of strings, for code that must cover all
// of them (catalogue keys, exports, forms). TestListsMatchConstants keeps
// these lists in step with the constant blocks.

var allActions = []Action{ActionVerify, ActionHold, ActionArchive, ActionReroute, ActionSetConfidential,
	ActionEditTitle, ActionSetCategory, ActionFollowUp, ActionForward, ActionReturn, ActionNote, ActionReply, ActionComplete,
	ActionReopen, ActionCompleteInfo, ActionExtend, ActionAnswer, ActionObject, ActionObjectionAnswer, ActionAutoComplete, ActionExpireHold}

var allEventTypes = []EventType{EventSubmitted, EventVerified, EventHeld, EventArchived, EventRerouted,
	EventConfidentialSet, EventTitleEdited, EventCategorySet, EventFollowedUp, EventForwarded, EventReturned, EventNoted,
	EventReplied, EventCompleted, EventReopened, EventInfoCompleted, EventAutoCompleted, EventReminded,
	EventEscalated, EventOmbudsmanFlagged, EventExtended, EventAnswered, EventObjected, EventObjectionAnswered}

var allChannels = []Channel{ChannelWeb, ChannelAPI, ChannelSMS, ChannelWhatsApp, ChannelSocial, ChannelPaper, ChannelPhone, ChannelOpen311, ChannelEmail}

// Actions lists every action, the scheduler's included, staff and
// reporter actions first in the order their forms are shown.
func Actions() []Action { return slices.Clone(allActions) }

// EventTypes lists every type of timeline event.
func EventTypes() []EventType { return slices.Clone(allEventTypes) }

// Channels lists every channel a report may arrive by.
func Channels() []Channel { return slices.Clone(allChannels) }

// Valid reports whether c is a channel Lapor knows.
func (c Channel) Valid() bool { return slices.Contains(allChannels, c) }
