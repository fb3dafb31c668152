package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// The deadline settings, /staf/admin/tenggat: the length of each clock for
// every report, per kind and per category (an empty box inherits), the
// supervising office and the grade thresholds. Admins edit them;
// supervisors read them.

// deadlineColumns are the clocks, in the order of the table; each is a
// JSON name of deadline.Days and a form field suffix.
var deadlineColumns = []string{"verify_days", "follow_up_days", "auto_complete_days", "hold_days", "completion_days"}

type deadlineCell struct {
	Name    string // form field: prefix + column
	Value   string // typed or stored; "" inherits
	Inherit int    // the value an empty box stands for
	Err     string
}

type deadlineRow struct {
	Label string
	Code  string // category code, for category rows
	Cells []deadlineCell
}

type deadlinesData struct {
	CanEdit    bool
	Columns    []string
	Base       deadlineRow
	Kinds      []deadlineRow
	Categories []deadlineRow
	Choices    []catNode // categories without an override, for a new row
	New        deadlineRow
	Office     string
	OfficeMail string
	Good, Fair string
}

func (w *Web) adminDeadlines(rw http.ResponseWriter, r *http.Request, p *page) error {
	if r.URL.Query().Get("ok") == "deadlines_saved" {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		p.Flash = i18n.T(p.Lang, "web.deadlines.saved", n)
	}
	return w.showDeadlines(rw, r, p, http.StatusOK)
}

func (w *Web) showDeadlines(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	ctx := r.Context()
	set, err := w.svc.SettingsOf(ctx, p.viewer())
	if err != nil {
		return err
	}
	cats, err := w.categories(ctx)
	if err != nil {
		return err
	}
	sent := r.Method == http.MethodPost
	f := p.Form
	names := codeNames(cats)
	f.field = deadlineField(names)
	cell := func(name string, stored *int, inherit int) deadlineCell {
		c := deadlineCell{Name: name, Inherit: inherit, Err: f.Err(name)}
		switch {
		case sent:
			c.Value = f.Get(name)
		case stored != nil:
			c.Value = strconv.Itoa(*stored)
		}
		return c
	}
	row := func(label, code, prefix string, o deadline.Override, inherit deadline.Days) deadlineRow {
		stored, base := overrideValues(o), daysValues(inherit)
		rw := deadlineRow{Label: label, Code: code}
		for i, col := range deadlineColumns {
			rw.Cells = append(rw.Cells, cell(prefix+col, stored[i], base[i]))
		}
		return rw
	}
	d := deadlinesData{CanEdit: p.Staff.Role == domain.RoleAdmin, Columns: deadlineColumns,
		Office: set.SupervisingOffice, OfficeMail: set.SupervisingOfficeEmail, Good: decimal(p.Lang, set.Grades.Good), Fair: decimal(p.Lang, set.Grades.Fair)}
	if sent {
		d.Office, d.Good, d.Fair = f.Get("supervising_office"), f.Get("grades.good"), f.Get("grades.fair")
		d.OfficeMail = f.Get("supervising_office_email")
	}
	base := set.Days
	d.Base = row(i18n.T(p.Lang, "web.deadlines.all"), "", "", deadline.Override{
		Verify: &base.Verify, FollowUp: &base.FollowUp, AutoComplete: &base.AutoComplete, Hold: &base.Hold, Completion: &base.Completion}, base)
	for _, k := range domain.Kinds {
		d.Kinds = append(d.Kinds, row(i18n.T(p.Lang, "web.kind."+string(k)), "", "kinds."+string(k)+".", set.Kinds[k], set.For(k, "")))
	}
	codes := categoryCodes(set, f, sent)
	shown := map[string]bool{}
	for _, code := range codes {
		shown[code] = true
		label := names[code]
		if label == "" {
			label = code
		}
		d.Categories = append(d.Categories, row(label, code, "categories."+code+".", set.Categories[code], set.Days))
	}
	var free []domain.Category
	for _, c := range cats {
		if !shown[c.Code] {
			free = append(free, c)
		}
	}
	d.Choices = categoryTree(free)
	d.New = row("", "", "new.", deadline.Override{}, set.Days)
	p.Title = i18n.T(p.Lang, "web.deadlines.title")
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/tenggat"
	p.Data = d
	w.render(rw, r, p, "admin_deadlines", status)
	return nil
}

// categoryCodes are the category rows of the table: the overrides stored,
// or, on a form shown again, the rows that were sent.
func categoryCodes(set deadline.Settings, f *form, sent bool) []string {
	if sent {
		return f.Values["category"]
	}
	var out []string
	for code := range set.Categories {
		out = append(out, code)
	}
	slices.Sort(out)
	return out
}

func overrideValues(o deadline.Override) [5]*int {
	return [5]*int{o.Verify, o.FollowUp, o.AutoComplete, o.Hold, o.Completion}
}

