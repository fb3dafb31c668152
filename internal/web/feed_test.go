package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// planted are reports filed and verified for the public face's tests: a
// named one (the reporter chose to be shown), an anonymous one whose
// reporter gave a name, e-mail and phone, a confidential one, and one
// still waiting for verification.
type planted struct {
	shown, anon, secret, fresh string
	// secrets must appear on no public page, feed or map.
	secrets []string
}

// markupTitle is the named report's title unless a test gives another:
// markup and quotes, to prove they are escaped.
const markupTitle = `Sampah <b>menumpuk</b> & "bau" di pasar`

func plantPublicFace(t *testing.T, e *env, title ...string) planted {
	t.Helper()
	cit := e.browser(t)
	var p planted
	shownTitle := markupTitle
	if len(title) > 0 {
		shownTitle = title[0]
	}
	p.shown, _ = cit.fileReport(url.Values{"title": {shownTitle}, "reporter.name": {"Dewi Lestari"},
		"show_name": {"1"}, "category": {"infrastruktur-drainase"}, "location.lat": {"0.1361"}, "location.lon": {"117.4980"}})
	p.anon, _ = cit.fileReport(url.Values{"title": {"Lampu jalan padam di Jl. Pahlawan"}, "anonymous": {"1"},
		"reporter.name": {"Rahmat Hidayat"}, "reporter.email": {"rahmat@example.id"}, "reporter.phone": {"0812 5555 1234"},
		"body": {"Sudah seminggu padam. Hubungi saya di 0812-5555-1234."}, "location.lat": {"0.1200"}, "location.lon": {"117.4800"}})
	p.secret, _ = cit.fileReport(url.Values{"title": {"Pungutan liar di kantor kelurahan"}, "confidential": {"1"},
		"reporter.name": {"Sari Wulandari"}, "location.lat": {"0.1300"}, "location.lon": {"117.4900"}})
	p.fresh, _ = cit.fileReport(url.Values{"title": {"Belum diperiksa admin"}, "location.lat": {"0.1400"}, "location.lon": {"117.5000"}})
	adm := e.browser(t)
	adm.login(adminEmail)
	for _, id := range []string{p.shown, p.anon, p.secret} {
		mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
	}
	p.secrets = []string{p.secret, p.fresh, "Pungutan liar", "Belum diperiksa", "Rahmat", "rahmat@example.id", "5555",
		"Sari Wulandari"}
	return p
}

// noSecrets fails when body shows any of the planted secrets.
func (p planted) noSecrets(t *testing.T, what, body string) {
	t.Helper()
	for _, s := range p.secrets {
		if strings.Contains(body, s) {
			t.Errorf("%s shows %q", what, s)
		}
	}
}

type testFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Author  string   `xml:"author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Author    string `xml:"author>name"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Category []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func getFeed(t *testing.T, b *browser, path string) testFeed {
	t.Helper()
	r := b.get(path)
	mustStatus(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	if !strings.HasPrefix(r.Body, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("%s: no XML declaration: %.60s", path, r.Body)
	}
	var f testFeed
	if err := xml.Unmarshal([]byte(r.Body), &f); err != nil {
		t.Fatalf("%s: not XML: %v\n%s", path, err, r.Body)
	}
	// What RFC 4287 requires of a feed and of each entry.
	check := func(what, id, updated string) {
		if id == "" {
			t.Errorf("%s: %s without an id", path, what)
		}
		if _, err := time.Parse(time.RFC3339, updated); err != nil {
			t.Errorf("%s: %s updated %q: %v", path, what, updated, err)
		}
	}
	check("the feed", f.ID, f.Updated)
	if f.Title == "" || f.Author == "" {
		t.Errorf("%s: no title or author", path)
	}
	var self bool
	for _, l := range f.Links {
		self = self || l.Rel == "self" && strings.HasSuffix(l.Href, ".atom") // the canonical address
	}
	if !self {
		t.Errorf("%s: no self link: %+v", path, f.Links)
	}
	ids := map[string]bool{}
	for _, e := range f.Entries {
		check("an entry", e.ID, e.Updated)
		if ids[e.ID] {
			t.Errorf("%s: id %s twice", path, e.ID)
		}
		ids[e.ID] = true
		if e.Title == "" || e.Link.Href == "" {
			t.Errorf("%s: entry without title or link: %+v", path, e)
		}
	}
	return f
}

func feedIDs(f testFeed) []string {
	var ids []string
	for _, e := range f.Entries {
		ids = append(ids, e.Link.Href[strings.LastIndex(e.Link.Href, "/")+1:])
	}
	slices.Sort(ids)
	return ids
}

// TestFeeds: the Atom feeds carry the newest public reports, all of them,
// of a unit or of a category; valid Atom with the text escaped and
// masked, the reporter named only when they chose so; a confidential or
// unverified report never. The list page announces its feed.
func TestFeeds(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		p := plantPublicFace(t, e)
		pub := e.browser(t)
		want := []string{p.shown, p.anon}
		slices.Sort(want)
		for _, path := range []string{"/feed.atom", "/feed.atom?unit=dpupr", "/instansi/dpupr/feed.atom", "/feed.atom?lang=en"} {
			f := getFeed(t, pub, path)
			if got := feedIDs(f); !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", path, got, want)
			}
			r := pub.get(path)
			p.noSecrets(t, path, r.Body)
			for _, en := range f.Entries {
				switch {
				case strings.HasSuffix(en.ID, p.shown):
					if en.Title != markupTitle || en.Author != "Dewi Lestari" {
						t.Errorf("%s: the named report: title %q, author %q", path, en.Title, en.Author)
					}
					if len(en.Category) != 1 || en.Category[0].Term != "infrastruktur-drainase" {
						t.Errorf("%s: category %+v", path, en.Category)
					}
				case en.Author != "":
					t.Errorf("%s: the anonymous report has an author: %q", path, en.Author)
				}
			}
			if strings.Contains(r.Body, "<b>menumpuk") {
				t.Errorf("%s: markup not escaped", path)
			}
		}
		if f := getFeed(t, pub, "/feed.atom?lang=en"); f.Lang != "en" {
			t.Errorf("English feed: xml:lang %q", f.Lang)
		}
		for _, path := range []string{"/kategori/infrastruktur-drainase/feed.atom", "/feed.atom?category=infrastruktur-drainase"} {
			if got := feedIDs(getFeed(t, pub, path)); !slices.Equal(got, []string{p.shown}) {
				t.Errorf("%s: %v", path, got)
			}
		}
		// The parent category takes its sub-categories along.
		if got := feedIDs(getFeed(t, pub, "/kategori/infrastruktur/feed.atom")); !slices.Equal(got, want) {
			t.Errorf("parent category feed: %v", got)
		}
		mustStatus(t, pub.get("/instansi/tidak-ada/feed.atom"), http.StatusNotFound)
		mustStatus(t, pub.get("/kategori/tidak-ada/feed.atom"), http.StatusNotFound)
		mustStatus(t, pub.get("/feed.atom?unit=tidak-ada"), http.StatusUnprocessableEntity)

		list := pub.get("/laporan?unit=dpupr")
		if href := list.Doc.Find(`head link[rel=alternate][type="application/atom+xml"]`).AttrOr("href", ""); href != "/instansi/dpupr/feed.atom" {
			t.Errorf("the list's feed link: %q", href)
		}
		if pub.get("/laporan").Doc.Find(`head link[rel=alternate][href="/feed.atom"]`).Length() != 1 {
			t.Error("/laporan does not announce /feed.atom")
		}
	})
}

type testURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

// TestSitemap: /sitemap.xml lists the public pages and public reports, no
// other; the files of an index answer too.
func TestSitemap(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		p := plantPublicFace(t, e)
		pub := e.browser(t)
		for _, path := range []string{"/sitemap.xml", "/sitemap/laporan-0.xml", "/sitemap/halaman.xml"} {
			r := pub.get(path)
			mustStatus(t, r, http.StatusOK)
			var set testURLSet
			if err := xml.Unmarshal([]byte(r.Body), &set); err != nil {
				t.Fatalf("%s: %v\n%s", path, err, r.Body)
			}
			p.noSecrets(t, path, r.Body)
			var locs []string
			for _, u := range set.URLs {
				locs = append(locs, u.Loc[strings.Index(u.Loc[8:], "/")+8:])
				if u.LastMod != "" {
					if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
						t.Errorf("%s: lastmod %q", path, u.LastMod)
					}
				}
			}
			hasReports := path != "/sitemap/halaman.xml"
			if slices.Contains(locs, "/laporan/"+p.shown) != hasReports || slices.Contains(locs, "/laporan/"+p.anon) != hasReports {
				t.Errorf("%s: public reports listed %v, want %v: %v", path, !hasReports, hasReports, locs)
			}
			if slices.Contains(locs, "/statistik") != (path != "/sitemap/laporan-0.xml") {
				t.Errorf("%s: pages: %v", path, locs)
			}
		}
		for _, path := range []string{"/sitemap/laporan-1.xml", "/sitemap/laporan--1.xml", "/sitemap/laporan-01.xml", "/sitemap/x.xml"} {
			mustStatus(t, pub.get(path), http.StatusNotFound)
		}
	})
}

// TestPublicFaceKeepsSecrets walks every public page, feed, map and file
// with a confidential report, an unverified one and an anonymous one
// planted: the first two appear nowhere, the anonymous reporter's name,
// e-mail and phone nowhere, in either language.
func TestPublicFaceKeepsSecrets(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		p := plantPublicFace(t, e)
		adm := e.browser(t)
		adm.login(adminEmail)
		mustStatus(t, adm.post("/staf/admin/peta", url.Values{"tile_url": {"https://tile.example.org/{z}/{x}/{y}.png"}}), http.StatusSeeOther)
		paths := []string{"/", "/laporan", "/laporan?sort=supported", "/laporan?q=pungutan", "/laporan/" + p.anon, "/laporan/" + p.shown,
			"/statistik", "/peta", "/peta/data.json", "/feed.atom", "/instansi/dpupr/feed.atom", "/kategori/infrastruktur/feed.atom",
			"/sitemap.xml", "/sitemap/laporan-0.xml", "/open-data/reports.csv", "/open-data/reports.geojson"}
		for _, lang := range []string{"id", "en"} {
			b := e.browser(t)
			for _, path := range paths {
				sep := "?"
				if strings.Contains(path, "?") {
					sep = "&"
				}
				r := b.get(path + sep + "lang=" + lang)
				mustStatus(t, r, http.StatusOK)
				p.noSecrets(t, lang+" "+path, r.Body)
			}
			for _, id := range []string{p.secret, p.fresh} {
				mustStatus(t, b.get("/laporan/"+id), http.StatusNotFound)
			}
		}
	})
}
