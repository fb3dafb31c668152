// Package open311 serves Open311 GeoReport v2 at /open311/v2/: the
// standard through which civic apps read public reports and file new
// ones. Every answer comes in .json or .xml, as the spec asks; handlers
// call the service only.
package open311

import (
	"encoding/json"
	"encoding/xml"
	"log/slog"
	"net/http"
	"sort"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// Prefix is where the endpoint lives.
const Prefix = "/open311/v2/"

// Handler serves the endpoint.
type Handler struct {
	svc *service.Service
	log *slog.Logger
}

// New builds the handler.
func New(svc *service.Service, log *slog.Logger) *Handler {
	return &Handler{svc: svc, log: log}
}

// Register adds every Open311 route to mux. All routes are listed here;
// the file name of the last segment carries the format (services.json).
func (h *Handler) Register(mux *http.ServeMux) {
	mux.Handle("GET /open311/v2/{file}", h.wrap(h.top))
	mux.Handle("POST /open311/v2/{file}", h.wrap(h.post))
	mux.Handle("GET /open311/v2/services/{file}", h.wrap(h.serviceDefinition))
	mux.Handle("GET /open311/v2/requests/{file}", h.wrap(h.request))
	mux.Handle("GET /open311/v2/tokens/{file}", h.wrap(h.token))
	mux.Handle("/open311/", h.wrap(func(w http.ResponseWriter, r *http.Request, f format) error { return domain.ErrNotFound }))
}

// format is how an answer is written: "json" or "xml".
type format string

// errBadFormat answers a file name without .json or .xml.
var errBadFormat = domain.Errorf(domain.CodeInvalid, "open311.error.format")

// splitFile cuts "requests.json" into its name and format.
func splitFile(file string) (string, format, error) {
	i := strings.LastIndexByte(file, '.')
	if i < 0 {
		return file, "json", errBadFormat
	}
	switch ext := format(file[i+1:]); ext {
	case "json", "xml":
		return file[:i], ext, nil
	}
	return file[:i], "json", errBadFormat
}

type handlerFunc func(w http.ResponseWriter, r *http.Request, f format) error

// wrap reads the format from the path and renders any error in the spec's
// error format, in that format.
func (h *Handler) wrap(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := formatOf(r)
		if err := fn(w, r, f); err != nil {
			h.fail(w, r, f, err)
		}
	})
}

// formatOf is the format a path asks for; JSON unless it ends in .xml.
func formatOf(r *http.Request) format {
	if strings.HasSuffix(r.URL.Path, ".xml") {
		return "xml"
	}
	return "json"
}

// WriteError answers an error the server raises itself on an Open311 path
// (a rate limit, a panic) in the spec's error format.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	(&Handler{log: log}).fail(w, r, formatOf(r), err)
}

// specStatus maps our error codes to the spec's: a bad key is 403.
func specStatus(code domain.Code) int {
	switch code {
	case domain.CodeInvalid, domain.CodeTooLarge:
		return http.StatusBadRequest
	case domain.CodeUnauthorized, domain.CodeForbidden:
		return http.StatusForbidden
	case domain.CodeNotFound:
		return http.StatusNotFound
	}
	return httperr.Status(code)
}

type errorItem struct {
	XMLName     xml.Name `json:"-" xml:"error"`
	Code        int      `json:"code" xml:"code"`
	Description string   `json:"description" xml:"description"`
}

type errorList struct {
	XMLName xml.Name    `xml:"errors"`
	Errors  []errorItem `xml:"error"`
}

// fail writes err as the spec's list of errors: one per bad field, with
// the field's name first, else one.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, f format, err error) {
	if httperr.Gone(err) {
		return
	}
	httperr.LogInternal(h.log, r, err)
	e := httperr.From(err)
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	status := specStatus(e.Code)
	var items []errorItem
	fields := make([]string, 0, len(e.Fields))
	for name := range e.Fields {
		fields = append(fields, name)
	}
	sort.Strings(fields)
	for _, name := range fields {
		items = append(items, errorItem{Code: status, Description: name + ": " + i18n.T(lang, e.Fields[name])})
	}
	if len(items) == 0 {
		items = []errorItem{{Code: status, Description: i18n.T(lang, e.Key, e.Args...)}}
	}
	if f == "xml" {
		h.write(w, f, status, errorList{Errors: items})
		return
	}
	h.write(w, f, status, items)
}

// write answers v with status in format f.
func (h *Handler) write(w http.ResponseWriter, f format, status int, v any) {
	var data []byte
	var err error
	if f == "xml" {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		data, err = xml.Marshal(v)
		data = append([]byte(xml.Header), data...)
	} else {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		data, err = json.Marshal(v)
	}
	if err != nil {
		h.log.Error("open311 encode", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// baseURL is the scheme and host the client called, for absolute links.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
