package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/lapor-id/lapor/internal/domain"
)

// Request limits.
const (
	maxJSONBody  = 2 << 20 // a 1 MB title must reach validation and be named
	maxJSONDepth = 8
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// decodeJSON reads a bounded JSON document into v, naming the field at
// fault for every problem: bad syntax, invalid UTF-8, excessive nesting
// or a value of the wrong type.
func decodeJSON(data []byte, v any) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || !json.Valid(data) {
		return malformed()
	}
	if !plainJSON(data) {
		// Something is off: walk the document to name the field at fault.
		if err := checkRaw(json.RawMessage(data), "", 0); err != nil {
			return err
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field := te.Field
			if field == "" {
				field = "request"
			}
			return domain.InvalidField(field, "field.json.type")
		}
		return malformed()
	}
	return nil
}

func malformed() error {
	return &domain.Error{Code: domain.CodeInvalid, Key: "error.malformed_json",
		Fields: map[string]string{"request": "field.json.malformed"}}
}

// plainJSON is the fast path for the common document: valid UTF-8, no
// \u escapes (which may hide lone surrogates) and nesting within bounds,
// checked in one pass without decoding.
func plainJSON(data []byte) bool {
	if !utf8.Valid(data) || bytes.Contains(data, []byte(`\u`)) {
		return false
	}
	depth, inString, escaped := 0, false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > maxJSONDepth {
				return false
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return true
}

// checkRaw walks a JSON value and rejects invalid UTF-8 (which the
// standard decoder would silently replace) and deep nesting.
func checkRaw(raw json.RawMessage, path string, depth int) error {
	if depth > maxJSONDepth {
		return domain.InvalidField(orRequest(path), "field.too_long")
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	switch raw[0] {
	case '{':
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return malformed()
		}
		for k, v := range m {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if !utf8.ValidString(k) {
				return domain.InvalidField(orRequest(path), "field.utf8")
			}
			if err := checkRaw(v, p, depth+1); err != nil {
				return err
			}
		}
	case '[':
		var a []json.RawMessage
		if err := json.Unmarshal(raw, &a); err != nil {
			return malformed()
		}
		for _, v := range a {
			if err := checkRaw(v, path, depth+1); err != nil {
				return err
			}
		}
	case '"':
		if !utf8.Valid(raw) || (bytes.Contains(raw, []byte(`\u`)) && hasLoneSurrogate(raw)) {
			return domain.InvalidField(orRequest(path), "field.utf8")
		}
	}
	return nil
}

// hasLoneSurrogate reports an escaped surrogate that does not form a pair,
// which would decode to U+FFFD.
func hasLoneSurrogate(raw []byte) bool {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return true
	}
	return strings.ContainsRune(s, utf8.RuneError) && !bytes.Contains(raw, []byte("\uFFFD")) && !bytes.Contains(bytes.ToLower(raw), []byte(`\ufffd`))
}

func orRequest(p string) string {
	if p == "" {
		return "request"
	}
	return p
}

// readBody reads a request body up to limit bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, &domain.Error{Code: domain.CodeTooLarge, Key: "error.too_large",
				Fields: map[string]string{"request": "field.too_long"}}
		}
		return nil, malformed()
	}
	return data, nil
}
