package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/download"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/web/qr"
)

// reporterTextActions are the reporter's actions that take a message,
// in the order they are offered.
var reporterTextActions = []string{string(domain.ActionReply), string(domain.ActionCompleteInfo), string(domain.ActionReopen)}

type receiptData struct {
	TrackingID, Receipt, URL string
	QR                       template.HTML
	VerifyBy, FollowBy       time.Time
	Contact                  bool
}

// canonicalID normalises the {id} of a path; a request with another
// spelling is redirected so the receipt cookie's path matches.
func canonicalID(rw http.ResponseWriter, r *http.Request, suffix string) (string, bool) {
	raw := r.PathValue("id")
	id := domain.NormalizeTrackingID(raw)
	if id == "" {
		return "", false
	}
	if id != raw && r.Method == http.MethodGet {
		http.Redirect(rw, r, "/lacak/"+id+suffix, http.StatusMovedPermanently)
		return "", true
	}
	return id, true
}

func (w *Web) baseURL(r *http.Request) string {
	if w.opt.BaseURL != "" {
		return w.opt.BaseURL
	}
	scheme := "http"
	if w.secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (w *Web) receipt(rw http.ResponseWriter, r *http.Request, p *page) error {
	id, ok := canonicalID(rw, r, "/bukti")
	if !ok {
		return domain.ErrNotFound
	}
	if id == "" {
		return nil
	}
	receipt := receiptFrom(r)
	if receipt == "" {
		return redirect(rw, r, "/lacak/"+id)
	}
	rv, err := w.svc.Report(r.Context(), id, service.ReporterViewer(receipt))
	if err != nil || rv.Access != service.AccessReporter {
		return redirect(rw, r, "/lacak/"+id)
	}
	d := receiptData{TrackingID: id, Receipt: receipt, URL: w.baseURL(r) + "/lacak/" + id}
	d.VerifyBy, d.FollowBy = rv.Expected.VerifyBy, rv.Expected.FollowUpBy
	d.Contact = rv.Reporter != nil && (rv.Reporter.Email != "" || rv.Reporter.Phone != "")
	if code, err := qr.Encode([]byte(d.URL)); err == nil {
		// The SVG comes from our own encoder; its only text is escaped.
		d.QR = template.HTML(code.SVG(i18n.T(p.Lang, "web.receipt.qr_label", id)))
	}
	p.Title = i18n.T(p.Lang, "web.receipt.title")
	p.Data = d
	w.render(rw, r, p, "receipt", http.StatusOK)
	return nil
}

func (w *Web) trackForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	if raw := r.URL.Query().Get("id"); raw != "" {
		p.Form.Values.Set("tracking_id", raw)
		if id := domain.NormalizeTrackingID(raw); id != "" {
			// ?open=1 goes straight to the report; otherwise the form
			// asks for the receipt with the ID filled in.
			if r.URL.Query().Get("open") == "1" {
				return redirect(rw, r, "/lacak/"+id)
			}
			p.Form.Values.Set("tracking_id", id)
		}
	}
	return w.showTrackForm(rw, r, p, http.StatusOK)
}

func (w *Web) showTrackForm(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	p.Title = i18n.T(p.Lang, "web.track.title")
	p.Nav = "track"
	p.Path = "/lacak"
	w.render(rw, r, p, "track_form", status)
	return nil
}

func (w *Web) trackLookup(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	id := domain.NormalizeTrackingID(values.Get("tracking_id"))
	receipt := domain.NormalizeReceipt(values.Get("receipt"))
	p.Form.Values = url.Values{"tracking_id": values["tracking_id"]} // a secret is never echoed back
	fail := func(field, key string) error {
		p.Form.setError(p.Lang, domain.InvalidField(field, key))
		return w.showTrackForm(rw, r, p, http.StatusUnprocessableEntity)
	}
	if id == "" {
		if trimmed(values, "tracking_id") == "" {
			return fail("tracking_id", "field.required")
		}
		return fail("tracking_id", "web.track.bad_id")
	}
	if receipt != "" {
		rv, err := w.svc.Report(r.Context(), id, service.ReporterViewer(receipt))
		if err == nil && rv.Access == service.AccessReporter {
			w.setCookie(rw, r, receiptCookie, receipt, receiptPath(id), 0)
			return redirect(rw, r, "/lacak/"+id)
		}
		return fail("receipt", "web.track.bad_receipt")
	}
	if _, err := w.svc.Report(r.Context(), id, service.Public); err != nil {
		if domain.ErrorCode(err) == domain.CodeNotFound {
			return fail("tracking_id", "web.track.not_found")
		}
		return err
	}
	return redirect(rw, r, "/lacak/"+id)
}

