package upload

import (
	"errors"
	"fmt"
	"net/http"
)

// Error is a body the reader refuses: what is wrong with it and where.
// Callers turn it into their own messages.
type Error struct {
	Problem Problem
	Part    string // the form name of the part concerned, if any
	Kind    Kind   // that part's kind; zero between parts
	Err     error  // the failed read, if one failed
}

// Problem is what is wrong with a body.
type Problem int

// The problems. TooLarge is the body over Limits.Body wherever that shows;
// its Err is the *http.MaxBytesError.
const (
	Malformed     Problem = iota + 1 // not multipart, cut short, or not sent in time
	TooLarge                         // the body over Limits.Body
	TooManyParts                     // more than Limits.Parts
	TooManyFiles                     // more than Limits.Files
	FileTooLarge                     // a file over Limits.FileBytes
	FieldTooLarge                    // a text field over Limits.FieldBytes
	TextTooLarge                     // all text over Limits.TextBytes
)

var problemNames = map[Problem]string{Malformed: "malformed", TooLarge: "too large", TooManyParts: "too many parts",
	TooManyFiles: "too many files", FileTooLarge: "file too large", FieldTooLarge: "field too large", TextTooLarge: "text too large"}

func (e *Error) Error() string {
	s := "upload: " + problemNames[e.Problem]
	if e.Part != "" {
		s += fmt.Sprintf(" (part %q)", e.Part)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// readFailed is the error for a read that failed inside a part (kind) or
// between parts: a body over its limit wherever it is, malformed otherwise.
func readFailed(part string, kind Kind, err error) *Error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &Error{Problem: TooLarge, Part: part, Kind: kind, Err: err}
	}
	return &Error{Problem: Malformed, Part: part, Kind: kind, Err: err}
}
