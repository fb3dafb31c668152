package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// Atom feeds of the newest public reports (RFC 4287): all of them
// (/feed.atom, narrowed by ?unit= or ?category=), of one unit with its
// sub-units (/instansi/{code}/feed.atom) and of one category with those
// under it (/kategori/{code}/feed.atom); and the sitemap of the public
// pages and reports (sitemaps.org), an index of files once there are more
// addresses than one file may hold.

const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName   xml.Name    `xml:"feed"`
	NS        string      `xml:"xmlns,attr"`
	Lang      string      `xml:"xml:lang,attr"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle"`
	ID        string      `xml:"id"`
	Links     []atomLink  `xml:"link"`
	Updated   string      `xml:"updated"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	Title      atomText       `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
}

// feedPath is the address of the feed of a unit, a category, or all.
func feedPath(unit, category string) string {
	switch {
	case unit != "" && category == "":
		return "/instansi/" + url.PathEscape(domain.NormalizeCode(unit)) + "/feed.atom"
	case category != "" && unit == "":
		return "/kategori/" + url.PathEscape(domain.NormalizeCode(category)) + "/feed.atom"
	}
	q := url.Values{}
	if unit != "" {
		q.Set("unit", domain.NormalizeCode(unit))
	}
	if category != "" {
		q.Set("category", domain.NormalizeCode(category))
	}
	if len(q) == 0 {
		return "/feed.atom"
	}
	return "/feed.atom?" + q.Encode()
}

// feedAll: GET /feed.atom?unit=&category=
func (w *Web) feedAll(rw http.ResponseWriter, r *http.Request, p *page) error {
	q := r.URL.Query()
	return w.feed(rw, r, p, q.Get("unit"), q.Get("category"), false)
}

// feedUnit: GET /instansi/{code}/feed.atom
func (w *Web) feedUnit(rw http.ResponseWriter, r *http.Request, p *page) error {
	return w.feed(rw, r, p, r.PathValue("code"), "", true)
}

// feedCategory: GET /kategori/{code}/feed.atom
func (w *Web) feedCategory(rw http.ResponseWriter, r *http.Request, p *page) error {
	return w.feed(rw, r, p, "", r.PathValue("code"), true)
}

// feed writes the Atom feed; inPath: an unknown code in the address is
// a page not found, in the query a bad request.
func (w *Web) feed(rw http.ResponseWriter, r *http.Request, p *page, unit, category string, inPath bool) error {
	f, err := w.svc.PublicFeed(r.Context(), p.viewer(), service.PublicQuery{Unit: unit, Category: category})
	if err != nil {
		if inPath && domain.ErrorCode(err) == domain.CodeInvalid {
			return domain.ErrNotFound
		}
		return err
	}
	base := w.baseURL(r)
	loc := w.svc.Location()
	at := func(t time.Time) string { return t.In(loc).Format(time.RFC3339) }
	title := i18n.T(p.Lang, "web.feed.title")
	list := "/laporan"
	switch {
	case f.Unit != nil && f.Category != nil:
		title = i18n.T(p.Lang, "web.feed.title_unit_category", f.Unit.Name, f.Category.Name)
	case f.Unit != nil:
		title = i18n.T(p.Lang, "web.feed.title_unit", f.Unit.Name)
	case f.Category != nil:
		title = i18n.T(p.Lang, "web.feed.title_category", f.Category.Name)
	}
	lq := url.Values{}
	if f.Unit != nil {
		lq.Set("unit", f.Unit.Code)
	}
	if f.Category != nil {
		lq.Set("category", f.Category.Code)
	}
	if len(lq) > 0 {
		list += "?" + lq.Encode()
	}
	self := base + feedPath(unit, category)
	out := atomFeed{NS: atomNS, Lang: string(p.Lang), Title: title, Subtitle: i18n.T(p.Lang, "web.feed.subtitle"),
		ID: self, Updated: at(f.Updated), Author: atomPerson{Name: "Lapor"}, Generator: "Lapor",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: base + list}}}
	for _, e := range f.Entries {
		link := base + "/laporan/" + e.TrackingID
		facts := []string{i18n.T(p.Lang, "web.status."+string(e.Status)), i18n.T(p.Lang, "web.kind."+string(e.Kind))}
		ae := atomEntry{Title: atomText{Type: "text", Text: e.Title}, ID: link,
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: link},
			Published: at(e.Published), Updated: at(e.Updated)}
		if e.Author != "" {
			ae.Author = &atomPerson{Name: e.Author}
		}
		if e.Unit != nil {
			facts = append(facts, e.Unit.Name)
		}
		if e.Category != nil {
			facts = append(facts, e.Category.Name)
			ae.Categories = append(ae.Categories, atomCategory{Term: e.Category.Code, Label: e.Category.Name})
		}
		ae.Summary = atomText{Type: "text", Text: strings.Join(facts, " · ") + "\n\n" + e.Summary}
		out.Entries = append(out.Entries, ae)
	}
	return writeXML(rw, r, "application/atom+xml; charset=utf-8", out)
}

