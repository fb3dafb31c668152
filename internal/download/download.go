// Package download writes stored files to a browser so that it never runs
// them; the API and the pages both serve attachments through it.
package download

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// Serve writes a stored file with its sniffed type, nosniff, a sandboxing
// CSP, and attachment disposition for anything but images.
func Serve(w http.ResponseWriter, name, contentType string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, max-age=3600")
	disp := "attachment"
	if strings.HasPrefix(contentType, "image/") {
		disp = "inline"
	}
	h.Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": name}))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}
