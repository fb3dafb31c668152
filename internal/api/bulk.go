package api

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
)

// bulkRequest is one action on several reports (admins).
type bulkRequest struct {
	TrackingIDs   []string `json:"tracking_ids"`
	Action        string   `json:"action"` // route, verify, reroute, archive
	Unit          string   `json:"unit"`
	Note          string   `json:"note"`           // route, verify, reroute: for the unit, staff only
	PublicMessage string   `json:"public_message"` // route, verify, reroute: for the reporter and the public
	Reason        string   `json:"reason"`         // archive
}

type bulkFailureJSON struct {
	TrackingID string         `json:"tracking_id"`
	Error      httperr.Detail `json:"error"`
}

type bulkResultJSON struct {
	Done   []string          `json:"done"`
	Failed []bulkFailureJSON `json:"failed"`
}

// bulkAct takes one action on each report named; each succeeds or fails
// on its own, and the answer says which and why (200 even when some fail:
// the request itself was carried out).
func (a *API) bulkAct(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	data, err := readBody(w, r, 64<<10)
	if err != nil {
		return err
	}
	var req bulkRequest
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	in := domain.ActionInput{Action: domain.Action(req.Action), Unit: req.Unit, Note: req.Note, Message: req.PublicMessage, Reason: req.Reason}
	res, err := a.svc.BulkAct(r.Context(), v, req.TrackingIDs, in)
	if err != nil {
		return err
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	out := bulkResultJSON{Done: append([]string{}, res.Done...), Failed: []bulkFailureJSON{}}
	for _, f := range res.Failed {
		out.Failed = append(out.Failed, bulkFailureJSON{TrackingID: f.TrackingID, Error: httperr.Document(lang, httperr.From(f.Err)).Error})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
