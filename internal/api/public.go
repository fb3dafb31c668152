package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// The public face's JSON: the public list and Dukung (support). Neither
// needs credentials; both carry only what the public may see.

type publicItemJSON struct {
	TrackingID  string        `json:"tracking_id"`
	Title       string        `json:"title"`
	Kind        domain.Kind   `json:"kind"`
	Status      domain.Status `json:"status"`
	Unit        *refJSON      `json:"unit"`
	Category    *refJSON      `json:"category"`
	SubmittedAt time.Time     `json:"submitted_at"`
	Supports    int           `json:"supports"`
}

type publicListJSON struct {
	Total   int              `json:"total"`
	Exact   bool             `json:"exact"` // false: more than total
	Page    int              `json:"page"`
	PerPage int              `json:"per_page"`
	HasNext bool             `json:"has_next"`
	Reports []publicItemJSON `json:"reports"`
}

// PublicQuery reads the public list's query string (shared with /laporan).
func PublicQuery(r *http.Request) (service.PublicQuery, error) {
	q := r.URL.Query()
	out := service.PublicQuery{Q: q.Get("q"), Kind: q.Get("kind"), Category: q.Get("category"), Unit: q.Get("unit"),
		Status: q.Get("status"), From: q.Get("from"), To: q.Get("to"), Sort: q.Get("sort"),
		Kecamatan: service.KecamatanParam(q.Get("kecamatan"))}
	f := domain.FieldErrors{}
	num := func(name string) int {
		s := q.Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			f.Add(name, "field.page.invalid")
			return 0
		}
		return n
	}
	out.Page, out.PerPage = num("page"), num("per_page")
	if err := f.Err(); err != nil {
		return out, err
	}
	return out, nil
}

func (a *API) publicReports(w http.ResponseWriter, r *http.Request) error {
	q, err := PublicQuery(r)
	if err != nil {
		return err
	}
	res, err := a.svc.PublicReports(r.Context(), service.Public, q)
	if err != nil {
		return err
	}
	out := publicListJSON{Total: res.Total, Exact: !res.MoreThan, Page: res.Page, PerPage: res.PerPage, HasNext: res.HasNext,
		Reports: []publicItemJSON{}}
	for _, it := range res.Items {
		c := (*refJSON)(nil)
		if it.Category != nil {
			c = &refJSON{Code: it.Category.Code, Name: it.Category.Name}
		}
		out.Reports = append(out.Reports, publicItemJSON{TrackingID: it.TrackingID, Title: it.Title, Kind: it.Kind,
			Status: it.Status, Unit: unitRef(it.Unit), Category: c, SubmittedAt: it.SubmittedAt, Supports: it.Supports})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// supportToken is the browser's support token from its cookie, or a new
// one set on w. A client that drops cookies gets a new token each time;
// the per-address rate limit (--rate-support) bounds what that buys.
func supportToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(service.SupportCookie); err == nil && service.ValidSupportToken(c.Value) {
		return c.Value
	}
	token := service.NewSupportToken()
	http.SetCookie(w, &http.Cookie{Name: service.SupportCookie, Value: token, Path: "/", MaxAge: 400 * 24 * 3600,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	return token
}

// support answers {"supports":N}. A cross-site request (another site's
// page making its visitors support a report) is refused.
func (a *API) support(w http.ResponseWriter, r *http.Request) error {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return domain.ErrForbidden
	}
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	token := supportToken(w, r)
	n, err := a.svc.Support(r.Context(), r.PathValue("tracking_id"), v, token)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int{"supports": n})
	return nil
}
