package service

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/workdays"
)

// Calendar years admins may edit: anything else is surely a typing error.
const (
	MinCalendarYear = 2000
	MaxCalendarYear = 2100
)

// CalendarYear is one year of the working-day calendar.
type CalendarYear struct {
	Year        int
	Holidays    []workdays.Holiday // non-working days other than weekends
	OnWeekends  []workdays.Holiday // listed holidays that fall on a Saturday or Sunday
	WorkingDays int                // Monday to Friday minus holidays
}

// CalendarOf returns a year of the calendar; anyone may read it.
func (s *Service) CalendarOf(ctx context.Context, v Viewer, year int) (_ *CalendarYear, err error) {
	defer domain.Wrap(&err, "service.CalendarOf(%v)", year)
	if err := authorize(v, domain.PermReadDirectory); err != nil {
		return nil, err
	}
	if year < MinCalendarYear || year > MaxCalendarYear {
		return nil, domain.InvalidField("year", "field.calendar.year_range")
	}
	hs, err := s.store.ListHolidays(ctx)
	if err != nil {
		return nil, err
	}
	out := &CalendarYear{Year: year, Holidays: []workdays.Holiday{}, OnWeekends: []workdays.Holiday{}}
	for _, h := range hs {
		if h.Date.Year != year {
			continue
		}
		if wd := h.Date.Weekday(); wd == 0 || wd == 6 {
			out.OnWeekends = append(out.OnWeekends, h)
		} else {
			out.Holidays = append(out.Holidays, h)
		}
	}
	cal := workdays.New(s.cfg.Location, hs)
	jan1 := workdays.Date{Year: year, Month: 1, Day: 1}
	out.WorkingDays = cal.CountWorkingDays(jan1.AddDays(-1), workdays.Date{Year: year, Month: 12, Day: 31})
	return out, nil
}

// HolidayInput is a day off an admin adds.
type HolidayInput struct {
	Date string // YYYY-MM-DD
	Kind string // libur_nasional (default), cuti_bersama, libur_daerah, other
	Name string
}

func (in HolidayInput) parse() (workdays.Holiday, error) {
	f := domain.FieldErrors{}
	var h workdays.Holiday
	d, err := workdays.ParseDate(strings.TrimSpace(in.Date))
	switch {
	case strings.TrimSpace(in.Date) == "":
		f.Add("date", "field.required")
	case err != nil:
		f.Add("date", "field.date.invalid")
	case d.Year < MinCalendarYear || d.Year > MaxCalendarYear:
		f.Add("date", "field.calendar.year_range")
	}
	h.Date = d
	h.Kind = workdays.HolidayKind(strings.ToLower(strings.TrimSpace(in.Kind)))
	if h.Kind == "" {
		h.Kind = workdays.KindLiburNasional
	} else if !h.Kind.Valid() {
		f.Add("kind", "field.holiday.kind")
	}
	h.Name = strings.Join(strings.Fields(in.Name), " ")
	switch {
	case !utf8.ValidString(in.Name):
		f.Add("name", "field.utf8")
	case h.Name == "":
		f.Add("name", "field.required")
	case utf8.RuneCountInString(h.Name) > workdays.MaxNameLen:
		f.Add("name", "field.too_long")
	case strings.IndexFunc(h.Name, unicode.IsControl) >= 0:
		f.Add("name", "field.control_chars")
	}
	return h, f.Err()
}

// CalendarChange tells what a change of the policy did.
type CalendarChange struct {
	Holidays    []workdays.Holiday // the holidays added or imported
	Rescheduled int                // open reports whose deadlines moved
}

// AddHoliday adds a day off and moves the deadlines of open reports.
func (s *Service) AddHoliday(ctx context.Context, v Viewer, in HolidayInput) (_ *CalendarChange, err error) {
	defer domain.Wrap(&err, "service.AddHoliday")
	if err := authorize(v, domain.PermManagePolicy); err != nil {
		return nil, err
	}
	h, err := in.parse()
	if err != nil {
		return nil, err
	}
	if err := s.store.AddHoliday(ctx, h, s.now()); err != nil {
		return nil, err
	}
	n, err := s.policyChanged(ctx)
	if err != nil {
		return nil, err
	}
	return &CalendarChange{Holidays: []workdays.Holiday{h}, Rescheduled: n}, nil
}

// RemoveHoliday makes a day a working day again (if it is a weekday).
func (s *Service) RemoveHoliday(ctx context.Context, v Viewer, date string) (_ *CalendarChange, err error) {
	defer domain.Wrap(&err, "service.RemoveHoliday(%q)", date)
	if err := authorize(v, domain.PermManagePolicy); err != nil {
		return nil, err
	}
	d, err := workdays.ParseDate(strings.TrimSpace(date))
	if err != nil {
		return nil, domain.InvalidField("date", "field.date.invalid")
	}
	if err := s.store.RemoveHoliday(ctx, d, s.now()); err != nil {
		return nil, err
	}
	n, err := s.policyChanged(ctx)
	if err != nil {
		return nil, err
	}
	return &CalendarChange{Holidays: []workdays.Holiday{}, Rescheduled: n}, nil
}

// Holiday file formats for ImportHolidays.
const (
	FormatCSV  = "csv"
	FormatICal = "ical"
)