type trackData struct {
	View        *service.ReportView
	Step        int
	Explain     string
	Reporter    bool
	TextActions []string
	Objection   []string // Article 35(1)'s grounds, for the objection form
}

// viewerFor returns the viewer a browser is for a report: the reporter
// when it holds the receipt cookie, else the public.
func viewerFor(r *http.Request) service.Viewer {
	if rc := receiptFrom(r); rc != "" {
		return service.ReporterViewer(rc)
	}
	return service.Public
}

func (w *Web) loadTracked(r *http.Request, id string) (*service.ReportView, error) {
	v := viewerFor(r)
	rv, err := w.svc.Report(r.Context(), id, v)
	if err != nil && v.ReceiptHash != "" && domain.ErrorCode(err) == domain.CodeNotFound {
		rv, err = w.svc.Report(r.Context(), id, service.Public)
	}
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return nil, domain.Errorf(domain.CodeNotFound, "web.track.not_found")
	}
	return rv, err
}

func (w *Web) trackView(rw http.ResponseWriter, r *http.Request, p *page) error {
	id, ok := canonicalID(rw, r, "")
	if !ok {
		return domain.Errorf(domain.CodeNotFound, "web.track.not_found")
	}
	if id == "" {
		return nil
	}
	rv, err := w.loadTracked(r, id)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		// Not public yet: whoever scanned the receipt's QR code learns
		// that it was received and by when it is to be verified.
		if rec, rerr := w.svc.Received(r.Context(), id); rerr == nil {
			p.Title = i18n.T(p.Lang, "web.received.title")
			p.Nav = "track"
			p.Path = "/lacak/" + rec.TrackingID
			p.Data = rec
			w.render(rw, r, p, "track_received", http.StatusOK)
			return nil
		}
	}
	if err != nil {
		return err
	}
	if a := r.URL.Query().Get("ok"); domain.Action(a).Known() {
		p.Flash = i18n.T(p.Lang, "web.flash."+a)
	}
	return w.showTracked(rw, r, p, rv, http.StatusOK)
}

func (w *Web) showTracked(rw http.ResponseWriter, r *http.Request, p *page, rv *service.ReportView, status int) error {
	p.Title = rv.Report.Title
	p.Nav = "track"
	p.Path = "/lacak/" + rv.Report.TrackingID
	p.Data = trackData{View: rv, Step: stepOf(rv.Report.Status), Explain: w.explain(p.Lang, rv),
		Reporter: rv.Access == service.AccessReporter, TextActions: reporterTextActions, Objection: domain.ObjectionGrounds}
	w.render(rw, r, p, "track", status)
	return nil
}

// stepOf places a state on the five steps of the home page.
func stepOf(s domain.Status) int {
	switch s {
	case domain.StatusSubmitted, domain.StatusOnHold:
		return 2
	case domain.StatusDispositioned, domain.StatusReporterReplied:
		return 3
	case domain.StatusFollowedUp:
		return 4
	case domain.StatusCompleted:
		return 5
	}
	return 0
}

