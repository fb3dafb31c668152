package web

import (
	"errors"
	"mime"
	"net/http"
	"net/url"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/upload"
)

// Form size limits.
const (
	maxFieldBytes = 64 << 10
	maxTextBytes  = 256 << 10
	maxParts      = 48
)

// readForm reads a posted form, URL-encoded or multipart, without files:
// file parts are ignored.
func (w *Web) readForm(rw http.ResponseWriter, r *http.Request) (url.Values, error) {
	form, err := w.readPosted(rw, r, false)
	form.Done()
	return form.Values, err
}

// readFormWithFiles reads a posted form with its files (the "attachments"
// parts, or "file"). The form holds a processing slot until its Done:
// call it once the files are processed, before answering. On an error the
// form still has the values read, to show them again.
func (w *Web) readFormWithFiles(rw http.ResponseWriter, r *http.Request) (*upload.Form, error) {
	return w.readPosted(rw, r, true)
}

func (w *Web) readPosted(rw http.ResponseWriter, r *http.Request, withFiles bool) (*upload.Form, error) {
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || ct != "multipart/form-data" {
		values, err := readURLEncoded(rw, r)
		return &upload.Form{Values: values}, err
	}
	if params["boundary"] == "" {
		return &upload.Form{Values: url.Values{}}, domain.Errorf(domain.CodeInvalid, "web.error.bad_form")
	}
	form, err := w.uploads.Read(rw, r, params["boundary"], formLimits(withFiles))
	return form, formError(err)
}

func readURLEncoded(rw http.ResponseWriter, r *http.Request) (url.Values, error) {
	r.Body = http.MaxBytesReader(rw, r.Body, maxTextBytes)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return url.Values{}, domain.Errorf(domain.CodeTooLarge, "error.too_large")
		}
		return url.Values{}, domain.Errorf(domain.CodeInvalid, "web.error.bad_form")
	}
	return r.PostForm, nil
}

// formLimits bound a multipart form. A part is a file when it has a file
// name or is named "attachments" or "file"; a form without files ignores
// them.
func formLimits(withFiles bool) upload.Limits {
	lim := upload.Limits{Body: maxTextBytes, Parts: maxParts, Files: service.MaxFiles, FileBytes: service.MaxFileSize,
		FieldBytes: maxFieldBytes, TextBytes: maxTextBytes, IgnoreEmptyFiles: true}
	files := upload.IgnoredPart
	if withFiles {
		lim.Body += int64(service.MaxFiles+1) * service.MaxFileSize
		files = upload.FilePart
	}
	lim.Kind = func(name, filename string) upload.Kind {
		if filename != "" || name == "attachments" || name == "file" {
			return files
		}
		return upload.FieldPart
	}
	return lim
}

// formError is what a form shows for a multipart body refused.
func formError(err error) error {
	var e *upload.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Problem {
	case upload.TooLarge, upload.FileTooLarge:
		return domain.FileTooLarge()
	case upload.TooManyFiles:
		return domain.InvalidField("attachments", "field.attachments.too_many")
	case upload.FieldTooLarge:
		return domain.InvalidField(e.Part, "field.too_long")
	case upload.TextTooLarge:
		return domain.Errorf(domain.CodeTooLarge, "error.too_large")
	}
	if e.Problem == upload.Malformed && e.Kind == upload.FilePart {
		return domain.InvalidField("attachments", "field.attachments.malformed")
	}
	return domain.Errorf(domain.CodeInvalid, "web.error.bad_form")
}
