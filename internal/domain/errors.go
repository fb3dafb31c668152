package domain

import (
	"errors"
	"fmt"
)

// Code classifies an error; the HTTP layer maps each code to one status.
type Code string

const (
	CodeInvalid      Code = "invalid"
	CodeNotFound     Code = "not_found"
	CodeConflict     Code = "conflict"
	CodeForbidden    Code = "forbidden"
	CodeUnauthorized Code = "unauthorized"
	CodeTooLarge     Code = "too_large"
	CodeRateLimited  Code = "rate_limited"
	CodeInternal     Code = "internal"
)

// Error is the one error type that crosses package boundaries. Key and
// Fields hold message-catalogue keys, so every layer can show the message
// in the reader's language; Err keeps the cause for logs only.
type Error struct {
	Code   Code
	Key    string            // catalogue key of the main message
	Args   []any             // arguments for the message
	Fields map[string]string // field name -> catalogue key
	Err    error             // cause, never shown to users
}

func (e *Error) Error() string {
	s := string(e.Code) + ": " + e.Key
	if len(e.Fields) > 0 {
		s += fmt.Sprintf(" %v", e.Fields)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error with a message key.
func Errorf(code Code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// Internal wraps an unexpected error; users only see "internal error".
func Internal(err error) *Error {
	return &Error{Code: CodeInternal, Key: "error.internal", Err: err}
}

// ErrorCode returns the code of err, CodeInternal for foreign errors.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// AsError returns err as *Error, wrapping foreign errors as internal.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(err)
}

// FieldErrors collects validation failures per field.
type FieldErrors map[string]string

// Add records the first problem of a field.
func (f FieldErrors) Add(field, key string) {
	if _, ok := f[field]; !ok {
		f[field] = key
	}
}

// Err returns nil when empty, else an invalid *Error naming the fields.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Key: "error.invalid_fields", Fields: f}
}

// Common errors.
var (
	ErrNotFound     = Errorf(CodeNotFound, "error.not_found")
	ErrForbidden    = Errorf(CodeForbidden, "error.forbidden")
	ErrUnauthorized = Errorf(CodeUnauthorized, "error.unauthorized")
)

// FileTooLarge is the error for an attachment over its size limit, or a
// body of attachments over its own.
func FileTooLarge() *Error {
	return &Error{Code: CodeTooLarge, Key: "error.too_large", Fields: map[string]string{"attachments": "field.attachments.too_large"}}
}

// InvalidField is a shortcut for a single bad field.
func InvalidField(field, key string) *Error {
	return &Error{Code: CodeInvalid, Key: "error.invalid_fields", Fields: map[string]string{field: key}}
}

// Wrap adds context to *errp when it holds an error: deferred at the top
// of an exported store or service function, with its name and key
// arguments (identifiers, never personal data), so a logged internal
// error says where it came from. The error's code and message are kept.
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}
