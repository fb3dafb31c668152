package web

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// unitNode is a unit with its sub-units, for the settings tree, and what
// its edit form offers: the units it may be moved under (not itself, nor
// one of its own sub-units).
type unitNode struct {
	Code, Name string
	Parent     string // code of the current parent, "" at the top
	Parents    []unitOption
	Children   []unitNode
	Keywords   string // for the routing suggestions (triage)
}

// withKeywords fills in the units' keywords, by code, down the tree.
func withKeywords(nodes []unitNode, kws map[string]string) {
	for i := range nodes {
		nodes[i].Keywords = kws[nodes[i].Code]
		withKeywords(nodes[i].Children, kws)
	}
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

type unitsData struct {
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
	kws, err := w.svc.UnitKeywords(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	tree := unitTree(units)
	withKeywords(tree, kws)
	p.Data = unitsData{Tree: tree, Units: unitOptions(units), MainPPID: mainPPID}
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
	err = service.CheckKeywords(values.Get("keywords"))
	if err == nil {
		err = w.svc.EditUnit(r.Context(), p.viewer(), code, values.Get("name"), values.Get("parent"))
	}
	if err == nil && values.Has("keywords") {
		err = w.svc.SetUnitKeywords(r.Context(), p.viewer(), code, values.Get("keywords"))
	}
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showUnits(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/staf/admin/instansi?ok=unit_updated")
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
