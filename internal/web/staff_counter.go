package web

import (
	"html/template"
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/web/qr"
)

// The counter, /staf/loket: an admin types in a complaint received on
// paper, at the counter or by phone, for the citizen and with the contact
// they gave, and prints the receipt for them. The receipt page is the
// answer to the form itself: no cookie keeps it in the admin's browser,
// which would let the admin follow the report as its reporter later.

type counterData struct {
	*reportFormData
	Channels []domain.Channel
	Langs    []i18n.Lang
}

func (w *Web) counterForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	if p.Form.Get("channel") == "" {
		p.Form.Values.Set("channel", string(domain.ChannelPaper))
	}
	return w.showCounterForm(rw, r, p, http.StatusOK)
}

func (w *Web) showCounterForm(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	d, err := w.reportFormData(r.Context())
	if err != nil {
		return err
	}
	p.Title = i18n.T(p.Lang, "counter.title")
	p.Nav = "counter"
	p.Path = "/staf/loket"
	p.Data = counterData{reportFormData: d, Channels: service.CounterChannels, Langs: []i18n.Lang{i18n.ID, i18n.EN}}
	w.render(rw, r, p, "staff_counter", status)
	return nil
}

func (w *Web) counterSubmit(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	sub, perr := submissionFrom(values)
	sub.Channel = domain.Channel(trimmed(values, "channel"))
	if lang := trimmed(values, "reporter.lang"); i18n.Valid(lang) && !sub.Reporter.Empty() {
		sub.Reporter.Lang = lang // the language of the citizen's messages
	}
	var rc service.Receipt
	if perr == nil {
		rc, err = w.svc.FileOnBehalf(r.Context(), p.viewer(), sub)
	} else {
		sub.Location.Lat, sub.Location.Lon = nil, nil
		sub.Normalize()
		err = perr
		if verr := sub.Validate(w.svc.Now().In(w.svc.Location())); verr != nil {
			err = mergeErrors(verr, perr)
		}
	}
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showCounterForm(rw, r, p, httperr.PageStatusOf(err))
	}
	return w.showCounterReceipt(rw, r, p, rc)
}

// showCounterReceipt renders the citizen's receipt for the admin to print.
func (w *Web) showCounterReceipt(rw http.ResponseWriter, r *http.Request, p *page, rc service.Receipt) error {
	rv, err := w.svc.Report(r.Context(), rc.TrackingID, service.ReporterViewer(rc.Receipt))
	if err != nil {
		return err
	}
	d := receiptData{TrackingID: rc.TrackingID, Receipt: rc.Receipt, URL: w.baseURL(r) + "/lacak/" + rc.TrackingID}
	d.VerifyBy, d.FollowBy = rv.Expected.VerifyBy, rv.Expected.FollowUpBy
	d.Contact = rv.Reporter != nil && (rv.Reporter.Email != "" || rv.Reporter.Phone != "")
	if code, err := qr.Encode([]byte(d.URL)); err == nil {
		d.QR = template.HTML(code.SVG(i18n.T(p.Lang, "web.receipt.qr_label", rc.TrackingID)))
	}
	p.Title = i18n.T(p.Lang, "web.receipt.title")
	p.Nav = "counter"
	p.Flash = i18n.T(p.Lang, "counter.filed")
	p.Data = d
	w.render(rw, r, p, "receipt", http.StatusOK)
	return nil
}
