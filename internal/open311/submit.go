package open311

import (
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// maxForm bounds a POST requests body: the text of a report and its
// contact, never files (media_url is a link the spec allows; Lapor does
// not fetch it).
const maxForm = 64 << 10

// post serves POST requests: a civic app files a request.
func (h *Handler) post(w http.ResponseWriter, r *http.Request, _ format) error {
	name, f, err := splitFile(r.PathValue("file"))
	if err != nil {
		return err
	}
	if name != "requests" {
		return domain.ErrNotFound
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	// The spec's form; some clients send the same fields as multipart.
	switch mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt {
	case "application/x-www-form-urlencoded":
		err = r.ParseForm()
	case "multipart/form-data":
		if err = r.ParseMultipartForm(maxForm); err == nil {
			defer func() { _ = r.MultipartForm.RemoveAll() }()
			if len(r.MultipartForm.File) > 0 {
				return domain.Errorf(domain.CodeInvalid, "open311.error.files") // media_url is the spec's way
			}
		}
	default:
		err = domain.Errorf(domain.CodeInvalid, "open311.error.form")
	}
	if err != nil {
		return domain.Errorf(domain.CodeInvalid, "open311.error.form")
	}
	form := r.PostForm
	key := strings.TrimSpace(form.Get("api_key"))
	if key == "" {
		key = strings.TrimSpace(r.URL.Query().Get("api_key"))
	}
	fe := domain.FieldErrors{}
	in := service.Open311Submission{ServiceCode: form.Get("service_code"), Address: strings.TrimSpace(form.Get("address_string")),
		Description: form.Get("description"), Kind: strings.TrimSpace(form.Get("attribute[kind]")),
		Reporter: domain.Identity{Email: strings.TrimSpace(form.Get("email")), Phone: strings.TrimSpace(form.Get("phone")),
			Name: strings.TrimSpace(strings.TrimSpace(form.Get("first_name")) + " " + strings.TrimSpace(form.Get("last_name")))}}
	in.Lat = parseCoord(fe, "lat", form.Get("lat"), 90)
	in.Lon = parseCoord(fe, "long", form.Get("long"), 180)
	in.Anonymous = parseBool(fe, "attribute[anonymous]", form.Get("attribute[anonymous]"))
	in.Confidential = parseBool(fe, "attribute[confidential]", form.Get("attribute[confidential]"))
	if in.Kind != "" && !domain.Kind(in.Kind).Valid() {
		fe.Add("attribute[kind]", "field.kind.unknown")
	}
	if _, err := h.svc.AuthenticateAPIKey(r.Context(), key, string(domain.ChannelOpen311)); err != nil {
		return err // the key first: a caller without one learns nothing of the form
	}
	if err := fe.Err(); err != nil {
		return err
	}
	if !in.Reporter.Empty() {
		in.Reporter.Lang = string(i18n.Negotiate(r.Header.Get("Accept-Language"))) // of the messages they get
	}
	rec, err := h.svc.Open311Submit(r.Context(), key, in)
	if err != nil {
		return err
	}
	h.writeTokens(w, f, http.StatusCreated, []tokenItem{{ServiceRequestID: rec.TrackingID, Token: rec.TrackingID}})
	return nil
}

// parseCoord reads a latitude or longitude within ±limit.
func parseCoord(fe domain.FieldErrors, field, v string, limit float64) *float64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(x) || math.Abs(x) > limit {
		fe.Add(field, "open311.error.coordinate")
		return nil
	}
	return &x
}

// parseBool reads an attribute of the values "true" and "false".
func parseBool(fe domain.FieldErrors, field, v string) bool {
	switch strings.TrimSpace(v) {
	case "", "false":
		return false
	case "true":
		return true
	}
	fe.Add(field, "open311.error.boolean")
	return false
}