// ImportHolidays reads a CSV (date,kind,name) or iCalendar file and stores
// every holiday in it, all or nothing: any problem in the file changes
// nothing and is reported per line. format may be "" to detect it. With
// replaceYears, the years the file covers are cleared first.
func (s *Service) ImportHolidays(ctx context.Context, v Viewer, data []byte, format string, replaceYears bool) (_ *CalendarChange, err error) {
	defer domain.Wrap(&err, "service.ImportHolidays(%q, %v)", format, replaceYears)
	if err := authorize(v, domain.PermManagePolicy); err != nil {
		return nil, err
	}
	if format == "" {
		format = FormatCSV
		if bytes.Contains(bytes.ToUpper(data[:min(len(data), 4096)]), []byte("BEGIN:VCALENDAR")) {
			format = FormatICal
		}
	}
	var hs []workdays.Holiday
	switch format {
	case FormatCSV:
		hs, err = workdays.ParseCSV(bytes.NewReader(data))
	case FormatICal:
		hs, err = workdays.ParseICal(bytes.NewReader(data))
	default:
		return nil, domain.InvalidField("format", "field.calendar.format")
	}
	if err != nil {
		return nil, parseProblems(err)
	}
	f := domain.FieldErrors{}
	for _, h := range hs {
		if h.Date.Year < MinCalendarYear || h.Date.Year > MaxCalendarYear {
			f.Add(h.Date.String(), "field.calendar.year_range")
		}
	}
	if len(hs) == 0 {
		f.Add("file", "field.calendar.empty")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := s.store.ImportHolidays(ctx, hs, replaceYears, s.now()); err != nil {
		return nil, err
	}
	n, err := s.policyChanged(ctx)
	if err != nil {
		return nil, err
	}
	return &CalendarChange{Holidays: hs, Rescheduled: n}, nil
}

// parseProblems turns the parser's problems into field errors named
// "line N" (or "file"), each with a catalogue key per reason.
func parseProblems(err error) error {
	var pes workdays.ParseErrors
	if !errors.As(err, &pes) {
		return domain.InvalidField("file", "field.calendar.unreadable")
	}
	f := domain.FieldErrors{}
	for _, pe := range pes {
		field := "file"
		if pe.Line > 0 {
			field = fmt.Sprintf("line %d", pe.Line)
		}
		f.Add(field, calendarReasonKey(pe.Reason))
	}
	return f.Err()
}

func calendarReasonKey(reason string) string {
	switch reason {
	case workdays.ReasonEmpty:
		return "field.calendar.empty"
	case workdays.ReasonTooLarge:
		return "field.calendar.too_large"
	case workdays.ReasonMissingHeader:
		return "field.calendar.missing_header"
	case workdays.ReasonInvalidDate:
		return "field.calendar.invalid_date"
	case workdays.ReasonUnknownKind:
		return "field.calendar.unknown_kind"
	case workdays.ReasonEmptyName, workdays.ReasonNameTooLong, workdays.ReasonInvalidName, workdays.ReasonInvalidUTF8:
		return "field.calendar.invalid_name"
	case workdays.ReasonDuplicateDate:
		return "field.calendar.duplicate_date"
	case workdays.ReasonTooManyRows:
		return "field.calendar.too_many"
	case workdays.ReasonUnsupported:
		return "field.calendar.unsupported"
	}
	return "field.calendar.syntax"
}

// SettingsOf returns the deadline settings; admins and supervisors may
// read them.
func (s *Service) SettingsOf(ctx context.Context, v Viewer) (_ deadline.Settings, err error) {
	defer domain.Wrap(&err, "service.SettingsOf")
	if err := authorize(v, domain.PermReadPolicy); err != nil {
		return deadline.Settings{}, err
	}
	if err := s.refreshPolicyNow(ctx, false); err != nil {
		return deadline.Settings{}, err
	}
	return s.deadlineSettings(), nil
}

// SettingsChange tells what an update of the settings did.
type SettingsChange struct {
	Settings    deadline.Settings
	Rescheduled int
}

// UpdateDeadlineSettings applies a JSON document to the deadline settings
// (fields absent keep their values), validates the whole, stores it and
// moves the deadlines of open reports. Any error changes nothing.
func (s *Service) UpdateDeadlineSettings(ctx context.Context, v Viewer, data []byte) (_ *SettingsChange, err error) {
	defer domain.Wrap(&err, "service.UpdateDeadlineSettings")
	if err := authorize(v, domain.PermManagePolicy); err != nil {
		return nil, err
	}
	if err := s.refreshPolicyNow(ctx, false); err != nil {
		return nil, err
	}
	next := s.deadlineSettings()
	if err := deadline.Merge(&next, data); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return nil, domain.InvalidField(strings.TrimPrefix(te.Field, "Days."), "field.json.type")
		}
		return nil, domain.Errorf(domain.CodeInvalid, "error.malformed_json")
	}
	if err := next.Validate(); err != nil {
		return nil, err
	}
	if len(next.Categories) > 0 {
		cats, err := s.store.ListCategories(ctx)
		if err != nil {
			return nil, err
		}
		known := map[string]bool{}
		for _, c := range cats {
			known[c.Code] = true
		}
		f := domain.FieldErrors{}
		for code := range next.Categories {
			if !known[code] {
				f.Add("categories."+code, "field.category.unknown")
			}
		}
		if err := f.Err(); err != nil {
			return nil, err
		}
	}
	data, err = json.Marshal(next)
	if err != nil {
		return nil, err
	}
	if err := s.store.PutPolicySetting(ctx, deadlineSettingsKey, string(data), s.now()); err != nil {
		return nil, err
	}
	n, err := s.policyChanged(ctx)
	if err != nil {
		return nil, err
	}
	return &SettingsChange{Settings: s.deadlineSettings(), Rescheduled: n}, nil
}
