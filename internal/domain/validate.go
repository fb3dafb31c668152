package domain

import (
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Input limits, in characters.
const (
	MaxTitle    = 200
	MaxBody     = 10000
	MaxMessage  = 10000
	MaxName     = 100
	MaxEmail    = 254
	MaxAddress  = 500
	MaxAreaName = 100
	MaxUnitName = 200
	MinTitle    = 5
	MinBody     = 10
)

// Submission is what a reporter sends to file a report.
type Submission struct {
	Kind         Kind
	Title        string
	Body         string
	Category     string // category code, optional
	Unit         string // unit code, optional
	IncidentDate string // YYYY-MM-DD, optional
	Location     Location
	Anonymous    bool
	Confidential bool
	ShowName     bool
	Reporter     Identity
	Information  *Information // information requests only (inforequest.go)
	Channel      Channel
}

// Normalize trims spaces and applies privacy precedence: an anonymous
// report never shows a name.
func (s *Submission) Normalize() {
	s.Title = strings.TrimSpace(s.Title)
	s.Body = strings.TrimSpace(s.Body)
	s.Category = NormalizeCode(s.Category)
	s.Unit = NormalizeCode(s.Unit)
	s.IncidentDate = strings.TrimSpace(s.IncidentDate)
	s.Location.Address = strings.TrimSpace(s.Location.Address)
	s.Location.Kelurahan = strings.TrimSpace(s.Location.Kelurahan)
	s.Location.Kecamatan = strings.TrimSpace(s.Location.Kecamatan)
	s.Reporter.Name = strings.TrimSpace(s.Reporter.Name)
	s.Reporter.Email = strings.TrimSpace(s.Reporter.Email)
	s.Reporter.Phone = strings.TrimSpace(s.Reporter.Phone)
	if s.Anonymous {
		s.ShowName = false
	}
	if s.Information != nil {
		s.Information.Normalize()
	}
	if s.Channel == "" {
		s.Channel = ChannelAPI
	}
}

// Validate checks every field; today is the current date in the instance's
// time zone (an incident cannot be in the future).
func (s *Submission) Validate(today time.Time) error {
	f := FieldErrors{}
	if !s.Kind.Valid() {
		if s.Kind == "" {
			f.Add("kind", "field.required")
		} else {
			f.Add("kind", "field.kind.unknown")
		}
	}
	checkText(f, "title", s.Title, MinTitle, MaxTitle, false)
	checkText(f, "body", s.Body, MinBody, MaxBody, true)
	if s.Category != "" && !ValidCode(s.Category) {
		f.Add("category", "field.code.invalid")
	}
	if s.Unit != "" && !ValidCode(s.Unit) {
		f.Add("unit", "field.code.invalid")
	}
	if s.IncidentDate != "" {
		d, err := time.Parse("2006-01-02", s.IncidentDate)
		switch {
		case err != nil:
			f.Add("incident_date", "field.date.invalid")
		case d.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)):
			f.Add("incident_date", "field.date.future")
		case d.Year() < 1945:
			f.Add("incident_date", "field.date.invalid")
		}
	}
	checkText(f, "location.address", s.Location.Address, 0, MaxAddress, false)
	checkText(f, "location.kelurahan", s.Location.Kelurahan, 0, MaxAreaName, false)
	checkText(f, "location.kecamatan", s.Location.Kecamatan, 0, MaxAreaName, false)
	if (s.Location.Lat == nil) != (s.Location.Lon == nil) {
		f.Add("location", "field.location.pair")
	}
	if s.Location.Lat != nil && !(*s.Location.Lat >= -90 && *s.Location.Lat <= 90) {
		f.Add("location.lat", "field.location.lat")
	}
	if s.Location.Lon != nil && !(*s.Location.Lon >= -180 && *s.Location.Lon <= 180) {
		f.Add("location.lon", "field.location.lon")
	}
	ValidateIdentity(f, s.Reporter)
	validateInformation(f, s.Kind, s.Information)
	if s.ShowName && s.Reporter.Name == "" {
		f.Add("reporter.name", "field.name.required_to_show")
	}
	return f.Err()
}

// ValidateIdentity checks optional contact details.
func ValidateIdentity(f FieldErrors, id Identity) {
	checkText(f, "reporter.name", id.Name, 0, MaxName, false)
	if id.Email != "" {
		if !ValidEmail(id.Email) {
			f.Add("reporter.email", "field.email.invalid")
		}
	}
	if id.Phone != "" && !ValidPhone(id.Phone) {
		f.Add("reporter.phone", "field.phone.invalid")
	}
}

// ValidEmail accepts a bare address such as budi@example.id.
func ValidEmail(s string) bool {
	if len(s) > MaxEmail || !utf8.ValidString(s) {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.ContainsAny(s, " <>")
}

// ValidPhone accepts 8 to 15 digits with an optional leading + and
// spaces, dots or dashes between groups.
func ValidPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '.':
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15
}

// CheckMessage validates free text attached to an action.
func CheckMessage(f FieldErrors, field, s string, required bool) {
	min := 0
	if required {
		min = 1
	}
	checkText(f, field, s, min, MaxMessage, true)
}

// TooShortKey is the message key of a text shorter than min characters;
// it carries the number, which the message states (i18n.T).
func TooShortKey(min int) string { return "field.min_chars." + strconv.Itoa(min) }

// TooLongKey is the message key of a text longer than max characters.
func TooLongKey(max int) string { return "field.max_chars." + strconv.Itoa(max) }

// checkText validates length in characters, UTF-8 and control characters.
func checkText(f FieldErrors, field, s string, min, max int, multiline bool) {
	if !utf8.ValidString(s) {
		f.Add(field, "field.utf8")
		return
	}
	if len(s) > 4*max { // cheap early exit before counting runes
		f.Add(field, TooLongKey(max))
		return
	}
	n := utf8.RuneCountInString(s)
	if n == 0 && min > 0 {
		f.Add(field, "field.required")
		return
	}
	if n < min {
		f.Add(field, TooShortKey(min))
		return
	}
	if n > max {
		f.Add(field, TooLongKey(max))
		return
	}
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			if !multiline && r != '\t' {
				f.Add(field, "field.control_chars")
				return
			}
			continue
		}
		if unicode.IsControl(r) {
			f.Add(field, "field.control_chars")
			return
		}
	}
}
