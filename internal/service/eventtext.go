package service

import (
	"regexp"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

// legacyTitleEdit gives a title edit written before events had params (the
// old title in Message, the new one in Reason) the params a new one has,
// so that every reader knows one shape.
func legacyTitleEdit(ev *EventView) {
	if ev.Type != domain.EventTitleEdited || ev.Params != nil || (ev.Message == "" && ev.Reason == "") {
		return
	}
	ev.Params = domain.Params{domain.ParamOldTitle: ev.Message, domain.ParamNewTitle: ev.Reason}
	ev.Message, ev.Reason = "", ""
}

// NoticeText is the sentence of a scheduler notice (a reminder, an
// escalation, an automatic completion or archiving, an Ombudsman flag) in
// the reader's language, made at display time from its code (type and
// reason) and its params: tr translates a catalogue key, f writes the
// time in the same language. It is "" for any other event, and for a
// notice written before notices had params, whose sentence (in
// Indonesian) is its Message (see EventDetail).
func NoticeText(e EventView, tr func(key string, args ...any) string, f i18n.Format) string {
	if e.ActorRole != domain.RoleSystem || e.Message != "" {
		return ""
	}
	p := e.Params
	due := "-"
	if t, err := time.Parse(time.RFC3339, p[domain.ParamDueAt]); err == nil {
		due = f.DateTime(t)
	}
	unit := p[domain.ParamUnit]
	if unit == "" {
		unit = tr("notice.the_unit")
	}
	switch e.Type {
	case domain.EventReminded:
		return tr("notice.reminded", unit, due)
	case domain.EventEscalated:
		if e.Reason == string(domain.DueVerification) {
			return tr("notice.escalated_verification", due, p[domain.ParamOffice])
		}
		return tr("notice.escalated_follow_up", due, unit, p[domain.ParamOffice])
	case domain.EventAutoCompleted:
		return tr("notice.auto_completed", due)
	case domain.EventArchived:
		return tr("notice.hold_expired", due)
	case domain.EventOmbudsmanFlagged:
		return tr("notice.ombudsman_flagged", due)
	}
	return ""
}

// EventDetail is the text shown under an event of the timeline: what its
// actor wrote, the title a title edit replaced (never to the public), or
// the sentence of a scheduler notice (NoticeText).
func EventDetail(e EventView, a Access, tr func(key string, args ...any) string, f i18n.Format) string {
	if e.Type == domain.EventTitleEdited {
		if a == AccessPublic {
			return ""
		}
		return e.Params[domain.ParamOldTitle]
	}
	if s := NoticeText(e, tr, f); s != "" {
		return s
	}
	if e.ActorRole == domain.RoleSystem {
		return legacyNoticeDates(e.Message)
	}
	return e.Message
}

// legacyDate is how the scheduler wrote a time into a notice's sentence
// before notices had params: "2026-02-27 23:59 WITA".
var legacyDate = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) ([A-Z]{3,5})\b`)

// legacyNoticeDates writes the times of an old notice's sentence, which is
// Indonesian, as Indonesian writes them, in the zone the sentence names.
func legacyNoticeDates(s string) string {
	id := i18n.Formatter(i18n.ID, nil)
	return legacyDate.ReplaceAllStringFunc(s, func(m string) string {
		g := legacyDate.FindStringSubmatch(m)
		n := func(i int) int { v, _ := strconv.Atoi(g[i]); return v }
		if n(2) < 1 || n(2) > 12 || n(3) < 1 || n(3) > 31 || n(4) > 23 || n(5) > 59 {
			return m
		}
		return id.DateTime(time.Date(n(1), time.Month(n(2)), n(3), n(4), n(5), 0, 0, time.FixedZone(g[6], 0)))
	})
}
