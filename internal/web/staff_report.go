package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// actionForm describes the form of one staff action on the report page.
type actionForm struct {
	Action   string
	Open     bool // shown unfolded
	Unit     bool // has a unit picker
	Message  int  // 0 none, 1 optional, 2 required
	Note     bool // has an internal note for the unit beside a public message
	Files    bool
	Reason   bool
	Title    bool
	Category bool // has a category picker
	Original bool // has the original's tracking ID (mark_duplicate)
	Danger   bool
	Selected string // preselected unit or category code
	// The information request's fields (issue 13): a free-text reason
	// (extend), the outcomes to choose from (answer, objection_answer),
	// and the answer's ground, holder and link.
	InfoReason bool
	Outcomes   []string
	Answer     bool
}

type staffReportData struct {
	View       *service.ReportView
	Forms      []actionForm
	Units      []unitOption
	Categories []catNode
	Reasons    []string
	Due        string
	Back       string
	Templates  []domain.ReplyTemplate // for the follow-up, filled in for this report
	Template   string                 // the one chosen, by ID
	Grounds    []string               // Article 17's grounds, for the answer form
	Suggest    *suggestView           // the routing suggestions, for an admin
	Duplicates []dupItem              // likely duplicates, for an admin who may mark one
}

// dupItem is a likely duplicate as the admin's page lists it.
type dupItem struct {
	TrackingID, Title string
	Percent, Supports int
	Distance          string // metres, "" without map points
}

func dupItems(rv *service.ReportView) []dupItem {
	var out []dupItem
	for _, d := range rv.Duplicates {
		it := dupItem{TrackingID: d.TrackingID, Title: d.Title, Percent: int(d.Similarity*100 + 0.5), Supports: d.Supports}
		if d.DistanceM != nil {
			it.Distance = strconv.Itoa(int(*d.DistanceM + 0.5))
		}
		out = append(out, it)
	}
	return out
}

// suggestView is what the page offers of the routing suggestions: each a
// one-click form of action RouteAction (verify or reroute) or set_category.
type suggestView struct {
	RouteAction string
	Units       []suggestItem
	Categories  []suggestItem
}

type suggestItem struct {
	Code, Name string
	Percent    int
}

// suggestionsFor keeps the suggestions the admin can act on with one click:
// units while the report can be verified or rerouted (not the unit it is
// at), categories while it can be recategorised (not the one it has).
func suggestionsFor(rv *service.ReportView) *suggestView {
	s := rv.Suggestions
	if s == nil {
		return nil
	}
	out := &suggestView{}
	switch {
	case slices.Contains(rv.Actions, domain.ActionVerify):
		out.RouteAction = string(domain.ActionVerify)
	case slices.Contains(rv.Actions, domain.ActionReroute):
		out.RouteAction = string(domain.ActionReroute)
	}
	pct := func(f float64) int { return int(f*100 + 0.5) }
	if out.RouteAction != "" {
		for _, u := range s.Units {
			if rv.Unit == nil || rv.Unit.ID != u.Unit.ID {
				out.Units = append(out.Units, suggestItem{Code: u.Unit.Code, Name: u.Unit.Name, Percent: pct(u.Confidence)})
			}
		}
	}
	if slices.Contains(rv.Actions, domain.ActionSetCategory) {
		for _, c := range s.Categories {
			if rv.Category == nil || rv.Category.ID != c.Category.ID {
				out.Categories = append(out.Categories, suggestItem{Code: c.Category.Code, Name: c.Category.Name, Percent: pct(c.Confidence)})
			}
		}
	}
	if len(out.Units) == 0 && len(out.Categories) == 0 {
		return nil
	}
	return out
}

