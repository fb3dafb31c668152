package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// catNode is a category with its sub-categories, for the form.
type catNode struct {
	Code, Name string
	Children   []catNode
	Hidden     bool   // not offered any more (admin pages show it)
	MergedInto string // the name of the category it counts as, if merged
}

// unitOption is a unit in a picker, indented by its depth.
type unitOption struct {
	Code, Name, Prefix string
}

type mapConfig struct {
	URL, Attribution string
	Lat, Lon         float64
	Zoom             int
}

type reportFormData struct {
	Kinds      []domain.Kind
	Categories []catNode
	Common     []catNode // the most chosen lately, offered first
	Units      []unitOption
	Areas      []areaGroup // the visible kelurahan by kecamatan; none: the text boxes
	Today      string
	Map        *mapConfig
	Files      formFiles
	// InfoChoices are the information request's two choice lists.
	InfoChoices []infoChoice
	// Duplicates are the open public reports like the one sent, on the
	// confirmation step (DuplicateStep); the form then sends dup_seen.
	Duplicates []dupItem
}

// infoChoice is one select of the information request's fields.
type infoChoice struct {
	ID, Name, Label, Prefix string
	Values                  []string
}

var infoChoices = []infoChoice{
	{ID: "information-format", Name: "information.format", Label: "info.form.format", Prefix: "info.format.", Values: domain.InfoFormats},
	{ID: "information-delivery", Name: "information.delivery", Label: "info.form.delivery", Prefix: "info.delivery.", Values: domain.InfoDeliveries},
}

func (w *Web) reportForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	return w.showReportForm(rw, r, p, formFiles{}, http.StatusOK)
}

// formFiles is what became of a failed form's files: held for the next
// try, or lost (the citizen must choose them again).
type formFiles struct {
	Reattach bool
	Token    string // the held files' token, sent back as "held"
	Held     []service.HeldFile
}

func (w *Web) showReportForm(rw http.ResponseWriter, r *http.Request, p *page, files formFiles, status int) error {
	return w.showReportFormWith(rw, r, p, files, nil, status)
}

