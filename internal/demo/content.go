package demo

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
)

// The demo's content lives in data/ as JSON: Bontang's units, the staff
// accounts, its kelurahan, the names citizens go by, the kinds of report
// they file and every message staff and citizens write. It is decoded
// once, when the package is initialised; a file that does not decode, has
// a field the demo does not know or refers to something that does not
// exist is a bug in the program, so it panics.
//
//go:embed data/*.json
var dataFS embed.FS

// The content, as decoded from data/.
var (
	units      []unitDef   // units.json, parents first
	staff      []staffDef  // staff.json
	kelurahans []kelurahan // kelurahan.json
	themes     []theme     // themes.json

	// names.json
	firstNames, lastNames []string

	// messages.json
	durations       []string          // what {hari} becomes
	closings        []string          // sometimes added at the end of a body
	holds           []hold            // an admin's request for more, and the answer
	archiveMessages map[string]string // by archive reason
	junkTexts       map[string][]junk // the content of reports archived as spam or unintelligible
	staffTexts      staffMessages     // the admin's and officers' routing messages
	officerNotes    []string          // an officer's internal notes
	replies         []string          // a complainant's reply to a follow-up
	otherReplies    []string          // the same, for aspirations and requests for information
	reopenMessages  []string          // why a completed report is reopened
	thanks          map[int][]string  // a reporter's closing words, by rating
)

func init() {
	c, err := loadContent(dataFS)
	if err != nil {
		panic(err)
	}
	c.install()
}

// content is everything in data/, decoded.
type content struct {
	units      []unitDef
	staff      []staffDef
	kelurahans []kelurahan
	themes     []theme
	names      namesFile
	messages   messagesFile
}

// files are the files in data/ and where each is decoded to. Every file
// there must be listed; loadContent refuses any other.
func (c *content) files() map[string]any {
	return map[string]any{
		"units.json":     &c.units,
		"staff.json":     &c.staff,
		"kelurahan.json": &c.kelurahans,
		"names.json":     &c.names,
		"themes.json":    &c.themes,
		"messages.json":  &c.messages,
	}
}

// loadContent decodes the files in fsys's data/ directory and checks
// that they hold together.
func loadContent(fsys fs.FS) (*content, error) {
	c := &content{}
	files := c.files()
	entries, err := fs.ReadDir(fsys, "data")
	if err != nil {
		return nil, fmt.Errorf("demo: content: %w", err)
	}
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			return nil, fmt.Errorf("demo: content: data/%s is not read by the demo", e.Name())
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		v := files[name]
		b, err := fs.ReadFile(fsys, "data/"+name)
		if err != nil {
			return nil, fmt.Errorf("demo: content: %w", err)
		}
		if err := decodeStrict(b, v); err != nil {
			return nil, fmt.Errorf("demo: content: data/%s: %w", name, err)
		}
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("demo: content: %w", err)
	}
	return c, nil
}

// install makes c the content the demo is generated from.
func (c *content) install() {
	units, staff, kelurahans, themes = c.units, c.staff, c.kelurahans, c.themes
	firstNames, lastNames = c.names.First, c.names.Last
	m := &c.messages
	durations, closings, holds = m.Durations, m.Closings, m.Holds
	archiveMessages, junkTexts, staffTexts = m.Archive, m.Junk, m.Staff
	officerNotes, replies, otherReplies, reopenMessages = m.OfficerNotes, m.Replies, m.OtherReplies, m.Reopen
	thanks = m.Thanks
}

// decodeStrict decodes one JSON value into v, refusing unknown fields and
// anything after the value.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}

// ---------------------------------------------------------------------
// The shapes of the content

type unitDef struct{ code, name, parent string }

func (u *unitDef) UnmarshalJSON(b []byte) error {
	var v struct {
		Code, Name, Parent string
	}
	if err := decodeStrict(b, &v); err != nil {
		return err
	}
	*u = unitDef{code: v.Code, name: v.Name, parent: v.Parent}
	return nil
}

type staffDef struct {
	email, name string
	role        domain.Role
	unit        string
}

