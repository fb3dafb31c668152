package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

//go:embed templates
var templateFS embed.FS

// page is what every template receives.
type page struct {
	Lang      i18n.Lang
	Title     string // already translated
	Path      string // the page's address, for the language switch
	SwitchURL string
	OtherLang i18n.Lang
	Staff     *domain.User
	Citizen   *domain.Citizen
	Flash     string // translated notice after a successful action
	Form      *form
	Nav       string // active navigation item
	Data      any
	Wide      bool   // staff pages use a wider column
	Enrolling bool   // the staff session may only set up a second factor
	Feed      string // the Atom feed of a list page, announced in its head
	staffErr  error  // why a staff session cookie was refused
}

// viewer is who asks the service, as this page knows them: the staff
// member logged in, else the citizen account logged in, else the public.
func (p *page) viewer() service.Viewer {
	switch {
	case p.Staff != nil:
		return service.Staff(p.Staff)
	case p.Citizen != nil:
		return service.Viewer{Citizen: p.Citizen}
	}
	return service.Public
}

// finish fills the fields derived from the others.
func (p *page) finish(w *Web, r *http.Request) {
	p.OtherLang = i18n.EN
	if p.Lang == i18n.EN {
		p.OtherLang = i18n.ID
	}
	u, err := url.Parse(p.Path)
	if err != nil || !strings.HasPrefix(p.Path, "/") || strings.HasPrefix(p.Path, "//") {
		u = &url.URL{Path: "/"}
	}
	q := u.Query()
	q.Set("lang", string(p.OtherLang))
	q.Del("ok")
	u.RawQuery = q.Encode()
	p.SwitchURL = u.String()
	if p.Title == "" {
		p.Title = "Lapor"
	}
}

// templateSet is the layout, the partials and one page, parsed for one
// language.
type templateSet struct {
	t *template.Template
}

// parseTemplates parses, for each language, the layout with each page.
// A broken template stops the server at start-up.
func (w *Web) parseTemplates() map[i18n.Lang]map[string]*templateSet {
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[i18n.Lang]map[string]*templateSet{}
	for _, lang := range i18n.Langs {
		out[lang] = map[string]*templateSet{}
		base := template.Must(template.New("").Funcs(w.funcs(lang)).ParseFS(templateFS, "templates/layout.html"))
		for _, p := range pages {
			name := strings.TrimSuffix(path.Base(p), ".html")
			if name == "layout" {
				continue
			}
			t := template.Must(template.Must(base.Clone()).ParseFS(templateFS, p))
			out[lang][name] = &templateSet{t: t}
		}
	}
	return out
}

// templateNames lists the page templates, for tests.
func (w *Web) templateNames() []string {
	var out []string
	for name := range w.tmpl[i18n.ID] {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

var monthKeys = [...]string{"", "web.month.1", "web.month.2", "web.month.3", "web.month.4", "web.month.5", "web.month.6",
	"web.month.7", "web.month.8", "web.month.9", "web.month.10", "web.month.11", "web.month.12"}

// funcs are the template functions for one language.
func (w *Web) funcs(lang i18n.Lang) template.FuncMap {
	tr := func(key string, args ...any) string {
		if !i18n.Has(lang, key) {
			w.missing(lang, key)
		}
		return i18n.T(lang, key, args...)
	}
	loc := w.svc.Location()
	f := i18n.Formatter(lang, loc) // every date, number and size of a page
	orDash := func(p *float64, write func(float64) string) string {
		if p == nil {
			return "–"
		}
		return write(*p)
	}
	return template.FuncMap{
		"t":        tr,
		"date":     f.Date,
		"datetime": f.DateTime,
		"isodate":  func(t time.Time) string { return t.In(loc).Format("2006-01-02") },
		"isotime":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"dateText": func(s string) string { return dateText(f, s) },
		"asset":    w.assets.url,
		"status":   func(s any) string { return tr("web.status." + fmt.Sprint(s)) },
		"kind":     func(k any) string { return tr("web.kind." + fmt.Sprint(k)) },
		"role":     func(r any) string { return tr("web.role." + fmt.Sprint(r)) },
		"action":   func(a any) string { return tr("web.action." + fmt.Sprint(a)) },
		"reason":   func(s any) string { return tr("web.reason." + fmt.Sprint(s)) },
		"channel":  func(c any) string { return tr("web.channel." + fmt.Sprint(c)) },
		"event":    func(e service.EventView, a service.Access) string { return eventText(tr, f, e, a) },
		"isStaff":  func(a service.Access) bool { return a == service.AccessStaff },
		"detail":   func(e service.EventView, a service.Access) string { return service.EventDetail(e, a, tr, f) },
		"waited":   func(t time.Time) string { return waited(tr, w.svc, t) },
		"grade": func(g string) string { // an evaluation grade's label; "" for none
			if g == "" {
				return ""
			}
			return tr("grade." + g)
		},
		"has": func(list []domain.Action, a string) bool {
			for _, x := range list {
				if string(x) == a {
					return true
				}
			}
			return false
		},
		"seq": func(from, to int) []int {
			var out []int
			for i := from; i <= to; i++ {
				out = append(out, i)
			}
			return out
		},
		"sub":     func(a, b int) int { return a - b },
		"isImage": func(ct string) bool { return strings.HasPrefix(ct, "image/") },
		"size":    f.Size,
		"number":  func(n int) string { return f.Int(int64(n)) },
		"pct":     func(p *float64) string { return orDash(p, f.Percent) },
		"num":     func(p *float64) string { return orDash(p, func(x float64) string { return f.Number(x, 2) }) },
		"group":   groupSecret,
		"limits":  func() textLimits { return limits },
		"trim":    strings.TrimSpace,
		"fieldID": fieldID,
		"colOf":   func(name string) string { return name[strings.LastIndex(name, ".")+1:] },
		"attr":    func(s string) template.HTMLAttr { return template.HTMLAttr(s) },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"lang": func() string { return string(lang) },
		"list": func(s ...string) []string { return s },
	}
}

// dateText formats a YYYY-MM-DD string in words.
func dateText(f i18n.Format, s string) string {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return f.Day(d.Date())
}

// waited says how long ago t was, in days (hours under a day).
func waited(tr func(string, ...any) string, svc *service.Service, t time.Time) string {
	d := svc.Now().Sub(t)
	switch days := int(d.Hours() / 24); {
	case d < time.Hour:
		return tr("web.waited.less_hour")
	case days < 1:
		h := int(d.Hours())
		if h == 1 {
			return tr("web.waited.hour")
		}
		return tr("web.waited.hours", h)
	case days == 1:
		return tr("web.waited.day")
	default:
		return tr("web.waited.days", days)
	}
}

// groupSecret splits a receipt into groups of five for reading aloud and
// copying by hand; the service ignores the dashes.
func groupSecret(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%5 == 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fieldID turns a field name (location.address) into an element id.
func fieldID(name string) string { return strings.ReplaceAll(name, ".", "-") }

// textLimits are the limits the service enforces on what a form sends,
// for the forms to state them and the script to check them.
type textLimits struct {
	MinTitle, MaxTitle, MinBody, MaxBody, MaxMessage int
	MaxFiles                                         int
	MaxFileBytes                                     int64
}

var limits = textLimits{domain.MinTitle, domain.MaxTitle, domain.MinBody, domain.MaxBody, domain.MaxMessage,
	service.MaxFiles, service.MaxFileSize}
