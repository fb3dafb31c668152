// Package deadline computes the deadlines of a report (domain.md section 5)
// from its timeline and the instance's policy: the working-day calendar
// and the deadline settings admins edit. It is pure: no I/O, no clock.
//
// Each stage of a report has its own clock:
//
//	stage (status)                    starts at                               length (default)
//	verification (submitted)          submitted, returned                     3 working days
//	hold expiry (on_hold)             held                                    30 calendar days
//	follow-up (dispositioned,         verified, rerouted, forwarded,          5 working days
//	           reporter_replied)      replied, reopened
//	auto-completion (followed_up)     followed_up                             10 working days
//	none (completed, archived)
//
// A deadline of n working days ends at 23:59:59 (instance time) of the n-th
// working day after the day the clock starts (workdays.Calendar.Deadline);
// one of n calendar days at 23:59:59 of the n-th day after it. An action at
// the deadline itself is on time.
//
// Pauses: the verification clock does not run while the report is on hold
// waiting for its reporter; when the reporter completes it the clock
// resumes with what was left, under workdays.Calendar.DeadlineWithPauses's
// rule (a working day counts only if the clock was running when it began).
// A follow-up clock never waits for the reporter: it ends when the unit
// follows up, and the reporter's reply starts a new one.
//
// The completion limit (Perpres 76/2013, 60 days from submission) counts
// calendar days only while the government owes an action: the status is
// submitted, dispositioned or reporter_replied. It pauses while the report
// waits for its reporter (on_hold, followed_up) and after it is closed
// (completed, until a reopening), under the same rule: a day counts if the
// clock was running when it began, and the day of submission never counts.
// While it is paused before reaching its end, its end is unknown.
package deadline

import (
	"encoding/json"
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lapor-id/lapor/internal/domain"
)

// Limits on a deadline setting: at least one day, at most a year.
const (
	MinDays = 1
	MaxDays = 365
)

// Days are the lengths of the clocks for one kind of report.
type Days struct {
	Verify       int `json:"verify_days"`        // working days, from submission or return
	FollowUp     int `json:"follow_up_days"`     // working days, from each disposition and reporter reply
	AutoComplete int `json:"auto_complete_days"` // working days after a follow-up nobody answered
	Hold         int `json:"hold_days"`          // calendar days on hold before the report is archived
	Completion   int `json:"completion_days"`    // calendar days to completion (Perpres 76/2013)
}

// Override changes some of the Days for a kind or a category.
type Override struct {
	Verify       *int `json:"verify_days,omitempty"`
	FollowUp     *int `json:"follow_up_days,omitempty"`
	AutoComplete *int `json:"auto_complete_days,omitempty"`
	Hold         *int `json:"hold_days,omitempty"`
	Completion   *int `json:"completion_days,omitempty"`
}

func (o Override) apply(d Days) Days {
	set := func(dst *int, v *int) {
		if v != nil {
			*dst = *v
		}
	}
	set(&d.Verify, o.Verify)
	set(&d.FollowUp, o.FollowUp)
	set(&d.AutoComplete, o.AutoComplete)
	set(&d.Hold, o.Hold)
	set(&d.Completion, o.Completion)
	return d
}

// Grades are the thresholds of the evaluation grades, as the minimum share
// (percent) of due follow-ups made on time: good (Baik) at Good or more,
// fair (Sedang) at Fair or more, poor (Kurang) below.
type Grades struct {
	Good float64 `json:"good"`
	Fair float64 `json:"fair"`
}

