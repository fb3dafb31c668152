package upload

import (
	"bytes"
	"mime/multipart"
	"net/textproto"
)

// part is one part of a test body; a file part when file is set.
type part struct {
	name, filename string
	file           bool
	data           string
}

const boundary = "b0und4ry"

func encode(parts ...part) []byte {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.SetBoundary(boundary)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := `form-data; name="` + p.name + `"`
		if p.file {
			cd += `; filename="` + p.filename + `"`
		}
		h.Set("Content-Disposition", cd)
		pw, _ := w.CreatePart(h)
		pw.Write([]byte(p.data))
	}
	w.Close()
	return b.Bytes()
}

// formLimits are small limits for tests: names "attachments" are files,
// "junk" is ignored, the rest are fields.
var formLimits = Limits{Body: 4 << 10, Parts: 6, Files: 2, FileBytes: 1 << 10, FieldBytes: 100, TextBytes: 250,
	IgnoreEmptyFiles: true,
	Kind: func(name, filename string) Kind {
		switch {
		case name == "attachments":
			return FilePart
		case name == "junk":
			return IgnoredPart
		}
		return FieldPart
	}}
