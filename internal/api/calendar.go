package api

import (
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/workdays"
)

type holidayJSON struct {
	Date string `json:"date"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

func presentHolidays(hs []workdays.Holiday) []holidayJSON {
	out := make([]holidayJSON, 0, len(hs))
	for _, h := range hs {
		out = append(out, holidayJSON{Date: h.Date.String(), Kind: string(h.Kind), Name: h.Name})
	}
	return out
}

type calendarJSON struct {
	Year     int    `json:"year"`
	TimeZone string `json:"time_zone"`
	// Holidays are the year's non-working days other than weekends.
	Holidays []holidayJSON `json:"holidays"`
	// WeekendHolidays are listed holidays that fall on a weekend anyway.
	WeekendHolidays []holidayJSON `json:"weekend_holidays"`
	WorkingDays     int           `json:"working_days"`
}

// calendar: GET /api/v1/calendar/{year}, public.
func (a *API) calendar(w http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return domain.InvalidField("year", "field.calendar.year_range")
	}
	c, err := a.svc.CalendarOf(r.Context(), service.Public, year)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, calendarJSON{Year: c.Year, TimeZone: a.svc.Location().String(),
		Holidays: presentHolidays(c.Holidays), WeekendHolidays: presentHolidays(c.OnWeekends), WorkingDays: c.WorkingDays})
	return nil
}

type calendarChangeJSON struct {
	Holidays    []holidayJSON `json:"holidays"`
	Rescheduled int           `json:"rescheduled"` // open reports whose deadlines moved
}

// addHoliday: POST /api/v1/calendar/holidays {date, kind, name}, admins.
func (a *API) addHoliday(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	data, err := readBody(w, r, 16<<10)
	if err != nil {
		return err
	}
	var req holidayJSON
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	res, err := a.svc.AddHoliday(r.Context(), v, service.HolidayInput{Date: req.Date, Kind: req.Kind, Name: req.Name})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, calendarChangeJSON{Holidays: presentHolidays(res.Holidays), Rescheduled: res.Rescheduled})
	return nil
}

// removeHoliday: DELETE /api/v1/calendar/holidays/{date}, admins.
func (a *API) removeHoliday(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	res, err := a.svc.RemoveHoliday(r.Context(), v, r.PathValue("date"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, calendarChangeJSON{Holidays: presentHolidays(res.Holidays), Rescheduled: res.Rescheduled})
	return nil
}

// importHolidays: POST /api/v1/calendar/import, admins. The body is the
// file itself: CSV (date,kind,name) or iCalendar, told by ?format=csv|ical,
// else by the Content-Type (text/csv, text/calendar), else by its content.
// ?replace=true clears the years the file covers first.
func (a *API) importHolidays(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	if err := requireAdminViewer(v); err != nil {
		return err
	}
	q := r.URL.Query()
	format := strings.ToLower(q.Get("format"))
	if format == "" {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch ct {
		case "text/csv":
			format = service.FormatCSV
		case "text/calendar":
			format = service.FormatICal
		}
	}
	if format != "" && format != service.FormatCSV && format != service.FormatICal {
		return domain.InvalidField("format", "field.calendar.format")
	}
	replace := false
	if s := q.Get("replace"); s != "" {
		if replace, err = strconv.ParseBool(s); err != nil {
			return domain.InvalidField("replace", "field.json.type")
		}
	}
	data, err := readBody(w, r, workdays.MaxInputSize)
	if err != nil {
		return err
	}
	res, err := a.svc.ImportHolidays(r.Context(), v, data, format, replace)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, calendarChangeJSON{Holidays: presentHolidays(res.Holidays), Rescheduled: res.Rescheduled})
	return nil
}

func requireAdminViewer(v service.Viewer) error {
	if v.User == nil {
		return domain.ErrUnauthorized
	}
	if v.User.Role != domain.RoleAdmin {
		return domain.ErrForbidden
	}
	return nil
}

type settingsJSON struct {
	deadline.Settings
	Rescheduled *int `json:"rescheduled,omitempty"`
}

// deadlineSettings: GET /api/v1/settings/deadlines, admins and supervisors.
func (a *API) deadlineSettings(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	set, err := a.svc.SettingsOf(r.Context(), v)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, settingsJSON{Settings: set})
	return nil
}

// putDeadlineSettings: PUT /api/v1/settings/deadlines, admins. Fields
// absent from the body keep their values; any invalid value changes
// nothing.
func (a *API) putDeadlineSettings(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	if err := requireAdminViewer(v); err != nil {
		return err
	}
	data, err := readBody(w, r, 64<<10)
	if err != nil {
		return err
	}
	var probe map[string]json.RawMessage
	if err := decodeJSON(data, &probe); err != nil {
		return err
	}
	res, err := a.svc.UpdateDeadlineSettings(r.Context(), v, data)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, settingsJSON{Settings: res.Settings, Rescheduled: &res.Rescheduled})
	return nil
}