// UnmarshalJSON reads good and fair, and also baik and sedang, the names
// settings were stored under before: a value absent keeps the current one.
func (g *Grades) UnmarshalJSON(data []byte) error {
	var v struct {
		Good, Fair, Baik, Sedang *float64
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	for _, f := range []struct {
		dst       *float64
		now, then *float64
	}{{&g.Good, v.Good, v.Baik}, {&g.Fair, v.Fair, v.Sedang}} {
		switch {
		case f.now != nil:
			*f.dst = *f.now
		case f.then != nil:
			*f.dst = *f.then
		}
	}
	return nil
}

// Settings is the deadline policy admins edit.
type Settings struct {
	Days
	// Kinds overrides the days per kind of report; Categories per category
	// code, and wins over Kinds.
	Kinds      map[domain.Kind]Override `json:"kinds"`
	Categories map[string]Override      `json:"categories"`
	// SupervisingOffice is told of every breach, with the unit's head
	// (e.g. "Inspektorat Daerah Kota Bontang").
	SupervisingOffice string `json:"supervising_office"`
	// SupervisingOfficeEmail is where the office's notices of escalations
	// are e-mailed; empty: the office is not e-mailed.
	SupervisingOfficeEmail string `json:"supervising_office_email,omitempty"`
	Grades                 Grades `json:"grades"`
}

// Defaults are domain.md's deadlines; information requests get the PPID's
// 10 working days (UU 14/2008).
func Defaults() Settings {
	ten := 10
	return Settings{
		Days:              Days{Verify: 3, FollowUp: 5, AutoComplete: 10, Hold: 30, Completion: 60},
		Kinds:             map[domain.Kind]Override{domain.KindInformationRequest: {FollowUp: &ten}},
		Categories:        map[string]Override{},
		SupervisingOffice: "Inspektorat Daerah",
		Grades:            Grades{Good: 80, Fair: 50},
	}
}

// For returns the days that apply to a report of kind k in the category
// with code category ("" for none).
func (s Settings) For(k domain.Kind, category string) Days {
	d := s.Days
	if o, ok := s.Kinds[k]; ok {
		d = o.apply(d)
	}
	if category != "" {
		if o, ok := s.Categories[category]; ok {
			d = o.apply(d)
		}
	}
	return d
}

// Clone returns a deep copy.
func (s Settings) Clone() Settings {
	c := s
	c.Kinds = maps.Clone(s.Kinds)
	c.Categories = maps.Clone(s.Categories)
	if c.Kinds == nil {
		c.Kinds = map[domain.Kind]Override{}
	}
	if c.Categories == nil {
		c.Categories = map[string]Override{}
	}
	return c
}

// Validate checks every value, naming each faulty field with a catalogue
// key: days outside 1..365, unknown kinds, bad category codes, a bad
// office name, or grade thresholds that are not 0 <= fair < good <= 100.
func (s Settings) Validate() error {
	f := domain.FieldErrors{}
	checkDays(f, "", s.Days)
	for k, o := range s.Kinds {
		if !k.Valid() {
			f.Add("kinds."+string(k), "field.kind.unknown")
			continue
		}
		checkOverride(f, "kinds."+string(k)+".", o)
	}
	for c, o := range s.Categories {
		if !domain.ValidCode(c) {
			f.Add("categories."+c, "field.code.invalid")
			continue
		}
		checkOverride(f, "categories."+c+".", o)
	}
	if e := s.SupervisingOfficeEmail; e != "" && !domain.ValidEmail(e) {
		f.Add("supervising_office_email", "field.email.invalid")
	}
	office := strings.TrimSpace(s.SupervisingOffice)
	switch {
	case office == "":
		f.Add("supervising_office", "field.required")
	case !utf8.ValidString(office):
		f.Add("supervising_office", "field.utf8")
	case utf8.RuneCountInString(office) > 200:
		f.Add("supervising_office", "field.too_long")
	case strings.IndexFunc(office, unicode.IsControl) >= 0:
		f.Add("supervising_office", "field.control_chars")
	}
	g := s.Grades
	if !(g.Good >= 0 && g.Good <= 100) {
		f.Add("grades.good", "field.grade.range")
	}
	if !(g.Fair >= 0 && g.Fair <= 100) {
		f.Add("grades.fair", "field.grade.range")
	} else if !(g.Fair < g.Good) {
		f.Add("grades.fair", "field.grade.order")
	}
	return f.Err()
}

func checkDays(f domain.FieldErrors, prefix string, d Days) {
	check := func(name string, v int) {
		if v < MinDays || v > MaxDays {
			f.Add(prefix+name, "field.deadline.range")
		}
	}
	check("verify_days", d.Verify)
	check("follow_up_days", d.FollowUp)
	check("auto_complete_days", d.AutoComplete)
	check("hold_days", d.Hold)
	check("completion_days", d.Completion)
}

func checkOverride(f domain.FieldErrors, prefix string, o Override) {
	check := func(name string, v *int) {
		if v != nil && (*v < MinDays || *v > MaxDays) {
			f.Add(prefix+name, "field.deadline.range")
		}
	}
	check("verify_days", o.Verify)
	check("follow_up_days", o.FollowUp)
	check("auto_complete_days", o.AutoComplete)
	check("hold_days", o.Hold)
	check("completion_days", o.Completion)
}

// Parse reads stored settings; values missing from data keep their
// defaults, so settings saved by an older version stay usable.
func Parse(data string) (Settings, error) {
	s := Defaults()
	if strings.TrimSpace(data) == "" {
		return s, nil
	}
	if err := Merge(&s, []byte(data)); err != nil {
		return Defaults(), err
	}
	return s, nil
}

// Merge applies a JSON document to s: fields present replace the current
// values, fields absent keep them; a "kinds" or "categories" object given
// replaces the whole map. It does not validate.
func Merge(s *Settings, data []byte) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return err
	}
	next := s.Clone()
	if _, ok := top["kinds"]; ok {
		next.Kinds = map[domain.Kind]Override{}
	}
	if _, ok := top["categories"]; ok {
		next.Categories = map[string]Override{}
	}
	if err := json.Unmarshal(data, &next); err != nil {
		return err
	}
	next.SupervisingOffice = strings.TrimSpace(next.SupervisingOffice)
	next.SupervisingOfficeEmail = strings.TrimSpace(next.SupervisingOfficeEmail)
	*s = next.Clone()
	return nil
}
