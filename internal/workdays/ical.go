package workdays

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// ParseICal reads holidays from an iCalendar (RFC 5545) stream, such as an
// exported holiday calendar. Each VEVENT directly inside a VCALENDAR becomes
// one holiday per day it covers:
//
//   - DTSTART is required, either a date (DTSTART;VALUE=DATE:20260101 or
//     DTSTART:20260101) or a date-time (DTSTART:20260101T000000Z, with or
//     without Z or TZID). For a date-time the date is taken as written: no
//     time-zone conversion is done.
//   - DTEND (exclusive) or DURATION make multi-day events, which expand to
//     every day they cover. For all-day events DTEND is the day after the
//     last one (RFC 5545); DTEND equal to DTSTART is read as one day. For
//     date-time events the day of DTEND is included unless DTEND is exactly
//     midnight (T000000). Without either, the event is one day.
//   - SUMMARY is required and becomes the name (TEXT escapes \\ \; \, \n are
//     decoded; white space is then collapsed as for CSV names).
//   - The kind is cuti_bersama when SUMMARY contains "cuti bersama"
//     (case-insensitive), otherwise libur_nasional.
//   - Events with STATUS:CANCELLED are skipped; recurring events (RRULE,
//     RDATE) are rejected as unsupported rather than silently misread.
//   - Other components (VTIMEZONE, VALARM inside an event, ...) and other
//     properties are ignored.
//
// Long lines may be folded (CRLF or LF followed by a space or tab). Blank
// lines and a leading byte-order mark are tolerated.
//
// The strictness matches [ParseCSV]: at most MaxInputSize bytes and MaxRows
// holidays, valid UTF-8, real dates, non-empty names of at most MaxNameLen
// characters, no date defined twice; any problem fails the whole parse with
// a [ParseErrors] giving line numbers (of the property, or of BEGIN:VEVENT
// for a missing property). On success the holidays are sorted by date.
func ParseICal(r io.Reader) ([]Holiday, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	var p problems
	if len(data) > MaxInputSize {
		p.add(0, ReasonTooLarge, "input is larger than %d bytes", MaxInputSize)
		return nil, p.err()
	}
	data = bytes.TrimPrefix(data, utf8BOM)

	lines, ok := unfoldICal(data, &p)
	if !ok {
		return nil, p.err()
	}
	if len(lines) == 0 {
		p.add(1, ReasonEmpty, "the file is empty; want BEGIN:VCALENDAR")
		return nil, p.err()
	}

	st := icalState{seen: make(map[Date]int), out: []Holiday{}, p: &p}
	for _, ln := range lines {
		if p.full() || !st.line(ln) {
			break
		}
	}
	if len(p.list) == 0 && len(st.stack) > 0 {
		p.add(lines[len(lines)-1].num, ReasonInvalidStructure, "missing END:%s", st.stack[len(st.stack)-1])
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	sortHolidays(st.out)
	return st.out, nil
}

// icalLine is one logical (unfolded) line with the number of its first
// physical line.
type icalLine struct {
	num  int
	text string
}

// unfoldICal splits data into logical lines, joining folded continuations.
func unfoldICal(data []byte, p *problems) ([]icalLine, bool) {
	var lines []icalLine
	ok := true
	num := 0
	for len(data) > 0 {
		num++
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if !utf8.Valid(raw) {
			ok = false
			if !p.add(num, ReasonInvalidUTF8, "the line is not valid UTF-8") {
				return nil, false
			}
			continue
		}
		if len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') {
			if len(lines) == 0 || lines[len(lines)-1].text == "" {
				ok = false
				if !p.add(num, ReasonSyntax, "continuation line without a line to continue") {
					return nil, false
				}
				continue
			}
			lines[len(lines)-1].text += string(raw[1:])
			continue
		}
		lines = append(lines, icalLine{num: num, text: string(raw)})
	}
	if !ok {
		return nil, false
	}
	// Drop blank lines (not allowed by RFC 5545 but common at the end).
	out := lines[:0]
	for _, l := range lines {
		if strings.TrimSpace(l.text) != "" {
			out = append(out, l)
		}
	}
	return out, true
}

// icalProp is a parsed content line: NAME;PARAM=V1,V2:VALUE.
type icalProp struct {
	line   int
	name   string              // upper case
	params map[string][]string // upper-case keys
	value  string
}