func (s *staffDef) UnmarshalJSON(b []byte) error {
	var v struct {
		Email, Name string
		Role        domain.Role
		Unit        string
	}
	if err := decodeStrict(b, &v); err != nil {
		return err
	}
	*s = staffDef{email: v.Email, name: v.Name, role: v.Role, unit: v.Unit}
	return nil
}

// kelurahan is a village-level area of the city: where reports are about.
type kelurahan struct {
	name, kec string
	lat, lon  float64
	pkm       string   // unit code of its puskesmas
	streets   []string // what {jalan} becomes
	marks     []string // landmarks: what {lokasi} becomes
}

func (k *kelurahan) UnmarshalJSON(b []byte) error {
	var v struct {
		Name, Kecamatan    string
		Lat, Lon           float64
		Puskesmas          string
		Streets, Landmarks []string
	}
	if err := decodeStrict(b, &v); err != nil {
		return err
	}
	*k = kelurahan{name: v.Name, kec: v.Kecamatan, lat: v.Lat, lon: v.Lon, pkm: v.Puskesmas, streets: v.Streets, marks: v.Landmarks}
	return nil
}

// theme is a kind of report with its texts, category and the units that
// handle (or wrongly receive) it.
type theme struct {
	key        string
	kind       domain.Kind
	category   [2]string // top-level name, sub-category name ("" for the top level)
	unit       string    // the unit that handles it; "{pkm}" style themes use unit from the place
	wrong      string    // a unit it may be routed to by mistake
	escalate   string    // a unit it may be passed on to
	sensitive  bool      // often anonymous and confidential
	weight     int
	places     []string // kelurahan where it happens most
	titles     []string
	bodies     []string
	followUps  []string
	returnMsgs []string
}

func (th *theme) UnmarshalJSON(b []byte) error {
	var v struct {
		Key      string
		Kind     domain.Kind
		Category struct {
			Top, Sub string
		}
		Unit, Wrong, Escalate string
		Sensitive             bool
		Weight                int
		Places                []string
		Titles, Bodies        []string
		FollowUps             []string `json:"follow_ups"`
		ReturnMessages        []string `json:"return_messages"`
	}
	if err := decodeStrict(b, &v); err != nil {
		return err
	}
	*th = theme{
		key: v.Key, kind: v.Kind, category: [2]string{v.Category.Top, v.Category.Sub},
		unit: v.Unit, wrong: v.Wrong, escalate: v.Escalate, sensitive: v.Sensitive, weight: v.Weight,
		places: v.Places, titles: v.Titles, bodies: v.Bodies, followUps: v.FollowUps, returnMsgs: v.ReturnMessages,
	}
	return nil
}

// hold is what an admin asks for when putting a report on hold, with the
// reporter's answer.
type hold struct {
	Ask    string `json:"ask"`
	Answer string `json:"answer"`
}

// junk is the title and body of a report that is not one.
type junk struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// staffMessages are what staff write when routing a report; {unit} is the
// name of the unit it goes to.
type staffMessages struct {
	Verified  string `json:"verified"`  // verified and routed
	Reminded  string `json:"reminded"`  // the admin's note on a report a unit sits on
	Forwarded string `json:"forwarded"` // an officer passes it to the right unit
	Rerouted  string `json:"rerouted"`  // the admin corrects a routing
	Escalated string `json:"escalated"` // an officer passes it on, beyond the unit's means
}

// unit returns msg with {unit} replaced by the name of the unit code.
func (staffMessages) unit(msg, code string) string {
	return strings.ReplaceAll(msg, "{unit}", unitName(code))
}

type namesFile struct {
	First []string `json:"first"`
	Last  []string `json:"last"`
}

type messagesFile struct {
	Durations    []string          `json:"durations"`
	Closings     []string          `json:"closings"`
	Holds        []hold            `json:"holds"`
	Archive      map[string]string `json:"archive"`
	Junk         map[string][]junk `json:"junk"`
	Staff        staffMessages     `json:"staff"`
	OfficerNotes []string          `json:"officer_notes"`
	Replies      []string          `json:"replies"`
	OtherReplies []string          `json:"other_replies"`
	Reopen       []string          `json:"reopen"`
	Thanks       map[int][]string  `json:"thanks"`
}

// ---------------------------------------------------------------------
// Checking the content

