package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
)

// unitNode is a unit with its sub-units, for the settings tree, and what
// its edit form offers: the units it may be moved under (not itself, nor
// one of its own sub-units).
type unitNode struct {
	Code, Name string
	Parent     string // code of the current parent, "" at the top
	Head       string // the id of the staff account told of its escalations, "" for none
	Parents    []unitOption
	Children   []unitNode
}

func unitTree(units []domain.Unit) []unitNode {
	children := map[int64][]domain.Unit{}
	ids := map[int64]bool{}
	for _, u := range units {
		ids[u.ID] = true
	}
	codes := map[int64]string{}
	for _, u := range units {
		codes[u.ID] = u.Code
	}
	options := unitOptions(units)
	var roots []domain.Unit
	for _, u := range units {
		if u.ParentID == nil || !ids[*u.ParentID] {
			roots = append(roots, u)
		} else {
			children[*u.ParentID] = append(children[*u.ParentID], u)
		}
	}
	var build func(list []domain.Unit, depth int) []unitNode
	build = func(list []domain.Unit, depth int) []unitNode {
		var out []unitNode
		for _, u := range list {
			n := unitNode{Code: u.Code, Name: u.Name}
			if u.ParentID != nil {
				n.Parent = codes[*u.ParentID]
			}
			below := map[string]bool{}
			for _, id := range domain.Descendants(units, u.ID) {
				below[codes[id]] = true
			}
			for _, o := range options {
				if !below[o.Code] {
					n.Parents = append(n.Parents, o)
				}
			}
			if depth < 10 {
				n.Children = build(children[u.ID], depth+1)
			}
			out = append(out, n)
		}
		return out
	}
	return build(roots, 0)
}

// headOption is a staff account a unit may name as its head.
type headOption struct{ ID, Label string }

type unitsData struct {
	Staff    []headOption // active staff accounts, for the units' head
	Tree     []unitNode
	Units    []unitOption
	MainPPID string // the code of the unit whose PPID answers for units without one
}

func (w *Web) adminUnits(rw http.ResponseWriter, r *http.Request, p *page) error {
	p.Flash = accountFlash(p.Lang, r.URL.Query())
	return w.showUnits(rw, r, p, http.StatusOK)
}

func (w *Web) showUnits(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	units, err := w.units(r.Context())
	if err != nil {
		return err
	}
	p.Title = i18n.T(p.Lang, "web.admin.units")
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/instansi"
	mainPPID, err := w.svc.MainPPIDUnit(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	heads, err := w.svc.UnitHeads(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	staff, err := w.svc.StaffAccounts(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	d := unitsData{Tree: unitTree(units), Units: unitOptions(units), MainPPID: mainPPID}
	for _, u := range staff {
		if !u.Disabled {
			d.Staff = append(d.Staff, headOption{ID: strconv.FormatInt(u.ID, 10), Label: strings.TrimSpace(u.Name + " <" + u.Email + ">")})
		}
	}
	byCode := map[string]string{}
	for _, u := range units {
		if h, ok := heads[u.ID]; ok {
			byCode[u.Code] = strconv.FormatInt(h, 10)
		}
	}
	var mark func(ns []unitNode)
	mark = func(ns []unitNode) {
		for i := range ns {
			ns[i].Head = byCode[ns[i].Code]
			mark(ns[i].Children)
		}
	}
	mark(d.Tree)
	p.Data = d
	w.render(rw, r, p, "admin_units", status)
	return nil
}

func (w *Web) adminAddUnit(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	if _, err := w.svc.AddUnit(r.Context(), p.viewer(), values.Get("code"), values.Get("name"), values.Get("parent")); err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showUnits(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/staf/admin/instansi?ok=unit_added")
}

// editAction names the edit form of a unit on the page.
func editAction(code string) string { return "unit-" + code }

// adminEditUnit renames a unit or moves it under another (its row's form).
func (w *Web) adminEditUnit(rw http.ResponseWriter, r *http.Request, p *page) error {
	code := r.PathValue("code")
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values, p.Form.Action = values, editAction(code)
	// The head is checked first, so a refused form changes nothing.
	_, sendsHead := values["head"]
	var head int64
	if sendsHead && values.Get("head") != "" {
		head, err = strconv.ParseInt(values.Get("head"), 10, 64)
		if err == nil {
			err = w.activeStaff(r, p, head)
		}
		if err != nil && domain.ErrorCode(err) != domain.CodeInvalid {
			err = domain.InvalidField("head", "field.unit_head.unknown")
		}
	}
	if err == nil {
		err = w.svc.EditUnit(r.Context(), p.viewer(), code, values.Get("name"), values.Get("parent"))
	}
	if sendsHead && err == nil {
		err = w.svc.SetUnitHead(r.Context(), p.viewer(), code, head)
	}
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showUnits(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/staf/admin/instansi?ok=unit_updated")
}

// activeStaff refuses an id that is no active staff account.
func (w *Web) activeStaff(r *http.Request, p *page, id int64) error {
	staff, err := w.svc.StaffAccounts(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	for _, u := range staff {
		if u.ID == id && !u.Disabled {
			return nil
		}
	}
	return domain.InvalidField("head", "field.unit_head.unknown")
}

// adminSetMainPPID names the unit whose PPID answers information requests
// for units without a PPID of their own (UU 14/2008: the main PPID).
func (w *Web) adminSetMainPPID(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values, p.Form.Action = values, "main-ppid"
	if err := w.svc.SetMainPPIDUnit(r.Context(), p.viewer(), trimmed(values, "unit")); err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showUnits(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/staf/admin/instansi?ok=main_ppid_saved#main-ppid")
}