func daysValues(d deadline.Days) [5]int {
	return [5]int{d.Verify, d.FollowUp, d.AutoComplete, d.Hold, d.Completion}
}

// deadlineField labels the table's fields in the error summary, such as
// "Pengaduan: Verifikasi".
func deadlineField(categories map[string]string) func(i18n.Lang, string) (string, string) {
	return func(lang i18n.Lang, name string) (string, string) {
		row, col := "", name
		if i := strings.LastIndex(name, "."); i >= 0 {
			row, col = name[:i], name[i+1:]
		}
		colLabel := ""
		if i18n.Has(lang, "web.deadlines.col."+col) {
			colLabel = i18n.T(lang, "web.deadlines.col."+col)
		}
		switch {
		case name == "supervising_office" || name == "supervising_office_email" || name == "grades.good" || name == "grades.fair":
			return i18n.T(lang, "web.deadlines.field."+name), ""
		case row == "" && colLabel != "":
			return i18n.T(lang, "web.deadlines.all") + ": " + colLabel, ""
		case strings.HasPrefix(row, "kinds.") && colLabel != "":
			return i18n.T(lang, "web.kind."+strings.TrimPrefix(row, "kinds.")) + ": " + colLabel, ""
		case strings.HasPrefix(row, "categories.") && colLabel != "":
			code := strings.TrimPrefix(row, "categories.")
			return or(categories[code], code) + ": " + colLabel, ""
		case strings.HasPrefix(name, "categories."):
			code := strings.TrimPrefix(name, "categories.")
			return i18n.T(lang, "web.field.category") + " " + code, "new-category"
		}
		return "", ""
	}
}

// categoryNames maps category codes to names, for the error summary.
func (w *Web) categoryNames(r *http.Request) map[string]string {
	cats, _ := w.categories(r.Context()) // without them, codes stand in
	return codeNames(cats)
}

func codeNames(cats []domain.Category) map[string]string {
	names := map[string]string{}
	for _, c := range cats {
		names[c.Code] = c.Name
	}
	return names
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// adminSaveDeadlines reads the table into the JSON document the service
// takes (the same as PUT /api/v1/settings/deadlines), the whole of it.
func (w *Web) adminSaveDeadlines(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	p.Form.field = deadlineField(w.categoryNames(r))
	// A new category row joins the others under its code.
	if code := trimmed(values, "new_category"); code != "" {
		if !slices.Contains(values["category"], code) {
			values.Add("category", code)
		}
		for _, col := range deadlineColumns {
			if v := values.Get("new." + col); v != "" {
				values.Set("categories."+code+"."+col, v)
			}
			values.Del("new." + col)
		}
		values.Del("new_category")
	}
	doc, err := deadlineDocument(values)
	if err == nil {
		data, _ := json.Marshal(doc) // maps of numbers and strings
		var res *service.SettingsChange
		if res, err = w.svc.UpdateDeadlineSettings(r.Context(), p.viewer(), data); err == nil {
			return redirect(rw, r, "/staf/admin/tenggat?ok=deadlines_saved&n="+strconv.Itoa(res.Rescheduled))
		}
	}
	if !p.Form.setError(p.Lang, err) {
		return err
	}
	return w.showDeadlines(rw, r, p, httperr.PageStatusOf(err))
}

// deadlineDocument turns the posted table into a settings document. A
// number that is not one is refused here; the service checks the rest.
func deadlineDocument(v map[string][]string) (map[string]any, error) {
	get := func(name string) string {
		if len(v[name]) == 0 {
			return ""
		}
		return strings.TrimSpace(v[name][0])
	}
	f := domain.FieldErrors{}
	days := func(prefix string, required bool) map[string]any {
		out := map[string]any{}
		for _, col := range deadlineColumns {
			s := get(prefix + col)
			if s == "" {
				if required {
					f.Add(prefix+col, "field.required")
				}
				continue
			}
			n, err := strconv.Atoi(s)
			if err != nil {
				f.Add(prefix+col, "field.deadline.number")
				continue
			}
			out[col] = n
		}
		return out
	}
	doc := days("", true)
	kinds := map[string]any{}
	for _, k := range domain.Kinds {
		if o := days("kinds."+string(k)+".", false); len(o) > 0 {
			kinds[string(k)] = o
		}
	}
	doc["kinds"] = kinds
	cats := map[string]any{}
	for _, code := range v["category"] {
		if o := days("categories."+code+".", false); len(o) > 0 {
			cats[code] = o
		}
	}
	doc["categories"] = cats
	doc["supervising_office"] = get("supervising_office")
	doc["supervising_office_email"] = get("supervising_office_email")
	grades := map[string]any{}
	for _, g := range []string{"good", "fair"} {
		s := get("grades." + g)
		n, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		switch {
		case s == "":
			f.Add("grades."+g, "field.required")
		case err != nil:
			f.Add("grades."+g, "field.grade.number")
		default:
			grades[g] = n
		}
	}
	doc["grades"] = grades
	return doc, f.Err()
}