// formsFor lists the forms of the actions a staff member may take now.
func formsFor(rv *service.ReportView) []actionForm {
	var out []actionForm
	for _, a := range rv.Actions {
		f := actionForm{Action: string(a)}
		switch a {
		case domain.ActionVerify:
			f.Open, f.Unit, f.Message, f.Note = true, true, 1, true
			if rv.RequestedUnit != nil {
				f.Selected = rv.RequestedUnit.Code
			}
		case domain.ActionHold:
			f.Message = 2
		case domain.ActionArchive:
			f.Reason, f.Message, f.Danger = true, 1, true
		case domain.ActionMarkDuplicate:
			f.Original, f.Message, f.Danger = true, 1, true
		case domain.ActionReroute:
			f.Unit, f.Message, f.Note = true, 1, true
		case domain.ActionEditTitle:
			f.Title = true
		case domain.ActionSetCategory:
			f.Category, f.Message = true, 1
			if rv.Category != nil {
				f.Selected = rv.Category.Code
			}
		case domain.ActionFollowUp:
			f.Open, f.Message, f.Files = true, 2, true
		case domain.ActionForward:
			f.Unit, f.Message = true, 2
		case domain.ActionReturn:
			f.Message, f.Danger = 2, true
		case domain.ActionNote:
			f.Message, f.Files = 2, true
		case domain.ActionExtend:
			f.InfoReason = true
		case domain.ActionAnswer:
			f.Open, f.Outcomes, f.Answer, f.Message, f.Files = true, domain.AnswerOutcomes, true, 2, true
		case domain.ActionObjectionAnswer:
			f.Open, f.Outcomes, f.Message = true, domain.ObjectionOutcomes, 2
		case domain.ActionSetConfidential:
		default:
			continue // reporter and system actions have no staff form
		}
		out = append(out, f)
	}
	return out
}

func archiveReasons() []string {
	var out []string
	for _, r := range domain.ArchiveReasons {
		if r != "hold_expired" { // the scheduler's reason only
			out = append(out, string(r))
		}
	}
	return out
}

func (w *Web) staffReport(rw http.ResponseWriter, r *http.Request, p *page) error {
	rv, err := w.svc.Report(r.Context(), r.PathValue("id"), p.viewer())
	if err != nil {
		return err
	}
	if rv.Report.TrackingID != r.PathValue("id") {
		return redirect(rw, r, "/staf/laporan/"+rv.Report.TrackingID)
	}
	p.Flash = staffFlash(p.Lang, r.URL.Query())
	return w.showStaffReport(rw, r, p, rv, http.StatusOK)
}

func (w *Web) showStaffReport(rw http.ResponseWriter, r *http.Request, p *page, rv *service.ReportView, status int) error {
	units, err := w.units(r.Context())
	if err != nil {
		return err
	}
	var cats []catNode
	if slices.Contains(rv.Actions, domain.ActionSetCategory) {
		all, err := w.categories(r.Context())
		if err != nil {
			return err
		}
		cats = categoryTree(domain.OfferedCategories(all))
	}
	d := staffReportData{View: rv, Forms: formsFor(rv), Units: unitOptions(units), Categories: cats, Reasons: archiveReasons(),
		Due: w.due(p.Lang, rv), Back: "/staf/kotak-masuk", Grounds: domain.RefusalGrounds, Suggest: suggestionsFor(rv),
		Duplicates: dupItems(rv)}
	if p.Staff.Role != domain.RoleOfficer && rv.Report.Status == domain.StatusSubmitted {
		d.Back = "/staf/antrean"
	}
	if slices.Contains(rv.Actions, domain.ActionFollowUp) {
		if d.Templates, err = w.svc.TemplatesFor(r.Context(), p.viewer(), rv); err != nil {
			return err
		}
		w.useTemplate(r, p, &d)
	}
	p.Title = rv.Report.Title
	p.Nav = "inbox"
	p.Wide = true
	p.Path = "/staf/laporan/" + rv.Report.TrackingID
	p.Data = d
	w.render(rw, r, p, "staff_report", status)
	return nil
}

