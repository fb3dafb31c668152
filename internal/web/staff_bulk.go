package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// bulkForm is the admin's bulk action form above the queue and the inbox;
// each row's checkbox belongs to it through its form attribute, so it
// works without JavaScript and without nesting the filter form.
type bulkForm struct {
	Back    string // the list to go back to
	Units   []unitOption
	Reasons []string
	Max     int
}

// bulkBacks are the lists a bulk form may return to (never a URL from
// the form as such: no open redirect).
var bulkBacks = map[string]string{"queue": "/staf/antrean", "inbox": "/staf/kotak-masuk"}

func (w *Web) bulkFormFor(r *http.Request, p *page, back string) (*bulkForm, error) {
	if p.Staff.Role != domain.RoleAdmin {
		return nil, nil
	}
	units, err := w.units(r.Context())
	if err != nil {
		return nil, err
	}
	return &bulkForm{Back: back, Units: unitOptions(units), Reasons: archiveReasons(), Max: service.MaxBulk}, nil
}

type bulkFailure struct {
	TrackingID, Reason string
}

type bulkData struct {
	Action string
	Done   []string
	Failed []bulkFailure
	Back   string
}

// staffBulk takes one action on the reports ticked in a list and shows
// which were changed and which were not, and why.
func (w *Web) staffBulk(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	d := bulkData{Action: trimmed(values, "action"), Back: bulkBacks["queue"]}
	if b, ok := bulkBacks[values.Get("back")]; ok {
		d.Back = b
	}
	in := domain.ActionInput{Action: domain.Action(d.Action), Unit: values.Get("unit")}
	switch in.Action {
	case service.ActionRoute:
		in.Note = values.Get("note")
	case domain.ActionArchive:
		in.Reason = values.Get("reason")
	}
	p.Title = i18n.T(p.Lang, "web.bulk.title")
	p.Nav = "inbox"
	if d.Back == bulkBacks["queue"] {
		p.Nav = "queue"
	}
	p.Data = &d
	var res *service.BulkResult
	if in.Action == service.ActionRoute || in.Action == domain.ActionArchive {
		res, err = w.svc.BulkAct(r.Context(), p.viewer(), values["id"], in)
	} else {
		err = domain.InvalidField("action", "field.bulk.action") // the form has two buttons
	}
	if err != nil {
		p.Form.field = bulkFieldLabel
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		w.render(rw, r, p, "staff_bulk", httperr.PageStatusOf(err))
		return nil
	}
	d.Done = res.Done
	for _, f := range res.Failed {
		d.Failed = append(d.Failed, bulkFailure{TrackingID: f.TrackingID, Reason: bulkReason(p.Lang, f.Err)})
	}
	w.render(rw, r, p, "staff_bulk", http.StatusOK)
	return nil
}

// bulkFieldLabel names the bulk form's fields in the error summary.
func bulkFieldLabel(lang i18n.Lang, name string) (label, id string) {
	switch name {
	case "reports":
		return i18n.T(lang, "web.bulk.reports"), "bulk-reports"
	case "unit", "note", "reason":
		return i18n.T(lang, fieldLabels[name]), "bulk-" + name
	}
	return "", ""
}

// bulkReason says in words why one report was left unchanged: the field
// messages when there are some (they are the precise ones), else the
// error's own message.
func bulkReason(lang i18n.Lang, err error) string {
	e := httperr.From(err)
	if len(e.Fields) == 0 {
		return topMessage(lang, e)
	}
	var parts []string
	for _, key := range e.Fields {
		parts = append(parts, i18n.T(lang, key))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}
