package api

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
)

// statusOf maps an error code to the API's HTTP status.
func statusOf(code domain.Code) int { return httperr.Status(code) }

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    domain.Code       `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// writeError renders any error as the JSON error document, in the
// client's language. Internal causes go to the log, never to the client.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = &domain.Error{Code: domain.CodeTooLarge, Key: "error.too_large"}
	}
	e := domain.AsError(err)
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	if e.Code == domain.CodeInternal {
		// The path is logged, never the body: it may carry a reporter's identity.
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", e.Err)
	}
	body := errorBody{Error: errorDetail{Code: e.Code, Message: i18n.T(lang, e.Key, e.Args...)}}
	if len(e.Fields) > 0 {
		body.Error.Fields = map[string]string{}
		for f, key := range e.Fields {
			body.Error.Fields[f] = i18n.T(lang, key)
		}
	}
	if e.Code == domain.CodeUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="lapor", Receipt realm="lapor"`)
	}
	writeJSON(w, statusOf(e.Code), body)
}