// due states the deadline of the current stage for staff.
func (w *Web) due(lang i18n.Lang, rv *service.ReportView) string {
	var key string
	at := rv.Expected.StageDue
	switch rv.Report.Status {
	case domain.StatusSubmitted:
		key = "web.due.verify"
	case domain.StatusDispositioned, domain.StatusReporterReplied:
		key = "web.due.follow_up"
	case domain.StatusFollowedUp:
		key = "web.due.auto_close"
	case domain.StatusOnHold:
		key = "web.due.hold"
	default:
		return ""
	}
	if rv.Report.Kind == domain.KindInformationRequest {
		key = map[domain.Status]string{domain.StatusDispositioned: "info.due.answer", domain.StatusReporterReplied: "info.due.objection",
			domain.StatusFollowedUp: "info.due.objection_window"}[rv.Report.Status]
		if key == "" {
			key = "web.due.verify"
		}
	}
	s := i18n.T(lang, key, i18n.Formatter(lang, w.svc.Location()).Date(at))
	overdue := w.svc.Now().After(at)
	if rv.Report.Schedule.DueAt != nil {
		overdue = rv.Report.Schedule.Overdue(w.svc.Now())
	}
	if overdue {
		s += " " + i18n.T(lang, "web.due.overdue")
	}
	return s
}

func (w *Web) staffAct(rw http.ResponseWriter, r *http.Request, p *page) error {
	id := r.PathValue("id")
	v := p.viewer()
	form, rerr := w.readFormWithFiles(rw, r)
	defer form.Done()
	values, files := form.Values, form.Files
	in := domain.ActionInput{Action: domain.Action(trimmed(values, "action")), Unit: values.Get("unit"),
		Message: values.Get("message"), Note: values.Get("note"), Reason: values.Get("reason"), Title: values.Get("title"),
		Category: values.Get("category"), Outcome: values.Get("outcome"), Ground: values.Get("ground"),
		Holder: values.Get("holder"), Link: values.Get("link"), Original: values.Get("original")}
	p.Form.Values, p.Form.Action = values, string(in.Action)
	err := rerr
	if err == nil {
		_, err = w.svc.Act(r.Context(), id, v, in, files)
		w.pages.forget("/laporan/" + domain.NormalizeTrackingID(id)) // made confidential, answered: not a second late here
	}
	form.Done() // the slot bounds the work on the files, not the answer
	if err != nil {
		if domain.ErrorCode(err) == domain.CodeNotFound || !p.Form.setError(p.Lang, err) {
			return err
		}
		rv, lerr := w.svc.Report(r.Context(), id, v)
		if lerr != nil {
			return err
		}
		return w.showStaffReport(rw, r, p, rv, httperr.PageStatusOf(err))
	}
	tid := domain.NormalizeTrackingID(id)
	if _, err := w.svc.Report(r.Context(), tid, v); err != nil {
		// Forwarded or returned: the officer no longer sees it.
		return redirect(rw, r, "/staf/kotak-masuk?ok="+string(in.Action))
	}
	return redirect(rw, r, "/staf/laporan/"+tid+"?ok="+string(in.Action))
}

func (w *Web) staffAttachment(rw http.ResponseWriter, r *http.Request, p *page) error {
	return w.serveAttachment(rw, r, p.viewer())
}

// useTemplate starts the follow-up's message from the template the
// officer chose (the "use" button sends the choice back by GET, so it
// works without JavaScript); the officer edits it before sending.
func (w *Web) useTemplate(r *http.Request, p *page, d *staffReportData) {
	chosen := r.URL.Query().Get("templat")
	if r.Method != http.MethodGet || chosen == "" {
		return
	}
	for _, t := range d.Templates {
		if strconv.FormatInt(t.ID, 10) == chosen {
			d.Template = chosen
			p.Form.Action = string(domain.ActionFollowUp)
			if p.Form.Values == nil {
				p.Form.Values = url.Values{}
			}
			p.Form.Values.Set("message", t.Body)
		}
	}
}
