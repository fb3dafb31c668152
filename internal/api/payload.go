package api

import (
	"errors"
	"mime"
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/upload"
)

// maxParts bounds the parts of a multipart body: the JSON, five files and
// a few the client may add.
const maxParts = 12

// readPayload reads either a JSON body or a multipart form whose part
// named jsonPart holds the JSON and whose "attachments" parts are files.
// The form holds a processing slot until its Done.
func (a *API) readPayload(w http.ResponseWriter, r *http.Request, jsonPart string, v any) (*upload.Form, error) {
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil && r.Header.Get("Content-Type") != "" {
		return nil, domain.Errorf(domain.CodeInvalid, "error.unsupported_media_type")
	}
	switch ct {
	case "application/json", "":
		data, err := readBody(w, r, maxJSONBody)
		if err != nil {
			return nil, err
		}
		return &upload.Form{}, decodeJSON(data, v)
	case "multipart/form-data":
		if params["boundary"] == "" {
			return nil, domain.Errorf(domain.CodeInvalid, "error.unsupported_media_type")
		}
		form, err := a.uploads.Read(w, r, params["boundary"], payloadLimits(jsonPart))
		if err == nil {
			err = decodeParts(form.Values[jsonPart], jsonPart, v)
		}
		if err != nil {
			form.Done()
			return nil, payloadError(err)
		}
		return form, nil
	}
	return nil, domain.Errorf(domain.CodeInvalid, "error.unsupported_media_type")
}

func payloadLimits(jsonPart string) upload.Limits {
	return upload.Limits{
		Body:  int64(service.MaxFiles+1)*service.MaxFileSize + maxJSONBody,
		Parts: maxParts, Files: service.MaxFiles, FileBytes: service.MaxFileSize, FieldBytes: maxJSONBody,
		Kind: func(name, _ string) upload.Kind {
			switch name {
			case jsonPart:
				return upload.FieldPart
			case "attachments":
				return upload.FilePart
			}
			return upload.IgnoredPart
		},
	}
}

// decodeParts decodes the JSON part, required; a client that sends it
// twice gets the two merged, as they were read.
func decodeParts(parts []string, jsonPart string, v any) error {
	if len(parts) == 0 {
		return domain.InvalidField(jsonPart, "field.required")
	}
	for _, p := range parts {
		if err := decodeJSON([]byte(p), v); err != nil {
			return err
		}
	}
	return nil
}

// payloadError is the API's answer to a multipart body refused.
func payloadError(err error) error {
	var e *upload.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Problem {
	case upload.TooLarge, upload.FileTooLarge, upload.FieldTooLarge, upload.TextTooLarge:
		return domain.FileTooLarge()
	case upload.TooManyParts, upload.TooManyFiles:
		return domain.InvalidField("attachments", "field.attachments.too_many")
	}
	if e.Kind == upload.FieldPart {
		return domain.Errorf(domain.CodeInvalid, "error.malformed_json")
	}
	return domain.InvalidField("attachments", "field.attachments.malformed")
}
