// Package httperr is the one place where Lapor's error codes become HTTP
// statuses, for the API and the pages alike.
package httperr

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
)

// Status returns the HTTP status for an error code.
func Status(code domain.Code) int {
	switch code {
	case domain.CodeInvalid:
		return http.StatusBadRequest
	case domain.CodeNotFound:
		return http.StatusNotFound
	case domain.CodeConflict:
		return http.StatusConflict
	case domain.CodeForbidden:
		return http.StatusForbidden
	case domain.CodeUnauthorized:
		return http.StatusUnauthorized
	case domain.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case domain.CodeRateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}
