package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/workdays"
)

// The holiday calendar, /staf/admin/kalender?tahun=: a year's days off,
// with forms to add one, remove one and import a CSV or iCalendar file.
// Admins edit it; supervisors read it. Every change moves the deadlines of
// open reports.

var holidayKinds = []workdays.HolidayKind{workdays.KindLiburNasional, workdays.KindCutiBersama, workdays.KindLiburDaerah, workdays.KindOther}

type holidayRow struct {
	Date      string // YYYY-MM-DD
	Weekday   int    // 0 Sunday
	Kind      workdays.HolidayKind
	Name      string
	OnWeekend bool
}

type calendarData struct {
	CanEdit     bool
	Year        int
	Prev, Next  int // 0: out of range
	Holidays    []holidayRow
	OnWeekends  int
	WorkingDays int
	Kinds       []workdays.HolidayKind
}

func (w *Web) adminCalendar(rw http.ResponseWriter, r *http.Request, p *page) error {
	q := r.URL.Query()
	if ok := q.Get("ok"); ok == "holiday_added" || ok == "holiday_removed" || ok == "holidays_imported" {
		n, _ := strconv.Atoi(q.Get("n"))
		moved, _ := strconv.Atoi(q.Get("moved"))
		p.Flash = i18n.T(p.Lang, "web.calendar.flash."+ok, n) + " " + i18n.T(p.Lang, "web.calendar.rescheduled", moved)
	}
	year := w.svc.Now().In(w.svc.Location()).Year()
	if s := q.Get("tahun"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < service.MinCalendarYear || y > service.MaxCalendarYear {
			return domain.InvalidField("tahun", "field.calendar.year_range")
		}
		year = y
	}
	return w.showCalendar(rw, r, p, year, http.StatusOK)
}

func (w *Web) showCalendar(rw http.ResponseWriter, r *http.Request, p *page, year, status int) error {
	c, err := w.svc.CalendarOf(r.Context(), p.viewer(), year)
	if err != nil {
		return err
	}
	d := calendarData{CanEdit: p.Staff.Role == domain.RoleAdmin, Year: year, WorkingDays: c.WorkingDays,
		OnWeekends: len(c.OnWeekends), Kinds: holidayKinds}
	if year > service.MinCalendarYear {
		d.Prev = year - 1
	}
	if year < service.MaxCalendarYear {
		d.Next = year + 1
	}
	for _, list := range [][]workdays.Holiday{c.Holidays, c.OnWeekends} {
		for _, h := range list {
			wd := int(h.Date.Weekday())
			d.Holidays = append(d.Holidays, holidayRow{Date: h.Date.String(), Weekday: wd, Kind: h.Kind, Name: h.Name,
				OnWeekend: wd == 0 || wd == 6})
		}
	}
	slices.SortFunc(d.Holidays, func(a, b holidayRow) int { return strings.Compare(a.Date, b.Date) })
	p.Title = i18n.T(p.Lang, "web.calendar.title") + " " + strconv.Itoa(year)
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/kalender?tahun=" + strconv.Itoa(year)
	p.Data = d
	w.render(rw, r, p, "admin_calendar", status)
	return nil
}

// calendarField labels the problems of an imported file ("line 3", or a
// date out of range) and links them to the file box.
func calendarField(lang i18n.Lang, name string) (string, string) {
	if n, ok := strings.CutPrefix(name, "line "); ok {
		return i18n.T(lang, "web.calendar.line", n), "import-file"
	}
	if _, err := workdays.ParseDate(name); err == nil {
		return dateText(i18n.Formatter(lang, time.UTC), name), "import-file"
	}
	if name == "format" || name == "replace" {
		return i18n.T(lang, "web.calendar.field."+name), "import-" + name
	}
	return "", ""
}

// yearOf is the year of a YYYY-MM-DD date, else the current one.
func (w *Web) yearOf(date string) int {
	if d, err := workdays.ParseDate(strings.TrimSpace(date)); err == nil && d.Year >= service.MinCalendarYear && d.Year <= service.MaxCalendarYear {
		return d.Year
	}
	return w.svc.Now().In(w.svc.Location()).Year()
}

// sentYear is the year a form was sent from, else otherwise.
func sentYear(s string, otherwise int) int {
	if y, err := strconv.Atoi(s); err == nil && y >= service.MinCalendarYear && y <= service.MaxCalendarYear {
		return y
	}
	return otherwise
}

func calendarDone(ok string, year, n, moved int) string {
	return "/staf/admin/kalender?" + url.Values{"tahun": {strconv.Itoa(year)}, "ok": {ok},
		"n": {strconv.Itoa(n)}, "moved": {strconv.Itoa(moved)}}.Encode()
}

// adminAddHoliday: POST /staf/admin/kalender {date, kind, name}.
func (w *Web) adminAddHoliday(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values, p.Form.Action = values, "add"
	year := w.yearOf(values.Get("date"))
	res, err := w.svc.AddHoliday(r.Context(), p.viewer(), service.HolidayInput{Date: values.Get("date"), Kind: values.Get("kind"), Name: values.Get("name")})
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showCalendar(rw, r, p, sentYear(values.Get("tahun"), year), httperr.PageStatusOf(err)) // stay on the year the form was sent from
	}
	return redirect(rw, r, calendarDone("holiday_added", year, 1, res.Rescheduled))
}

// adminRemoveHoliday: POST /staf/admin/kalender/{date}/hapus.
func (w *Web) adminRemoveHoliday(rw http.ResponseWriter, r *http.Request, p *page) error {
	if _, err := w.readForm(rw, r); err != nil {
		return err
	}
	date := r.PathValue("date")
	res, err := w.svc.RemoveHoliday(r.Context(), p.viewer(), date)
	if err != nil {
		return err
	}
	return redirect(rw, r, calendarDone("holiday_removed", w.yearOf(date), 1, res.Rescheduled))
}

// adminImportHolidays: POST /staf/admin/kalender/impor, a CSV (date,kind,name)
// or iCalendar file; replace clears the years it covers first.
func (w *Web) adminImportHolidays(rw http.ResponseWriter, r *http.Request, p *page) error {
	form, err := w.readFormWithFiles(rw, r)
	form.Done() // the file is parsed, not processed: no slot needed
	p.Form.Values, p.Form.Action, p.Form.field = form.Values, "import", calendarField
	year := sentYear(form.Values.Get("tahun"), w.svc.Now().In(w.svc.Location()).Year())
	fail := func(err error) error {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showCalendar(rw, r, p, year, httperr.PageStatusOf(err))
	}
	if err != nil {
		if e := domain.AsError(err); e.Code == domain.CodeTooLarge || e.Fields["attachments"] != "" {
			err = domain.InvalidField("file", "field.calendar.too_large")
		}
		return fail(err)
	}
	if len(form.Files) == 0 {
		return fail(domain.InvalidField("file", "field.required"))
	}
	format := form.Values.Get("format")
	if format == "auto" {
		format = ""
	}
	if format != "" && format != service.FormatCSV && format != service.FormatICal {
		return fail(domain.InvalidField("format", "field.calendar.format"))
	}
	res, err := w.svc.ImportHolidays(r.Context(), p.viewer(), form.Files[0].Data, format, p.Form.Checked("replace"))
	if err != nil {
		return fail(err)
	}
	if len(res.Holidays) > 0 {
		year = res.Holidays[0].Date.Year
	}
	return redirect(rw, r, calendarDone("holidays_imported", year, len(res.Holidays), res.Rescheduled))
}
