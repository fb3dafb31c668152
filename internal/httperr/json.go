package httperr

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

// Body is the JSON error document.
type Body struct {
	Error Detail `json:"error"`
}

// Detail is the content of the JSON error document.
type Detail struct {
	Code    domain.Code       `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// Document builds the JSON error document of e in lang.
func Document(lang i18n.Lang, e *domain.Error) Body {
	body := Body{Error: Detail{Code: e.Code, Message: i18n.T(lang, e.Key, e.Args...)}}
	if len(e.Fields) > 0 {
		body.Error.Fields = map[string]string{}
		for f, key := range e.Fields {
			body.Error.Fields[f] = i18n.T(lang, key)
		}
	}
	return body
}

// WriteJSON answers any error as the JSON error document, in the
// client's language. Internal causes go to the log, never to the client.
func WriteJSON(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	if Gone(err) {
		return
	}
	e := From(err)
	LogInternal(log, r, err)
	if e.Code == domain.CodeUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="lapor", Receipt realm="lapor"`)
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Language", string(lang))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(Status(e.Code))
	_ = json.NewEncoder(w).Encode(Document(lang, e))
}