// explain says in plain words where the report is and what comes next.
func (w *Web) explain(lang i18n.Lang, rv *service.ReportView) string {
	date := i18n.Formatter(lang, w.svc.Location()).Date
	due := rv.Expected.StageDue
	unit := i18n.T(lang, "web.explain.the_unit")
	if rv.Unit != nil {
		unit = rv.Unit.Name
	}
	switch rv.Report.Status {
	case domain.StatusSubmitted:
		return i18n.T(lang, "web.explain.submitted", date(due))
	case domain.StatusOnHold:
		return i18n.T(lang, "web.explain.on_hold", date(due))
	case domain.StatusDispositioned:
		return i18n.T(lang, "web.explain.dispositioned", unit, date(due))
	case domain.StatusReporterReplied:
		return i18n.T(lang, "web.explain.reporter_replied", unit, date(due))
	case domain.StatusFollowedUp:
		return i18n.T(lang, "web.explain.followed_up", unit, date(due))
	case domain.StatusCompleted:
		if slices.Contains(rv.Actions, domain.ActionReopen) {
			return i18n.T(lang, "web.explain.completed_reopen", date(rv.Expected.ReopenUntil))
		}
		return i18n.T(lang, "web.explain.completed")
	case domain.StatusArchived:
		for i := len(rv.Timeline) - 1; i >= 0; i-- {
			if e := rv.Timeline[i]; e.ToStatus == domain.StatusArchived && e.Reason != "" {
				return i18n.T(lang, "web.explain.archived_reason", i18n.T(lang, "web.reason."+e.Reason))
			}
		}
		return i18n.T(lang, "web.explain.archived")
	}
	return ""
}

// reporterActions are the only actions the tracking page posts.
var reporterActions = map[domain.Action]bool{domain.ActionReply: true, domain.ActionComplete: true,
	domain.ActionReopen: true, domain.ActionCompleteInfo: true, domain.ActionObject: true}

func (w *Web) trackAct(rw http.ResponseWriter, r *http.Request, p *page) error {
	id := domain.NormalizeTrackingID(r.PathValue("id"))
	if id == "" {
		return domain.Errorf(domain.CodeNotFound, "web.track.not_found")
	}
	receipt := receiptFrom(r)
	if receipt == "" {
		return domain.Errorf(domain.CodeUnauthorized, "web.track.need_receipt")
	}
	form, rerr := w.readFormWithFiles(rw, r)
	defer form.Done()
	values, files := form.Values, form.Files
	in := domain.ActionInput{Action: domain.Action(trimmed(values, "action")), Message: values.Get("message"), Ground: values.Get("ground")}
	if !reporterActions[in.Action] {
		if rerr != nil {
			return rerr
		}
		return domain.InvalidField("action", "field.action.unknown")
	}
	p.Form.Values, p.Form.Action = values, string(in.Action)
	err := rerr
	if err == nil {
		if s := trimmed(values, "rating"); s != "" {
			in.Rating, _ = strconv.Atoi(s)
		}
		_, err = w.svc.Act(r.Context(), id, service.ReporterViewer(receipt), in, files)
		w.pages.forget("/laporan/" + domain.NormalizeTrackingID(id))
	}
	form.Done() // the slot bounds the work on the files, not the answer
	if err != nil {
		if domain.ErrorCode(err) == domain.CodeNotFound || !p.Form.setError(p.Lang, err) {
			return err
		}
		rv, lerr := w.loadTracked(r, id)
		if lerr != nil {
			return lerr
		}
		return w.showTracked(rw, r, p, rv, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/lacak/"+id+"?ok="+string(in.Action))
}

func (w *Web) trackForget(rw http.ResponseWriter, r *http.Request, p *page) error {
	id := domain.NormalizeTrackingID(r.PathValue("id"))
	if id == "" {
		return domain.ErrNotFound
	}
	w.setCookie(rw, r, receiptCookie, "", receiptPath(id), -1)
	return redirect(rw, r, "/lacak/"+id)
}

func (w *Web) trackAttachment(rw http.ResponseWriter, r *http.Request, p *page) error {
	return w.serveAttachment(rw, r, viewerFor(r))
}

func (w *Web) serveAttachment(rw http.ResponseWriter, r *http.Request, v service.Viewer) error {
	fid, err := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err != nil || fid <= 0 {
		return domain.ErrNotFound
	}
	f, err := w.svc.Attachment(r.Context(), r.PathValue("id"), fid, v)
	if err != nil && v.ReceiptHash != "" && v.User == nil {
		f, err = w.svc.Attachment(r.Context(), r.PathValue("id"), fid, service.Public)
	}
	if err != nil {
		return err
	}
	download.Serve(rw, f.Name, f.ContentType, f.Data)
	return nil
}