// placeholders are what texts may contain in braces: the place words
// (see place.replacer), {pkm} as a theme's unit, and {unit} in staff
// messages.
var (
	placeholderRE = regexp.MustCompile(`\{[^{}]*\}`)
	placeWords    = []string{"{jalan}", "{kel}", "{kec}", "{lokasi}", "{rt}", "{pkm}", "{hari}", "{sd}"}
)

// check reports everything in c that does not hold together: a
// reference to a unit, kelurahan or role that does not exist, an empty
// list something is picked from, or a placeholder no one fills.
func (c *content) check() error {
	var ck checker
	parents := c.checkUnits(&ck)
	c.checkStaff(&ck, parents)
	kels := c.checkPlaces(&ck, parents)
	c.checkThemes(&ck, parents, kels)
	c.messages.check(&ck)
	return errors.Join(ck.errs...)
}

// checker collects what is wrong with the content.
type checker struct{ errs []error }

func (ck *checker) bad(format string, args ...any) {
	ck.errs = append(ck.errs, fmt.Errorf(format, args...))
}

func (ck *checker) nonEmpty(what string, n int) {
	if n == 0 {
		ck.bad("%s: empty", what)
	}
}

// texts checks that every placeholder in list is one of words.
func (ck *checker) texts(what string, words []string, list ...string) {
	for _, s := range list {
		if strings.Count(s, "{") != strings.Count(s, "}") {
			ck.bad("%s: unbalanced braces in %q", what, s)
		}
		for _, w := range placeholderRE.FindAllString(s, -1) {
			if !slices.Contains(words, w) {
				ck.bad("%s: unknown placeholder %s in %q", what, w, s)
			}
		}
	}
}

// checkUnits checks that units have codes and names and come after their
// parents, and returns each unit's parent code by unit code.
func (c *content) checkUnits(ck *checker) map[string]string {
	parents := map[string]string{}
	for _, u := range c.units {
		_, seen := parents[u.code]
		_, parentSeen := parents[u.parent]
		switch {
		case u.code == "" || u.name == "":
			ck.bad("units: %q without code or name", u.code)
		case seen:
			ck.bad("units: %s twice", u.code)
		case u.parent != "" && !parentSeen:
			ck.bad("units: %s listed before its parent %s", u.code, u.parent)
		}
		parents[u.code] = u.parent
	}
	return parents
}

func (c *content) checkStaff(ck *checker, parents map[string]string) {
	if len(c.staff) == 0 || c.staff[0].role != domain.RoleAdmin {
		ck.bad("staff: the first account is not the admin")
	}
	for _, s := range c.staff {
		if !s.role.ValidStaff() {
			ck.bad("staff %s: role %q", s.email, s.role)
		}
		if _, ok := parents[s.unit]; !ok {
			ck.bad("staff %s: unknown unit %s", s.email, s.unit)
		}
	}
}

// covered reports whether an officer covers unit, directly or through a
// parent unit (as officerUnit does for the installed content).
func (c *content) covered(unit string, parents map[string]string) bool {
	for u := unit; u != ""; u = parents[u] {
		for _, s := range c.staff {
			if s.role == domain.RoleOfficer && s.unit == u {
				return true
			}
		}
	}
	return false
}

// checkPlaces checks the kelurahan and the names, and returns the set of
// kelurahan names.
func (c *content) checkPlaces(ck *checker, parents map[string]string) map[string]bool {
	kels := map[string]bool{}
	ck.nonEmpty("kelurahan", len(c.kelurahans))
	for _, k := range c.kelurahans {
		if _, ok := parents[k.pkm]; !ok {
			ck.bad("kelurahan %s: unknown puskesmas %s", k.name, k.pkm)
		}
		if kels[k.name] {
			ck.bad("kelurahan %s: twice", k.name)
		}
		ck.nonEmpty("kelurahan "+k.name+": streets", len(k.streets))
		ck.nonEmpty("kelurahan "+k.name+": landmarks", len(k.marks))
		kels[k.name] = true
	}
	ck.nonEmpty("names: first", len(c.names.First))
	ck.nonEmpty("names: last", len(c.names.Last))
	return kels
}

