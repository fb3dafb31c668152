package web

import (
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

// form is a form's state when it is shown again: what was typed and the
// problems, each next to its field and all of them at the top.
type form struct {
	Values  url.Values
	Errors  map[string]string // field name -> translated message
	Summary []fieldProblem
	Top     string // translated message above the form
	Action  string // on pages with several forms: the one these belong to
	// field, when set, names fields that fieldLabels does not know (rows
	// of a settings table, lines of an imported file): their label and
	// the element the summary links to ("" id: the usual one).
	field func(lang i18n.Lang, name string) (label, id string)
}

type fieldProblem struct {
	ID      string // element id to link to
	Label   string
	Message string
}

func newForm() *form { return &form{Values: url.Values{}, Errors: map[string]string{}} }

// Get returns a typed value.
func (f *form) Get(name string) string { return f.Values.Get(name) }

// Err returns the problem with a field, or "".
func (f *form) Err(name string) string { return f.Errors[name] }

// Checked reports whether a checkbox was ticked.
func (f *form) Checked(name string) bool {
	v := f.Values.Get(name)
	return v != "" && v != "0" && v != "false"
}

// Is reports whether v is among the values of a field (select, radio).
func (f *form) Is(name, v string) bool {
	for _, x := range f.Values[name] {
		if x == v {
			return true
		}
	}
	return false
}

var empty = newForm()

// For returns the form state if it belongs to the form of action a, or an
// empty state; pages with several forms show values only in the one sent.
func (f *form) For(a string) *form {
	if f.Action == a {
		return f
	}
	return empty
}

// fieldLabels name each field in the summary at the top of a form.
var fieldLabels = map[string]string{
	"kind": "web.field.kind", "title": "web.field.title", "body": "web.field.body",
	"category": "web.field.category", "unit": "web.field.unit", "incident_date": "web.field.incident_date",
	"location": "web.field.location", "location.address": "web.field.address",
	"location.kelurahan": "web.field.kelurahan", "location.kecamatan": "web.field.kecamatan",
	"location.lat": "web.field.lat", "location.lon": "web.field.lon",
	"reporter.name": "web.field.name", "reporter.email": "web.field.email", "reporter.phone": "web.field.phone",
	"attachments": "web.field.attachments", "message": "web.field.message", "note": "office.field.note", "reason": "web.field.reason",
	"rating": "web.field.rating", "action": "web.field.action", "email": "web.field.email",
	"password": "web.field.password", "code": "web.field.code", "name": "web.field.name",
	"parent": "web.field.parent", "role": "web.field.role", "tracking_id": "web.field.tracking_id",
	"receipt": "web.field.receipt", "file": "web.field.file", "q": "web.field.q", "status": "web.field.status",
	"page": "web.field.page", "show_name": "web.field.show_name", "anonymous": "web.field.anonymous",
	"confidential": "web.field.confidential", "totp": "web.field.totp",
	"current_password": "web.field.current_password", "new_password": "web.field.new_password",
	"new_password_confirm": "web.field.new_password_confirm", "require_totp_roles": "web.field.require_totp_roles",
	"tile_url": "web.field.tile_url", "tile_attribution": "web.field.tile_attribution",
	"from": "web.eval.from", "to": "web.eval.to",
	"location.area": "web.field.kelurahan", "kecamatan": "web.field.kecamatan",
	"channel": "counter.channel", "url": "webhook.page.url", "events": "webhook.page.events", "secret": "webhook.page.secret",
	// Information requests (issue 13).
	"information": "info.form.legend", "information.requested": "info.form.requested", "information.purpose": "info.form.purpose",
	"information.format": "info.form.format", "information.delivery": "info.form.delivery", "outcome": "info.form.outcome",
	"ground": "info.form.ground", "holder": "info.form.holder", "link": "info.form.link",
}

// fieldOrder keeps the summary in the order of the form.
var fieldOrder = []string{"channel", "kind", "title", "body", "category", "unit", "incident_date", "location.area", "location.kecamatan",
	"information", "information.requested", "information.purpose", "information.format", "information.delivery",
	"location.kelurahan", "location.address", "location", "location.lat", "location.lon", "outcome", "ground", "holder", "link", "attachments",
	"anonymous", "confidential", "show_name", "reporter.name", "reporter.email", "reporter.phone",
	"tracking_id", "receipt", "email", "name", "code", "parent", "role", "password", "current_password", "new_password",
	"new_password_confirm", "totp", "require_totp_roles", "rating", "reason",
	"message", "file", "action", "q", "status", "page", "kecamatan", "tile_url", "tile_attribution", "from", "to",
	"url", "events", "secret"}

// setError records err on the form: field problems next to their fields
// and in the summary, the main message at the top. It returns false when
// err is not something the user can fix in this form (the caller then
// fails with it).
func (f *form) setError(lang i18n.Lang, err error) bool {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = domain.InvalidField("attachments", "field.attachments.too_large")
	}
	var e *domain.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case domain.CodeInvalid, domain.CodeTooLarge, domain.CodeConflict, domain.CodeUnauthorized, domain.CodeRateLimited:
	default:
		if e.Key != "error.action_forbidden" {
			return false
		}
	}
	f.Top = topMessage(lang, e)
	names := make([]string, 0, len(e.Fields))
	for name := range e.Fields {
		names = append(names, name)
	}
	rank := func(n string) int {
		for i, x := range fieldOrder {
			if x == n {
				return i
			}
		}
		return len(fieldOrder)
	}
	sort.Slice(names, func(i, j int) bool { return rank(names[i]) < rank(names[j]) })
	for _, name := range names {
		msg := i18n.T(lang, e.Fields[name])
		f.Errors[name] = msg
		label, id := name, ""
		if k, ok := fieldLabels[name]; ok {
			label = i18n.T(lang, k)
		} else if f.field != nil {
			if l, i := f.field(lang, name); l != "" {
				label, id = l, i
			}
		}
		if id == "" {
			id = fieldID(name)
			if f.Action != "" {
				id = f.Action + "-" + id
			}
		}
		f.Summary = append(f.Summary, fieldProblem{ID: id, Label: label, Message: msg})
	}
	return true
}

// trimmed returns a form value without surrounding spaces.
func trimmed(v url.Values, name string) string { return strings.TrimSpace(v.Get(name)) }
