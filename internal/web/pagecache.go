package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lapor-id/lapor/internal/i18n"
)

// A viral report: tens of thousands of people open one public report at
// once. Its page is the same for every visitor nobody knows, so it is
// rendered (and compressed) once a second and served from memory between:
// a support or an answer shows within a second, and a visitor who just
// pressed Dukung (the page with ?ok=dukung) or anyone logged in gets a
// fresh page.

const (
	pageCacheTTL     = time.Second
	pageCacheStale   = 3 * time.Second // a page this old may still go out while one request renders it anew
	pageCacheEntries = 2000            // past this, the cache starts again empty
)

type cachedPage struct {
	raw, gz    []byte
	status     int
	at         time.Time
	refreshing atomic.Bool // one request is rendering its successor
}

type pageCache struct {
	mu    sync.Mutex
	pages map[string]*cachedPage
}

func pageCacheKey(path string, lang i18n.Lang) string { return string(lang) + " " + path }

// get returns the page to send: a fresh one, or one a little stale while
// another request renders it anew (so a flood renders it once a second,
// not once per request that arrives meanwhile); nil when this request is
// to render it.
func (c *pageCache) get(key string) *cachedPage {
	c.mu.Lock()
	pg := c.pages[key]
	c.mu.Unlock()
	if pg == nil {
		return nil
	}
	switch age := time.Since(pg.at); {
	case age < pageCacheTTL:
		return pg
	case age < pageCacheStale && !pg.refreshing.CompareAndSwap(false, true):
		return pg // another request is rendering it
	}
	return nil
}

func (c *pageCache) put(key string, raw []byte, status int) *cachedPage {
	pg := &cachedPage{raw: raw, status: status, at: time.Now()}
	if len(raw) > 1024 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // once a second: worth the best
		zw.Write(raw)
		zw.Close()
		pg.gz = buf.Bytes()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil || len(c.pages) >= pageCacheEntries {
		c.pages = map[string]*cachedPage{}
	}
	c.pages[key] = pg
	return pg
}

// forget drops the cached page of path in every language.
func (c *pageCache) forget(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, l := range i18n.Langs {
		delete(c.pages, pageCacheKey(path, l))
	}
}

// write sends a cached page, compressed when the client accepts it.
func (pg *cachedPage) write(rw http.ResponseWriter, r *http.Request, lang i18n.Lang) {
	pageHeaders(rw, lang)
	h := rw.Header()
	h.Add("Vary", "Accept-Encoding")
	body := pg.raw
	if pg.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = pg.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	rw.WriteHeader(pg.status)
	if r.Method != http.MethodHead {
		rw.Write(body)
	}
}

// cacheable reports whether the page p answers r is the same for every
// visitor nobody knows.
func cacheable(r *http.Request, p *page) bool {
	return p.Staff == nil && p.Citizen == nil && !p.Enrolling && p.staffErr == nil && r.URL.RawQuery == "" && p.Flash == ""
}
