// Package uploadtest writes multipart bodies part by part for tests,
// including the odd ones browsers and scripts send.
package uploadtest

import (
	"bytes"
	"mime/multipart"
	"net/textproto"
)

// Part is one part of a body: a file part when File is set (FileName may
// then be empty, as for a file input left empty).
type Part struct {
	Name, FileName string
	File           bool
	ContentType    string // optional
	Data           []byte
}

// Boundary is the boundary of every body Encode writes.
const Boundary = "LaporTestBoundary"

// Encode writes parts in order and returns the Content-Type to send them with.
func Encode(parts ...Part) (contentType string, body []byte) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.SetBoundary(Boundary)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := `form-data; name="` + p.Name + `"`
		if p.File {
			cd += `; filename="` + p.FileName + `"`
		}
		h.Set("Content-Disposition", cd)
		if p.ContentType != "" {
			h.Set("Content-Type", p.ContentType)
		}
		pw, _ := w.CreatePart(h)
		pw.Write(p.Data)
	}
	w.Close()
	return w.FormDataContentType(), b.Bytes()
}