func (c *content) checkThemes(ck *checker, parents map[string]string, kels map[string]bool) {
	ck.nonEmpty("themes", len(c.themes))
	known := func(unit string) bool { _, ok := parents[unit]; return ok }
	keys := map[string]bool{}
	for _, th := range c.themes {
		what := "theme " + th.key
		if th.key == "" || keys[th.key] {
			ck.bad("%s: no key, or the key twice", what)
		}
		keys[th.key] = true
		if !th.kind.Valid() {
			ck.bad("%s: kind %q", what, th.kind)
		}
		if th.unit != "{pkm}" && !known(th.unit) {
			ck.bad("%s: unknown unit %s", what, th.unit)
		}
		if th.wrong != "" && (!known(th.wrong) || th.wrong == th.unit) {
			ck.bad("%s: bad wrong unit %s", what, th.wrong)
		}
		if th.escalate != "" && !known(th.escalate) {
			ck.bad("%s: unknown escalation unit %s", what, th.escalate)
		}
		if th.weight <= 0 {
			ck.bad("%s: weight %d", what, th.weight)
		}
		for _, p := range th.places {
			if !kels[p] {
				ck.bad("%s: unknown kelurahan %s", what, p)
			}
		}
		ck.nonEmpty(what+": titles", len(th.titles))
		ck.nonEmpty(what+": bodies", len(th.bodies))
		if (th.unit == "{pkm}" || c.covered(th.unit, parents)) && len(th.followUps) == 0 {
			ck.bad("%s: handled by an officer but has no follow-up texts", what)
		}
		if th.wrong != "" && c.covered(th.wrong, parents) && len(th.returnMsgs) == 0 {
			ck.bad("%s: may be misrouted to an officer but has no return texts", what)
		}
		ck.texts(what, placeWords, th.titles...)
		ck.texts(what, placeWords, th.bodies...)
		ck.texts(what, placeWords, th.followUps...)
		ck.texts(what, placeWords, th.returnMsgs...)
	}
}

func (m *messagesFile) check(ck *checker) {
	ck.nonEmpty("messages: durations", len(m.Durations))
	ck.nonEmpty("messages: closings", len(m.Closings))
	ck.nonEmpty("messages: holds", len(m.Holds))
	ck.nonEmpty("messages: officer_notes", len(m.OfficerNotes))
	ck.nonEmpty("messages: replies", len(m.Replies))
	ck.nonEmpty("messages: other_replies", len(m.OtherReplies))
	ck.nonEmpty("messages: reopen", len(m.Reopen))
	ck.texts("messages: durations", nil, m.Durations...)
	ck.texts("messages: closings", placeWords, m.Closings...)
	for _, h := range m.Holds {
		ck.texts("messages: holds", nil, h.Ask)
		ck.texts("messages: holds", placeWords, h.Answer)
	}
	ck.texts("messages: officer_notes", nil, m.OfficerNotes...)
	ck.texts("messages: replies", placeWords, m.Replies...)
	ck.texts("messages: other_replies", placeWords, m.OtherReplies...)
	ck.texts("messages: reopen", placeWords, m.Reopen...)
	for _, s := range []string{m.Staff.Verified, m.Staff.Reminded, m.Staff.Forwarded, m.Staff.Rerouted, m.Staff.Escalated} {
		if !strings.Contains(s, "{unit}") {
			ck.bad("messages: staff: %q does not name the {unit}", s)
		}
		ck.texts("messages: staff", []string{"{unit}"}, s)
	}
	for _, r := range archiveReasons {
		if m.Archive[r] == "" {
			ck.bad("messages: archive: no message for %s", r)
		}
	}
	for r := range m.Archive {
		if !slices.Contains(archiveReasons, r) {
			ck.bad("messages: archive: %s is not a reason the demo archives for", r)
		}
	}
	for _, r := range []string{"spam", "unintelligible"} {
		ck.nonEmpty("messages: junk: "+r, len(m.Junk[r]))
	}
	if len(m.Junk) != 2 {
		ck.bad("messages: junk: reasons other than spam and unintelligible")
	}
	for rating := 1; rating <= 5; rating++ {
		ck.nonEmpty(fmt.Sprintf("messages: thanks: %d", rating), len(m.Thanks[rating]))
	}
	if len(m.Thanks) != 5 {
		ck.bad("messages: thanks: ratings other than 1 to 5")
	}
}
