package web

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// Open data: every public report as CSV and GeoJSON, streamed a page at a
// time, with a page that says what each field means and under what
// licence. Machine-readable: codes, not words; times RFC 3339 in the
// instance's zone.

// OpenDataLicence is the licence the open data are published under.
const OpenDataLicence = "CC BY 4.0"

// openDataFields are the columns, in order; the dictionary page explains
// each one (web.opendata.field.<name>).
var openDataFields = []string{"tracking_id", "kind", "status", "category_code", "category", "unit_code", "unit",
	"submitted_at", "routed_at", "first_follow_up_at", "completed_at", "address", "kelurahan", "kecamatan",
	"lat", "lon", "supports", "url"}

func (w *Web) openDataValues(base string, row service.OpenDataRow) []string {
	loc := w.svc.Location()
	at := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(loc).Format(time.RFC3339)
	}
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	var catCode, cat, unitCode, unit string
	if row.Category != nil {
		catCode, cat = row.Category.Code, row.Category.Name
	}
	if row.Unit != nil {
		unitCode, unit = row.Unit.Code, row.Unit.Name
	}
	return []string{row.TrackingID, string(row.Kind), string(row.Status), catCode, cat, unitCode, unit,
		at(&row.SubmittedAt), at(row.RoutedAt), at(row.FirstFollowUpAt), at(row.CompletedAt), row.Address,
		row.Kelurahan, row.Kecamatan, num(row.Lat), num(row.Lon), strconv.Itoa(row.Supports),
		base + "/laporan/" + row.TrackingID}
}

func openDataHeaders(rw http.ResponseWriter, contentType, name string) {
	h := rw.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "public, max-age=600")
	h.Set("X-Licence", OpenDataLicence)
}

// openDataCSV: GET /open-data/reports.csv
func (w *Web) openDataCSV(rw http.ResponseWriter, r *http.Request, p *page) error {
	openDataHeaders(rw, "text/csv; charset=utf-8", "lapor-reports.csv")
	cw := csv.NewWriter(rw)
	if err := cw.Write(openDataFields); err != nil {
		return nil // the client went away
	}
	err := w.svc.OpenData(r.Context(), p.viewer(), func(row service.OpenDataRow) error {
		return cw.Write(w.openDataValues(w.baseURL(r), row))
	})
	cw.Flush()
	return w.streamEnd(err)
}

// openDataGeoJSON: GET /open-data/reports.geojson, one feature per report;
// a report without coordinates has a null geometry.
func (w *Web) openDataGeoJSON(rw http.ResponseWriter, r *http.Request, p *page) error {
	openDataHeaders(rw, "application/geo+json", "lapor-reports.geojson")
	if _, err := io.WriteString(rw, `{"type":"FeatureCollection","features":[`); err != nil {
		return nil
	}
	first := true
	err := w.svc.OpenData(r.Context(), p.viewer(), func(row service.OpenDataRow) error {
		props := map[string]any{}
		for i, v := range w.openDataValues(w.baseURL(r), row) {
			switch name := openDataFields[i]; {
			case name == "lat" || name == "lon":
			case name == "supports":
				props[name] = row.Supports
			case v == "":
				props[name] = nil
			default:
				props[name] = v
			}
		}
		f := map[string]any{"type": "Feature", "id": row.TrackingID, "geometry": nil, "properties": props}
		if row.Lat != nil && row.Lon != nil {
			f["geometry"] = map[string]any{"type": "Point", "coordinates": []float64{*row.Lon, *row.Lat}}
		}
		b, err := json.Marshal(f)
		if err != nil {
			return err
		}
		if !first {
			b = append([]byte{','}, b...)
		}
		first = false
		_, err = rw.Write(b)
		return err
	})
	if err == nil {
		_, err = io.WriteString(rw, "]}\n")
	}
	return w.streamEnd(err)
}

// streamEnd logs a walk that broke off once the answer had begun: the
// status is sent, so the client sees a cut file, not an error page.
func (w *Web) streamEnd(err error) error {
	if err != nil {
		w.log.Warn("open data cut short", "err", err)
	}
	return nil
}

type openDataPage struct {
	Fields      []string
	Information []string // the register's columns
	Licence     string
}

// openDataDictionary: GET /open-data, what each field means.
func (w *Web) openDataDictionary(rw http.ResponseWriter, r *http.Request, p *page) error {
	p.Title = i18n.T(p.Lang, "web.opendata.title")
	p.Nav = "public"
	p.Path = "/open-data"
	p.Data = openDataPage{Fields: openDataFields, Information: informationFields, Licence: OpenDataLicence}
	w.render(rw, r, p, "open_data", http.StatusOK)
	return nil
}
