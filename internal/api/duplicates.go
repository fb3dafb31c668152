package api

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

type duplicateJSON struct {
	TrackingID string   `json:"tracking_id"`
	Title      string   `json:"title"`
	Supports   int      `json:"supports"`
	Similarity float64  `json:"similarity"`
	DistanceM  *float64 `json:"distance_m,omitempty"`
}

// publicDuplicates answers GET /api/v1/public/duplicates: the open public
// reports that look like the report being written (title, body, category,
// lat, lon), for the report form's live check and for channels. Only
// public reports are searched, their titles masked.
func (a *API) publicDuplicates(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	f := domain.FieldErrors{}
	q := service.DuplicateQuery{Title: strings.TrimSpace(v.Get("title")), Body: strings.TrimSpace(v.Get("body")),
		Category: strings.TrimSpace(v.Get("category"))}
	switch {
	case q.Title == "":
		f.Add("title", "field.required")
	case len([]rune(q.Title)) > domain.MaxTitle:
		f.Add("title", "field.too_long")
	}
	if len([]rune(q.Body)) > domain.MaxBody {
		f.Add("body", "field.too_long")
	}
	if q.Category != "" && !domain.ValidCode(domain.NormalizeCode(q.Category)) {
		f.Add("category", "field.code.invalid")
	}
	coord := func(name string, limit float64, key string) *float64 {
		s := strings.TrimSpace(v.Get(name))
		if s == "" {
			return nil
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || x < -limit || x > limit {
			f.Add(name, key)
			return nil
		}
		return &x
	}
	q.Lat, q.Lon = coord("lat", 90, "field.location.lat"), coord("lon", 180, "field.location.lon")
	if (q.Lat == nil) != (q.Lon == nil) && f.Err() == nil {
		f.Add("lat", "field.location.pair")
	}
	if err := f.Err(); err != nil {
		return err
	}
	found, err := a.svc.LikelyDuplicates(r.Context(), service.Public, q)
	if err != nil {
		return err
	}
	out := struct {
		Duplicates []duplicateJSON `json:"duplicates"`
	}{Duplicates: []duplicateJSON{}}
	for _, d := range found {
		j := duplicateJSON{TrackingID: d.TrackingID, Title: d.Title, Supports: d.Supports, Similarity: math.Round(d.Similarity*1000) / 1000}
		if d.DistanceM != nil {
			m := math.Round(*d.DistanceM)
			j.DistanceM = &m
		}
		out.Duplicates = append(out.Duplicates, j)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
