package domain

import (
	"strings"
	"testing"
	"time"
)

func validSubmission() Submission {
	lat, lon := 0.13, 117.49
	return Submission{Kind: KindComplaint, Title: "Lampu jalan mati", Body: "Sudah seminggu gelap total.",
		IncidentDate: "2026-11-20", Location: Location{Address: "Jl. Ahmad Yani", Lat: &lat, Lon: &lon},
		Reporter: Identity{Name: "Budi", Email: "budi@example.id", Phone: "+62 812-3456-7890"}}
}

func TestSubmissionValidation(t *testing.T) {
	today := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	bad := func(x float64) *float64 { return &x }
	cases := map[string]struct {
		edit  func(*Submission)
		field string
	}{
		"valid":            {func(s *Submission) {}, ""},
		"no kind":          {func(s *Submission) { s.Kind = "" }, "kind"},
		"unknown kind":     {func(s *Submission) { s.Kind = "rant" }, "kind"},
		"short title":      {func(s *Submission) { s.Title = "abc" }, "title"},
		"long title":       {func(s *Submission) { s.Title = strings.Repeat("a", MaxTitle+1) }, "title"},
		"newline in title": {func(s *Submission) { s.Title = "Lampu\njalan mati" }, "title"},
		"bad utf8 body":    {func(s *Submission) { s.Body = "Lampu \xff mati sejak lama" }, "body"},
		"null in body":     {func(s *Submission) { s.Body = "Lampu \x00 mati sejak lama" }, "body"},
		"30 feb":           {func(s *Submission) { s.IncidentDate = "2026-02-30" }, "incident_date"},
		"future":           {func(s *Submission) { s.IncidentDate = "2026-11-28" }, "incident_date"},
		"lat":              {func(s *Submission) { s.Location.Lat = bad(90.5) }, "location.lat"},
		"lon":              {func(s *Submission) { s.Location.Lon = bad(-200) }, "location.lon"},
		"email":            {func(s *Submission) { s.Reporter.Email = "Budi <budi@example.id>" }, "reporter.email"},
		"phone":            {func(s *Submission) { s.Reporter.Phone = "12345" }, "reporter.phone"},
		"show name, none":  {func(s *Submission) { s.ShowName = true; s.Reporter.Name = "" }, "reporter.name"},
	}
	for name, c := range cases {
		s := validSubmission()
		c.edit(&s)
		s.Normalize()
		err := s.Validate(today)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		e := AsError(err)
		if e.Code != CodeInvalid || e.Fields[c.field] == "" {
			t.Errorf("%s: want field %s, got %v", name, c.field, err)
		}
	}
	s := validSubmission()
	s.Anonymous, s.ShowName = true, true
	s.Normalize()
	if s.ShowName {
		t.Fatal("an anonymous report must never show the name")
	}
}

// set_category needs a category code; too short a text names its limit.
func TestSetCategoryInputAndLimitKeys(t *testing.T) {
	for in, want := range map[string]string{"": "field.required", "bukan kode!": "field.code.invalid", "infrastruktur-jalan": ""} {
		a := ActionInput{Action: ActionSetCategory, Category: in}
		a.Normalize()
		err := a.Validate()
		got := ""
		if e := AsError(err); e != nil {
			got = e.Fields["category"]
		}
		if got != want {
			t.Errorf("set_category with %q: %q, want %q", in, got, want)
		}
	}
	s := Submission{Kind: KindComplaint, Title: "Lampu padam", Body: "Lampu mat"}
	s.Normalize()
	if e := AsError(s.Validate(time.Now())); e == nil || e.Fields["body"] != "field.min_chars.10" {
		t.Errorf("a 9-character body: %v", s.Validate(time.Now()))
	}
}
