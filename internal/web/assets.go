package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

//go:embed static
var staticFS embed.FS

// asset is one static file, served under a name that carries a hash of
// its content so it can be cached for a year.
type asset struct {
	name, hashed string
	contentType  string
	data, gz     []byte
}

type assets struct {
	byName   map[string]*asset // app.css -> asset
	byHashed map[string]*asset // app.1a2b3c4d.css -> asset
}

func loadAssets() *assets {
	a := &assets{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(staticFS, "static/"+e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(e.Name())
		x := &asset{name: e.Name(), data: data, contentType: mime.TypeByExtension(ext),
			hashed: strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:5]) + ext}
		if x.contentType == "" {
			x.contentType = "application/octet-stream"
		}
		if compressible(x.contentType) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(data)
			zw.Close()
			if buf.Len() < len(data) {
				x.gz = buf.Bytes()
			}
		}
		a.byName[x.name] = x
		a.byHashed[x.hashed] = x
	}
	return a
}

// url returns the address of a static file under its content hash.
func (a *assets) url(name string) string {
	if x, ok := a.byName[name]; ok {
		return "/static/" + x.hashed
	}
	return "/static/" + name
}

func (w *Web) static(rw http.ResponseWriter, r *http.Request) {
	x, ok := w.assets.byHashed[r.PathValue("file")]
	if !ok {
		http.NotFound(rw, r)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", x.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Vary", "Accept-Encoding")
	if x.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(x.gz)))
		rw.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			rw.Write(x.gz)
		}
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(x.data)))
	rw.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		rw.Write(x.data)
	}
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") || strings.Contains(ct, "svg") ||
		strings.Contains(ct, "json")
}

// acceptsGzip reports whether the client takes gzip (and did not refuse it
// with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// pageGzip is a gzip writer and its output, kept for the next page: a new
// writer allocates about a megabyte, which under a flood of views of one
// report was a third of the server's work (in the collector).
type pageGzip struct {
	buf bytes.Buffer
	w   *gzip.Writer
}

// gzipPool compresses pages at BestSpeed: an HTML page still shrinks to a
// fifth, at a fraction of the default level's cost.
var gzipPool = sync.Pool{New: func() any {
	z := &pageGzip{}
	z.w, _ = gzip.NewWriterLevel(&z.buf, gzip.BestSpeed)
	return z
}}

// writeCompressed writes a rendered page, gzipped when it is worth it and
// the client accepts it.
func writeCompressed(rw http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := rw.Header()
	h.Add("Vary", "Accept-Encoding")
	if len(body) > 1024 && acceptsGzip(r) {
		z := gzipPool.Get().(*pageGzip)
		defer gzipPool.Put(z)
		z.buf.Reset()
		z.w.Reset(&z.buf)
		z.w.Write(body)
		z.w.Close()
		h.Set("Content-Encoding", "gzip")
		body = z.buf.Bytes()
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	rw.WriteHeader(status)
	if r.Method != http.MethodHead {
		rw.Write(body)
	}
}