func (w *Web) showReportFormWith(rw http.ResponseWriter, r *http.Request, p *page, files formFiles, dups []dupItem, status int) error {
	d, err := w.reportFormData(r.Context())
	if err != nil {
		return err
	}
	d.Files, d.Duplicates = files, dups
	p.Title = i18n.T(p.Lang, "web.new.title")
	p.Nav = "report"
	p.Path = "/lapor"
	p.Data = d
	if d.Map != nil && strings.HasPrefix(d.Map.URL, "http://") {
		// Tiles over plain HTTP (a local tile server) need their origin
		// allowed explicitly; the default policy allows https: images.
		if u, err := url.Parse(d.Map.URL); err == nil {
			rw.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https: http://"+u.Host+
				"; script-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		}
	}
	w.render(rw, r, p, "report_new", status)
	return nil
}

func (w *Web) reportFormData(ctx context.Context) (*reportFormData, error) {
	cats, err := w.categories(ctx)
	if err != nil {
		return nil, err
	}
	units, err := w.units(ctx)
	if err != nil {
		return nil, err
	}
	areas, err := w.svc.Areas(ctx, service.Public)
	if err != nil {
		return nil, err
	}
	common, err := w.svc.CommonCategories(ctx, service.Public, cats)
	if err != nil {
		return nil, err
	}
	d := &reportFormData{InfoChoices: infoChoices, Kinds: domain.Kinds, Categories: categoryTree(domain.OfferedCategories(cats)), Common: categoryTree(common), Units: unitOptions(units),
		Areas: areaGroups(areas, false), Today: w.svc.Now().In(w.svc.Location()).Format("2006-01-02")}
	tiles, _, err := w.mapTiles(ctx)
	if err != nil {
		return nil, err
	}
	if tiles.TileURL != "" {
		d.Map = &mapConfig{URL: tiles.TileURL, Attribution: tiles.Attribution, Lat: w.opt.MapLat, Lon: w.opt.MapLon, Zoom: w.opt.MapZoom}
	}
	return d, nil
}

// categoryTree nests categories under their parents (two levels are
// shown; deeper ones join their top-level ancestor).
func categoryTree(cats []domain.Category) []catNode {
	byID := map[int64]domain.Category{}
	for _, c := range cats {
		byID[c.ID] = c
	}
	top := func(c domain.Category) domain.Category {
		for i := 0; i < 8 && c.ParentID != nil; i++ {
			p, ok := byID[*c.ParentID]
			if !ok {
				break
			}
			c = p
		}
		return c
	}
	node := func(c domain.Category) catNode {
		n := catNode{Code: c.Code, Name: c.Name, Hidden: c.Hidden}
		if c.MergedInto != nil {
			n.MergedInto = byID[*c.MergedInto].Name
		}
		return n
	}
	var order []int64
	children := map[int64][]catNode{}
	for _, c := range cats {
		if c.ParentID == nil {
			order = append(order, c.ID)
			continue
		}
		t := top(c)
		if _, ok := byID[t.ID]; !ok || t.ParentID != nil {
			order = append(order, c.ID) // its group is not in cats: shown on its own
			continue
		}
		children[t.ID] = append(children[t.ID], node(c))
	}
	out := make([]catNode, 0, len(order))
	for _, id := range order {
		n := node(byID[id])
		n.Children = children[id]
		out = append(out, n)
	}
	return out
}

// unitOptions orders units as a tree (parents before their children,
// siblings by name) and indents each by its depth.
func unitOptions(units []domain.Unit) []unitOption {
	children := map[int64][]domain.Unit{}
	var roots []domain.Unit
	ids := map[int64]bool{}
	for _, u := range units {
		ids[u.ID] = true
	}
	for _, u := range units {
		if u.ParentID == nil || !ids[*u.ParentID] {
			roots = append(roots, u)
		} else {
			children[*u.ParentID] = append(children[*u.ParentID], u)
		}
	}
	byName := func(list []domain.Unit) {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	}
	byName(roots)
	var out []unitOption
	seen := map[int64]bool{}
	var walk func(u domain.Unit, depth int)
	walk = func(u domain.Unit, depth int) {
		if seen[u.ID] || depth > 10 {
			return
		}
		seen[u.ID] = true
		out = append(out, unitOption{Code: u.Code, Name: u.Name, Prefix: strings.Repeat("— ", depth)})
		kids := children[u.ID]
		byName(kids)
		for _, k := range kids {
			walk(k, depth+1)
		}
	}
	for _, u := range roots {
		walk(u, 0)
	}
	return out
}

// submissionFrom reads the report form.
func submissionFrom(v url.Values) (domain.Submission, error) {
	s := domain.Submission{
		Kind: domain.Kind(trimmed(v, "kind")), Title: v.Get("title"), Body: v.Get("body"),
		Category: v.Get("category"), Unit: v.Get("unit"), IncidentDate: v.Get("incident_date"),
		Location: domain.Location{Address: v.Get("location.address"), Kelurahan: v.Get("location.kelurahan"),
			Kecamatan: v.Get("location.kecamatan")},
		Anonymous: checked(v, "anonymous"), Confidential: checked(v, "confidential"), ShowName: checked(v, "show_name"),
		Reporter: domain.Identity{Name: v.Get("reporter.name"), Email: v.Get("reporter.email"), Phone: v.Get("reporter.phone")},
		Channel:  domain.ChannelWeb,
	}
	// The information fields count only for an information request (the
	// form shows them to all; a filer may have changed the kind).
	if s.Kind == domain.KindInformationRequest {
		s.Information = &domain.Information{Requested: v.Get("information.requested"), Purpose: v.Get("information.purpose"),
			Format: trimmed(v, "information.format"), Delivery: trimmed(v, "information.delivery")}
	}
	f := domain.FieldErrors{}
	s.Location.AreaID = parseAreaID(f, "location.area", trimmed(v, "location.area"))
	s.Location.Lat = parseCoord(f, "location.lat", trimmed(v, "location.lat"), 90)
	s.Location.Lon = parseCoord(f, "location.lon", trimmed(v, "location.lon"), 180)
	return s, f.Err()
}

func checked(v url.Values, name string) bool {
	x := v.Get(name)
	return x != "" && x != "0" && x != "false"
}

// parseCoord reads an optional coordinate; a comma is accepted as the
// decimal separator, as Indonesian keyboards type it.
func parseCoord(f domain.FieldErrors, field, s string, limit float64) *float64 {
	if s == "" {
		return nil
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil || x < -limit || x > limit || x != x {
		if limit == 90 {
			f.Add(field, "field.location.lat")
		} else {
			f.Add(field, "field.location.lon")
		}
		return nil
	}
	return &x
}

func (w *Web) reportSubmit(rw http.ResponseWriter, r *http.Request, p *page) error {
	form, err := w.readFormWithFiles(rw, r)
	defer form.Done()
	values, files := form.Values, form.Files
	p.Form.Values = values
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showReportForm(rw, r, p, formFiles{Reattach: true}, httperr.PageStatusOf(err))
	}
	sub, perr := submissionFrom(values)
	if sub.Reporter.Email != "" {
		sub.Reporter.Lang = string(p.Lang) // the language of their e-mails
	}
	v := service.Public // a citizen logged in gets the report on their list
	if p.Citizen != nil {
		v = service.Viewer{Citizen: p.Citizen}
	}
	heldToken := values.Get("held")
	kept, kerr := w.keptUploads(r.Context(), v, heldToken, values["held_keep"])
	if kerr != nil && domain.AsError(kerr).Code != domain.CodeInvalid {
		return kerr
	}
	all := append(kept, files...)
	if perr == nil && kerr == nil && w.opt.DuplicateStep && values.Get("dup_seen") == "" {
		dups, err := w.likelyDuplicates(r, v, sub)
		if err != nil {
			return err
		}
		if len(dups) > 0 {
			// The confirmation step: the same form, filled in, its files
			// held, with the reports it may repeat above it.
			ff := w.holdFiles(r.Context(), v, heldToken, all, errDuplicatesShown)
			form.Done()
			p.Form.Values.Del("held")
			p.Form.Values.Set("dup_seen", "1")
			return w.showReportFormWith(rw, r, p, ff, dups, http.StatusOK)
		}
	}
	var rc service.Receipt
	if perr == nil && kerr == nil {
		rc, err = w.svc.Submit(r.Context(), v, sub, all)
	} else {
		// Report the coordinates and the held files together with every
		// other problem.
		sub.Location.Lat, sub.Location.Lon = nil, nil
		sub.Normalize()
		switch {
		case perr != nil && kerr != nil:
			err = mergeErrors(perr, kerr)
		case perr != nil:
			err = perr
		default:
			err = kerr
		}
		if verr := sub.Validate(w.svc.Now().In(w.svc.Location())); verr != nil {
			err = mergeErrors(verr, err)
		}
	}
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		ff := w.holdFiles(r.Context(), v, heldToken, all, err)
		form.Done() // the slot bounds the work on the files, not the answer
		p.Form.Values.Del("held")
		return w.showReportForm(rw, r, p, ff, httperr.PageStatusOf(err))
	}
	form.Done()
	if heldToken != "" {
		if _, err := w.svc.DropHeldUploads(r.Context(), v, heldToken); err != nil {
			w.log.Warn("held uploads not dropped; they expire within the hour", "err", err)
		}
	}
	w.setCookie(rw, r, receiptCookie, rc.Receipt, receiptPath(rc.TrackingID), 0)
	return redirect(rw, r, "/lacak/"+rc.TrackingID+"/bukti")
}

