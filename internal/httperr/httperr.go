// Package httperr is the one place where Lapor's error codes become HTTP
// answers: the code table (statuses for the API and for pages) and the
// JSON renderer. The pages' renderer lives with the templates (package
// web) and takes its statuses from here.
package httperr

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
)

// entry is one row of the code table.
type entry struct {
	code domain.Code
	api  int    // status of a JSON answer
	page int    // status of a page: a form that did not validate is shown again, 422
	key  string // message when the error names none
}

// table lists every error code an answer may carry, internal last (the
// row of any code it does not list).
var table = []entry{
	{domain.CodeInvalid, http.StatusBadRequest, http.StatusUnprocessableEntity, "error.invalid_fields"},
	{domain.CodeNotFound, http.StatusNotFound, http.StatusNotFound, "error.not_found"},
	{domain.CodeConflict, http.StatusConflict, http.StatusConflict, "error.conflict"},
	{domain.CodeForbidden, http.StatusForbidden, http.StatusForbidden, "error.forbidden"},
	{domain.CodeUnauthorized, http.StatusUnauthorized, http.StatusUnauthorized, "error.unauthorized"},
	{domain.CodeTooLarge, http.StatusRequestEntityTooLarge, http.StatusRequestEntityTooLarge, "error.too_large"},
	{domain.CodeRateLimited, http.StatusTooManyRequests, http.StatusTooManyRequests, "error.rate_limited"},
	{domain.CodeInternal, http.StatusInternalServerError, http.StatusInternalServerError, "error.internal"},
}

// Codes lists the codes of the table, for documentation and tests.
func Codes() []domain.Code {
	out := make([]domain.Code, len(table))
	for i, e := range table {
		out[i] = e.code
	}
	return out
}

// Status returns the HTTP status of a JSON answer with this code.
func Status(code domain.Code) int { return lookup(code).api }

// PageStatus returns the HTTP status of a page answering with this code.
func PageStatus(code domain.Code) int { return lookup(code).page }

// PageStatusOf returns the status of a page answering with err.
func PageStatusOf(err error) int { return PageStatus(From(err).Code) }

func lookup(code domain.Code) entry {
	for _, e := range table {
		if e.code == code {
			return e
		}
	}
	return table[len(table)-1]
}

// From turns any error into the one error type: a body over its limit is
// too_large, a foreign error internal; an error without a message gets
// its code's.
func From(err error) *domain.Error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &domain.Error{Code: domain.CodeTooLarge, Key: "error.too_large", Err: err}
	}
	e := domain.AsError(err)
	if e.Key == "" {
		c := *e
		c.Key = lookup(c.Code).key
		e = &c
	}
	return e
}

// Gone reports whether the client went away: there is nobody to answer.
func Gone(err error) bool { return errors.Is(err, context.Canceled) }

// LogInternal logs an internal error with its cause and the functions it
// passed through (domain.Wrap). Only the method and path of the request
// are named, never its body or query: either may carry a reporter's
// identity.
func LogInternal(log *slog.Logger, r *http.Request, err error) {
	if From(err).Code != domain.CodeInternal {
		return
	}
	log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err.Error())
}
