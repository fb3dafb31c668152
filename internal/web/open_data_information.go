package web

import (
	"encoding/csv"
	"net/http"
	"time"

	"github.com/lapor-id/lapor/internal/service"
)

// The register of answered information requests as open data (issue 13):
// the same entries as /informasi, every page of them, as CSV.

// informationFields are the register's columns, in order; the dictionary
// page explains each one (web.opendata.info.<name>).
var informationFields = []string{"tracking_id", "unit_code", "unit", "title", "requested", "submitted_at", "answered_at",
	"outcome", "ground", "holder", "link", "objection", "url"}

func (w *Web) informationValues(base string, e service.RegisterEntry) []string {
	loc := w.svc.Location()
	at := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format(time.RFC3339)
	}
	var unitCode, unit string
	if e.Unit != nil {
		unitCode, unit = e.Unit.Code, e.Unit.Name
	}
	return []string{e.TrackingID, unitCode, unit, e.Title, e.Requested, at(e.SubmittedAt), at(e.AnsweredAt),
		e.Outcome, e.Ground, e.Holder, e.Link, e.Objection, base + "/laporan/" + e.TrackingID}
}

// openDataInformationCSV: GET /open-data/information.csv
func (w *Web) openDataInformationCSV(rw http.ResponseWriter, r *http.Request, p *page) error {
	// The first page is read before the answer begins, so a failure is
	// still an error page, not a cut file.
	entries, err := w.svc.InformationRegister(r.Context(), p.viewer(), 1, service.MaxRegisterPerPage)
	if err != nil {
		return err
	}
	openDataHeaders(rw, "text/csv; charset=utf-8", "lapor-information-register.csv")
	cw := csv.NewWriter(rw)
	if err := cw.Write(informationFields); err != nil {
		return nil // the client went away
	}
	base := w.baseURL(r)
	for page := 1; ; page++ {
		if page > 1 {
			if entries, err = w.svc.InformationRegister(r.Context(), p.viewer(), page, service.MaxRegisterPerPage); err != nil {
				break
			}
		}
		for _, e := range entries {
			if err = cw.Write(w.informationValues(base, e)); err != nil {
				break
			}
		}
		if err != nil || len(entries) < service.MaxRegisterPerPage {
			break
		}
	}
	cw.Flush()
	return w.streamEnd(err)
}