func (pr *icalProp) param(name string) string {
	if v := pr.params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// parseContentLine parses one logical line (RFC 5545 section 3.1).
func parseContentLine(l icalLine) (*icalProp, error) {
	s := l.text
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 {
		return nil, fmt.Errorf("no property name in %s", quote(s))
	}
	pr := &icalProp{line: l.num, name: strings.ToUpper(s[:i])}
	for {
		if i >= len(s) {
			return nil, fmt.Errorf("property %s has no ':'", pr.name)
		}
		if s[i] == ':' {
			pr.value = s[i+1:]
			return pr, nil
		}
		if s[i] != ';' {
			return nil, fmt.Errorf("unexpected %q after %s", s[i], pr.name)
		}
		i++
		j := i
		for i < len(s) && isNameChar(s[i]) {
			i++
		}
		if i == j || i >= len(s) || s[i] != '=' {
			return nil, fmt.Errorf("malformed parameter of %s", pr.name)
		}
		pname := strings.ToUpper(s[j:i])
		i++
		for {
			var v string
			if i < len(s) && s[i] == '"' {
				k := strings.IndexByte(s[i+1:], '"')
				if k < 0 {
					return nil, fmt.Errorf("unterminated quoted parameter of %s", pr.name)
				}
				v = s[i+1 : i+1+k]
				i += k + 2
			} else {
				j := i
				for i < len(s) && s[i] != ',' && s[i] != ';' && s[i] != ':' && s[i] != '"' {
					i++
				}
				v = s[j:i]
			}
			if pr.params == nil {
				pr.params = make(map[string][]string)
			}
			pr.params[pname] = append(pr.params[pname], v)
			if i < len(s) && s[i] == ',' {
				i++
				continue
			}
			break
		}
	}
}

func isNameChar(c byte) bool {
	return c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// icalEvent accumulates the properties of one VEVENT.
type icalEvent struct {
	begin                             int
	dtstart, dtend, duration, summary *icalProp
	status                            string
	unsupported                       *icalProp
}

type icalState struct {
	stack []string
	ev    *icalEvent
	seen  map[Date]int
	out   []Holiday
	rows  int
	p     *problems
}

// line handles one logical line; false stops parsing (structural error).
func (st *icalState) line(l icalLine) bool {
	pr, err := parseContentLine(l)
	if err != nil {
		st.p.add(l.num, ReasonSyntax, "%v", err)
		return false
	}
	top := ""
	if n := len(st.stack); n > 0 {
		top = st.stack[n-1]
	}
	switch pr.name {
	case "BEGIN":
		return st.begin(l.num, strings.ToUpper(strings.TrimSpace(pr.value)), top)
	case "END":
		return st.end(l.num, strings.ToUpper(strings.TrimSpace(pr.value)), top)
	}
	if top == "" {
		st.p.add(l.num, ReasonInvalidStructure, "%s outside BEGIN:VCALENDAR", pr.name)
		return false
	}
	if top == "VEVENT" {
		st.eventProp(l.num, pr)
	}
	// Otherwise a property of the calendar or of another component.
	return true
}

// begin opens component comp (on line num) inside top.
func (st *icalState) begin(num int, comp, top string) bool {
	switch {
	case comp == "":
		st.p.add(num, ReasonInvalidStructure, "BEGIN without a component name")
		return false
	case top == "" && comp != "VCALENDAR":
		st.p.add(num, ReasonInvalidStructure, "want BEGIN:VCALENDAR, got BEGIN:%s", comp)
		return false
	case top != "" && comp == "VCALENDAR":
		st.p.add(num, ReasonInvalidStructure, "nested BEGIN:VCALENDAR")
		return false
	case comp == "VEVENT" && top != "VCALENDAR":
		st.p.add(num, ReasonInvalidStructure, "VEVENT inside %s", top)
		return false
	}
	if comp == "VEVENT" {
		st.ev = &icalEvent{begin: num}
	}
	st.stack = append(st.stack, comp)
	return true
}

// end closes component comp (on line num), which must be top; closing a
// VEVENT records its days.
func (st *icalState) end(num int, comp, top string) bool {
	if comp == "" || comp != top {
		if top == "" {
			st.p.add(num, ReasonInvalidStructure, "END:%s without BEGIN", comp)
		} else {
			st.p.add(num, ReasonInvalidStructure, "END:%s inside %s", comp, top)
		}
		return false
	}
	st.stack = st.stack[:len(st.stack)-1]
	if comp == "VEVENT" {
		st.finish(st.ev)
		st.ev = nil
	}
	return true
}

// eventProp records property pr (on line num) of the open VEVENT.
func (st *icalState) eventProp(num int, pr *icalProp) {
	ev := st.ev
	var slot **icalProp
	switch pr.name {
	case "DTSTART":
		slot = &ev.dtstart
	case "DTEND":
		slot = &ev.dtend
	case "DURATION":
		slot = &ev.duration
	case "SUMMARY":
		slot = &ev.summary
	case "STATUS":
		ev.status = strings.ToUpper(strings.TrimSpace(pr.value))
	case "RRULE", "RDATE":
		if ev.unsupported == nil {
			ev.unsupported = pr
		}
	}
	if slot != nil {
		if *slot != nil {
			st.p.add(num, ReasonDuplicateProperty, "%s given twice in the event (first on line %d)", pr.name, (*slot).line)
		} else {
			*slot = pr
		}
	}
}

// finish validates a complete VEVENT and records its days.
func (st *icalState) finish(ev *icalEvent) {
	p := st.p
	if ev.status == "CANCELLED" {
		return
	}
	if ev.unsupported != nil {
		p.add(ev.unsupported.line, ReasonUnsupported, "recurring events (%s) are not supported; list each day", ev.unsupported.name)
		return
	}
	bad := false
	name := ""
	kind := KindLiburNasional
	if ev.summary == nil {
		p.add(ev.begin, ReasonEmptyName, "event has no SUMMARY")
		bad = true
	} else {
		n, reason, detail := cleanName(unescapeText(ev.summary.value))
		if reason != "" {
			p.add(ev.summary.line, reason, "%s", detail)
			bad = true
		}
		name = n
		if strings.Contains(strings.ToLower(name), "cuti bersama") {
			kind = KindCutiBersama
		}
	}
	if ev.dtstart == nil {
		p.add(ev.begin, ReasonMissingDTStart, "event has no DTSTART")
		return
	}
	start, isDate, err := parseICalTime(ev.dtstart)
	if err != nil {
		p.add(ev.dtstart.line, ReasonInvalidDate, "DTSTART: %v", err)
		return
	}
	first := DateOf(start, time.UTC)
	last, ok := st.lastDay(ev, start, isDate)
	if !ok || bad {
		return
	}
	span := first.DaysUntil(last) + 1
	if span > MaxRows {
		p.add(ev.dtstart.line, ReasonTooManyRows, "event covers %d days, more than %d", span, MaxRows)
		return
	}
	for d := first; !d.After(last); d = d.next() {
		if prev, dup := st.seen[d]; dup {
			if !p.add(ev.dtstart.line, ReasonDuplicateDate, "%s is already defined on line %d", d, prev) {
				return
			}
			continue
		}
		st.rows++
		if st.rows > MaxRows {
			p.add(ev.dtstart.line, ReasonTooManyRows, "more than %d holidays", MaxRows)
			return
		}
		st.seen[d] = ev.dtstart.line
		st.out = append(st.out, Holiday{Date: d, Kind: kind, Name: name})
	}
}

// lastDay returns the last day (inclusive) covered by the event.
func (st *icalState) lastDay(ev *icalEvent, start time.Time, isDate bool) (Date, bool) {
	p := st.p
	first := DateOf(start, time.UTC)
	if ev.dtend != nil && ev.duration != nil {
		p.add(ev.duration.line, ReasonInvalidEnd, "an event may not have both DTEND and DURATION")
		return Date{}, false
	}
	var end time.Time
	var endLine int
	switch {
	case ev.dtend != nil:
		endLine = ev.dtend.line
		e, eDate, err := parseICalTime(ev.dtend)
		if err != nil {
			p.add(endLine, ReasonInvalidEnd, "DTEND: %v", err)
			return Date{}, false
		}
		if eDate != isDate {
			p.add(endLine, ReasonInvalidEnd, "DTEND must be a date when DTSTART is a date, and a date-time when it is a date-time")
			return Date{}, false
		}
		end = e
	case ev.duration != nil:
		endLine = ev.duration.line
		dur, err := parseICalDuration(strings.TrimSpace(ev.duration.value), isDate)
		if err != nil {
			p.add(endLine, ReasonInvalidEnd, "DURATION: %v", err)
			return Date{}, false
		}
		end = start.Add(dur)
	default:
		return first, true
	}
	if end.Before(start) {
		p.add(endLine, ReasonInvalidEnd, "the event ends before it starts")
		return Date{}, false
	}
	last := DateOf(end, time.UTC)
	if isDate {
		if last.After(first) {
			last = last.AddDays(-1) // DTEND is exclusive
		}
		return last, true
	}
	if last.After(first) && end.Equal(last.In(time.UTC)) {
		last = last.AddDays(-1) // ends exactly at midnight: that day is not covered
	}
	return last, true
}

// parseICalTime parses a DATE or DATE-TIME value literally (as if UTC).
func parseICalTime(pr *icalProp) (t time.Time, isDate bool, err error) {
	v := strings.TrimSpace(pr.value)
	valueType := strings.ToUpper(pr.param("VALUE"))
	switch valueType {
	case "", "DATE", "DATE-TIME":
	default:
		return time.Time{}, false, fmt.Errorf("VALUE=%s is not supported", quote(valueType))
	}
	if len(v) == 8 {
		if valueType == "DATE-TIME" {
			return time.Time{}, false, fmt.Errorf("%s is a date but VALUE=DATE-TIME", quote(v))
		}
		d, ok := parseBasicDate(v)
		if !ok {
			return time.Time{}, false, fmt.Errorf("%s is not a valid YYYYMMDD date", quote(v))
		}
		return d.In(time.UTC), true, nil
	}
	if valueType == "DATE" {
		return time.Time{}, false, fmt.Errorf("%s is not a YYYYMMDD date", quote(v))
	}
	s := strings.TrimSuffix(v, "Z")
	if len(s) != 15 || s[8] != 'T' {
		return time.Time{}, false, fmt.Errorf("%s is not a YYYYMMDD or YYYYMMDDTHHMMSS[Z] value", quote(v))
	}
	d, ok := parseBasicDate(s[:8])
	hh, ok1 := atoiDigits(s[9:11])
	mm, ok2 := atoiDigits(s[11:13])
	ss, ok3 := atoiDigits(s[13:15])
	if !ok || !ok1 || !ok2 || !ok3 || hh > 23 || mm > 59 || ss > 60 {
		return time.Time{}, false, fmt.Errorf("%s is not a valid date-time", quote(v))
	}
	if ss == 60 { // leap second: RFC 5545 allows it; keep it within the minute
		ss = 59
	}
	return time.Date(d.Year, d.Month, d.Day, hh, mm, ss, 0, time.UTC), false, nil
}

func parseBasicDate(s string) (Date, bool) {
	if len(s) != 8 {
		return Date{}, false
	}
	d, err := ParseDate(s[0:4] + "-" + s[4:6] + "-" + s[6:8])
	return d, err == nil
}

// parseICalDuration parses an RFC 5545 dur-value ("P3D", "P1W", "PT12H",
// "P1DT2H"). For all-day events only whole days or weeks are allowed.
// Negative durations are rejected.
func parseICalDuration(s string, allDay bool) (time.Duration, error) {
	orig := s
	s = strings.TrimPrefix(s, "+")
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("negative duration %s", quote(orig))
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, fmt.Errorf("%s is not a duration", quote(orig))
	}
	s = s[1:]
	const maxDays = 100000
	var secs int64
	inTime := false
	seen := ""
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return 0, fmt.Errorf("%s is not a duration", quote(orig))
			}
			inTime = true
			s = s[1:]
			if s == "" {
				return 0, fmt.Errorf("%s is not a duration", quote(orig))
			}
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 || i >= len(s) {
			return 0, fmt.Errorf("%s is not a duration", quote(orig))
		}
		n, _ := atoiDigits(s[:i])
		unit := s[i]
		s = s[i+1:]
		var u int64 // seconds
		switch {
		case !inTime && unit == 'W':
			u = 7 * 24 * 3600
		case !inTime && unit == 'D':
			u = 24 * 3600
		case inTime && unit == 'H':
			u = 3600
		case inTime && unit == 'M':
			u = 60
		case inTime && unit == 'S':
			u = 1
		default:
			return 0, fmt.Errorf("%s is not a duration", quote(orig))
		}
		key := string(unit)
		if inTime {
			key = "T" + key
		}
		if strings.Contains(seen, "|"+key) {
			return 0, fmt.Errorf("%s is not a duration", quote(orig))
		}
		seen += "|" + key
		if allDay && inTime {
			return 0, fmt.Errorf("all-day events need a duration in days or weeks, got %s", quote(orig))
		}
		// n < 10^6 and u <= 604800, so the product fits easily in int64.
		secs += int64(n) * u
		if secs > maxDays*24*3600 {
			return 0, fmt.Errorf("duration %s is too long", quote(orig))
		}
	}
	return time.Duration(secs) * time.Second, nil
}

// unescapeText decodes RFC 5545 TEXT escapes. Unknown escapes are kept
// verbatim.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		switch n := s[i+1]; n {
		case '\\', ';', ',':
			b.WriteByte(n)
			i++
		case 'n', 'N':
			b.WriteByte('\n')
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