// writeXML writes v as an XML document.
func writeXML(rw http.ResponseWriter, r *http.Request, contentType string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return domain.Internal(err)
	}
	buf.WriteByte('\n')
	h := rw.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "public, max-age=300")
	writeCompressed(rw, r, http.StatusOK, buf.Bytes())
	return nil
}

// The sitemap.

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapPages are the public pages the sitemap lists besides reports.
var sitemapPages = []string{"/", "/lapor", "/laporan", "/lacak", "/statistik", "/peta", "/informasi", "/open-data"}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemap: GET /sitemap.xml, every public page and report in one file
// while they fit, else an index of /sitemap/halaman.xml and
// /sitemap/laporan-N.xml.
func (w *Web) sitemap(rw http.ResponseWriter, r *http.Request, p *page) error {
	n, err := w.svc.SitemapPages(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	base := w.baseURL(r)
	if n == 1 {
		// Ids below SitemapPageSize: fewer reports than a file holds, but
		// with the pages they may pass it by a few; then an index.
		set := urlSet{NS: sitemapNS, URLs: w.pageURLs(base)}
		err := w.svc.Sitemap(r.Context(), p.viewer(), 0, func(e service.SitemapEntry) error {
			set.URLs = append(set.URLs, w.reportURL(base, e))
			return nil
		})
		if err != nil {
			return err
		}
		if len(set.URLs) <= service.SitemapPageSize {
			return writeXML(rw, r, "application/xml; charset=utf-8", set)
		}
	}
	idx := sitemapIndex{NS: sitemapNS, Sitemaps: []sitemapURL{{Loc: base + "/sitemap/halaman.xml"}}}
	for i := range n {
		idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: base + "/sitemap/laporan-" + strconv.Itoa(i) + ".xml"})
	}
	return writeXML(rw, r, "application/xml; charset=utf-8", idx)
}

// sitemapFile: GET /sitemap/halaman.xml and /sitemap/laporan-N.xml
func (w *Web) sitemapFile(rw http.ResponseWriter, r *http.Request, p *page) error {
	base := w.baseURL(r)
	file := r.PathValue("file")
	if file == "halaman.xml" {
		return writeXML(rw, r, "application/xml; charset=utf-8", urlSet{NS: sitemapNS, URLs: w.pageURLs(base)})
	}
	num, ok := strings.CutPrefix(file, "laporan-")
	num, ok2 := strings.CutSuffix(num, ".xml")
	i, err := strconv.Atoi(num)
	if !ok || !ok2 || err != nil || i < 0 || strconv.Itoa(i) != num {
		return domain.ErrNotFound
	}
	n, err := w.svc.SitemapPages(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	if i >= n {
		return domain.ErrNotFound
	}
	set := urlSet{NS: sitemapNS, URLs: []sitemapURL{}}
	err = w.svc.Sitemap(r.Context(), p.viewer(), i, func(e service.SitemapEntry) error {
		set.URLs = append(set.URLs, w.reportURL(base, e))
		return nil
	})
	if err != nil {
		return err
	}
	return writeXML(rw, r, "application/xml; charset=utf-8", set)
}

func (w *Web) pageURLs(base string) []sitemapURL {
	out := make([]sitemapURL, len(sitemapPages))
	for i, path := range sitemapPages {
		out[i] = sitemapURL{Loc: base + path}
	}
	return out
}

func (w *Web) reportURL(base string, e service.SitemapEntry) sitemapURL {
	return sitemapURL{Loc: base + "/laporan/" + e.TrackingID, LastMod: e.Updated.In(w.svc.Location()).Format(time.RFC3339)}
}
