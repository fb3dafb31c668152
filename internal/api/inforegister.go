package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// registerEntryJSON is one answered information request of the public
// register (GET /api/v1/public/information): no identity, ever.
type registerEntryJSON struct {
	TrackingID  string    `json:"tracking_id"`
	Title       string    `json:"title"`
	Requested   string    `json:"requested"`
	Unit        *refJSON  `json:"unit"`
	SubmittedAt time.Time `json:"submitted_at"`
	AnsweredAt  time.Time `json:"answered_at"`
	Outcome     string    `json:"outcome"`
	Ground      string    `json:"ground,omitempty"`
	Holder      string    `json:"holder,omitempty"`
	Link        string    `json:"link,omitempty"`
	Objection   string    `json:"objection_outcome,omitempty"`
}

func (a *API) informationRegister(w http.ResponseWriter, r *http.Request) error {
	page, per, err := registerPage(r)
	if err != nil {
		return err
	}
	entries, err := a.svc.InformationRegister(r.Context(), service.Public, page, per)
	if err != nil {
		return err
	}
	out := []registerEntryJSON{}
	for _, e := range entries {
		out = append(out, registerEntryJSON{TrackingID: e.TrackingID, Title: e.Title, Requested: e.Requested, Unit: unitRef(e.Unit),
			SubmittedAt: e.SubmittedAt, AnsweredAt: e.AnsweredAt, Outcome: e.Outcome, Ground: e.Ground, Holder: e.Holder,
			Link: e.Link, Objection: e.Objection})
	}
	writeJSON(w, http.StatusOK, map[string]any{"page": max(page, 1), "requests": out})
	return nil
}

// registerPage reads page and per_page; bad numbers are a 400.
func registerPage(r *http.Request) (page, per int, err error) {
	f := domain.FieldErrors{}
	num := func(name string) int {
		s := r.URL.Query().Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			f.Add(name, "field.page.invalid")
		}
		return n
	}
	page, per = num("page"), num("per_page")
	return page, per, f.Err()
}
