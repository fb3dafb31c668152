package upload

import (
	"io"
	"mime/multipart"
	"net/url"

	"github.com/lapor-id/lapor/internal/domain"
)

// parse reads the parts of a received body within lim. On an error it
// returns the text fields read so far, so a form can be shown again with
// what was typed.
func parse(body io.Reader, boundary string, lim Limits) (url.Values, []domain.Upload, error) {
	mr := multipart.NewReader(body, boundary)
	values := url.Values{}
	var files []domain.Upload
	var text int64
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			return values, files, nil
		}
		if err != nil {
			return values, nil, readFailed("", 0, err)
		}
		if n >= lim.Parts {
			return values, nil, &Error{Problem: TooManyParts}
		}
		name := part.FormName()
		switch kind := lim.Kind(name, part.FileName()); kind {
		case FilePart:
			data, err := readAtMost(part, lim.FileBytes)
			if err != nil {
				return values, nil, readFailed(name, kind, err)
			}
			if len(data) == 0 && part.FileName() == "" && lim.IgnoreEmptyFiles {
				continue
			}
			if len(files) >= lim.Files {
				return values, nil, &Error{Problem: TooManyFiles, Part: name, Kind: kind}
			}
			if int64(len(data)) > lim.FileBytes {
				return values, nil, &Error{Problem: FileTooLarge, Part: name, Kind: kind}
			}
			files = append(files, domain.Upload{Name: part.FileName(), Data: data})
		case FieldPart:
			data, err := readAtMost(part, lim.FieldBytes)
			if err != nil {
				return values, nil, readFailed(name, kind, err)
			}
			if int64(len(data)) > lim.FieldBytes {
				return values, nil, &Error{Problem: FieldTooLarge, Part: name, Kind: kind}
			}
			if text += int64(len(data)); lim.TextBytes > 0 && text > lim.TextBytes {
				return values, nil, &Error{Problem: TextTooLarge, Part: name, Kind: kind}
			}
			values.Add(name, string(data))
		}
		// An ignored part is read past by the next NextPart.
	}
}

// readAtMost reads up to limit+1 bytes, so that more than limit shows.
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, limit+1))
}