// errDuplicatesShown is why a form's files are held on the confirmation
// step: nothing is wrong with them.
var errDuplicatesShown = errors.New("likely duplicates shown")

// likelyDuplicates are the open public reports like a valid submission,
// for the confirmation step; none for an invalid one (its errors come
// first) or an information request.
func (w *Web) likelyDuplicates(r *http.Request, v service.Viewer, sub domain.Submission) ([]dupItem, error) {
	check := sub
	check.Normalize()
	if check.Kind == domain.KindInformationRequest || check.Validate(w.svc.Now().In(w.svc.Location())) != nil {
		return nil, nil
	}
	found, err := w.svc.LikelyDuplicates(r.Context(), v, service.DuplicateQuery{Title: check.Title, Body: check.Body,
		Category: check.Category, Lat: check.Location.Lat, Lon: check.Location.Lon})
	if err != nil {
		return nil, err
	}
	return dupItems(&service.ReportView{Duplicates: found}), nil
}

// keptUploads are the held files of an earlier try that the citizen left
// ticked (keep holds their places in the held list).
func (w *Web) keptUploads(ctx context.Context, v service.Viewer, token string, keep []string) ([]service.Upload, error) {
	if token == "" {
		return nil, nil
	}
	held, err := w.svc.HeldUploads(ctx, v, token)
	if err != nil {
		return nil, err
	}
	if len(held) == 0 && len(keep) > 0 {
		// Gone (kept an hour only): never file the report without them unsaid.
		return nil, domain.InvalidField("attachments", "field.attachments.held_gone")
	}
	var out []service.Upload
	for i, u := range held {
		if slices.Contains(keep, strconv.Itoa(i)) {
			out = append(out, u)
		}
	}
	return out, nil
}

// holdFiles keeps the files of a form that failed for reasons of its
// own, under a fresh token (the old one is dropped). Files that are
// themselves the problem are not kept: the citizen chooses again.
func (w *Web) holdFiles(ctx context.Context, v service.Viewer, old string, files []service.Upload, failed error) formFiles {
	if len(files) == 0 {
		return formFiles{}
	}
	if e := domain.AsError(failed); e.Code == domain.CodeTooLarge || e.Fields["attachments"] != "" {
		return formFiles{Reattach: true}
	}
	token, held, err := w.svc.HoldUploads(ctx, v, files)
	if err != nil {
		w.log.Info("files of a failed form not held", "err", err)
		return formFiles{Reattach: true}
	}
	if old != "" {
		if _, err := w.svc.DropHeldUploads(ctx, v, old); err != nil {
			w.log.Warn("held uploads not dropped; they expire within the hour", "err", err)
		}
	}
	return formFiles{Token: token, Held: held}
}

// mergeErrors joins the field problems of two validation errors.
func mergeErrors(a, b error) error {
	ea, eb := domain.AsError(a), domain.AsError(b)
	if ea.Code != domain.CodeInvalid || eb.Code != domain.CodeInvalid {
		return a
	}
	f := domain.FieldErrors{}
	for k, v := range ea.Fields {
		f.Add(k, v)
	}
	for k, v := range eb.Fields {
		f.Add(k, v)
	}
	return f.Err()
}
