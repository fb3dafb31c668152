// Package web serves Lapor's HTML pages: the citizen's side (home, report
// form, receipt, tracking, optional account) and the staff's side
// (verification queue, inbox, report page, settings). Pages are rendered
// on the server from embedded templates and work without JavaScript;
// the small script only improves them (filters, copy, map).
package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/upload"
)

// Options configure the pages.
type Options struct {
	// TileURL is a map tile template such as
	// https://tile.example.org/{z}/{x}/{y}.png; empty: no map, only the
	// optional latitude and longitude fields.
	TileURL         string
	TileAttribution string
	MapLat, MapLon  float64 // where the map opens; default Bontang
	MapZoom         int
	// TrustedProxy reports whether a request came from a trusted
	// TLS-terminating proxy, whose X-Forwarded-Proto: https then marks
	// cookies Secure (lapor serve --trusted-proxy); nil: none is trusted.
	TrustedProxy func(*http.Request) bool
	// BaseURL is the public address used in QR codes; default: taken
	// from the request.
	BaseURL string
	// MailSender says where the outbox's e-mail goes (an SMTP server, or
	// the log sink that sends nothing), for the outbox page.
	MailSender string
	// DuplicateStep makes the report form, before filing, show the open
	// public reports that look like the same problem (a confirmation step
	// that needs no JavaScript) when there are any; lapor serve turns it
	// on. Off, the form files at once (tests that file alike reports).
	DuplicateStep bool
}

// Web holds the pages.
type Web struct {
	svc     *service.Service
	log     *slog.Logger
	opt     Options
	tmpl    map[i18n.Lang]map[string]*templateSet
	assets  *assets
	cop     *http.CrossOriginProtection
	uploads *upload.Reader // multipart forms (form_read.go)
	pages   *pageCache     // public report pages for visitors nobody knows (pagecache.go)
	// missing is called when a template asks for a key no catalogue has;
	// tests make it fail.
	missing func(lang i18n.Lang, key string)
	// rendered, when set, hears the name of every template rendered.
	rendered func(name string)
}

// New builds the pages; it parses every template and fails loudly (at
// start-up) when one is broken.
func New(svc *service.Service, log *slog.Logger, opt Options) *Web {
	if log == nil {
		log = slog.Default()
	}
	if opt.MapLat == 0 && opt.MapLon == 0 {
		opt.MapLat, opt.MapLon = 0.1333, 117.5
	}
	if opt.MapZoom == 0 {
		opt.MapZoom = 13
	}
	opt.BaseURL = strings.TrimRight(opt.BaseURL, "/")
	w := &Web{svc: svc, log: log, opt: opt, uploads: upload.New(upload.Options{}), pages: &pageCache{}}
	w.missing = func(lang i18n.Lang, key string) { log.Warn("missing message", "lang", lang, "key", key) }
	w.assets = loadAssets()
	w.tmpl = w.parseTemplates()
	w.cop = http.NewCrossOriginProtection()
	if opt.BaseURL != "" {
		// Behind a proxy that rewrites Host, the public origin is still
		// the site's own.
		if u, err := url.Parse(opt.BaseURL); err == nil && u.Scheme != "" && u.Host != "" {
			if err := w.cop.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
				log.Warn("base URL is not a valid origin", "url", opt.BaseURL, "err", err)
			}
		}
	}
	return w
}

// Register adds every page route to mux. All routes are listed here.
func (w *Web) Register(mux *http.ServeMux) {
	// Citizens.
	mux.Handle("GET /{$}", w.page(w.home))
	mux.Handle("GET /lapor", w.page(w.reportForm))
	mux.Handle("POST /lapor", w.page(w.reportSubmit))
	mux.Handle("GET /open-data", w.page(w.openDataDictionary))
	mux.Handle("GET /open-data/reports.csv", w.page(w.openDataCSV))
	mux.Handle("GET /open-data/reports.geojson", w.page(w.openDataGeoJSON))
	mux.Handle("GET /open-data/information.csv", w.page(w.openDataInformationCSV))
	mux.Handle("GET /lacak", w.page(w.trackForm))
	mux.Handle("POST /lacak", w.page(w.trackLookup))
	mux.Handle("GET /lacak/{id}", w.page(w.trackView))
	mux.Handle("GET /lacak/{id}/bukti", w.page(w.receipt))
	mux.Handle("POST /lacak/{id}/aksi", w.page(w.trackAct))
	mux.Handle("POST /lacak/{id}/lupakan", w.page(w.trackForget))
	mux.Handle("GET /lacak/{id}/lampiran/{file}", w.page(w.trackAttachment))
	// Optional citizen accounts.
	mux.Handle("GET /berhenti/{id}", w.page(w.unsubscribeForm))
	mux.Handle("POST /berhenti/{id}", w.page(w.unsubscribe))
	mux.Handle("GET /laporan", w.page(w.publicList))
	mux.Handle("GET /laporan/{id}", w.page(w.publicReport))
	mux.Handle("GET /informasi", w.page(w.informationRegister))
	mux.Handle("GET /statistik", w.page(w.statistics))
	mux.Handle("GET /peta", w.page(w.publicMap))
	mux.Handle("GET /peta/data.json", w.page(w.publicMapPoints))
	mux.Handle("GET /feed.atom", w.page(w.feedAll))
	mux.Handle("GET /instansi/{code}/feed.atom", w.page(w.feedUnit))
	mux.Handle("GET /kategori/{code}/feed.atom", w.page(w.feedCategory))
	mux.Handle("GET /sitemap.xml", w.page(w.sitemap))
	mux.Handle("GET /sitemap/{file}", w.page(w.sitemapFile))
	mux.Handle("POST /laporan/{id}/dukung", w.page(w.publicSupport))
	mux.Handle("GET /akun", w.page(w.accountHome))
	mux.Handle("GET /akun/daftar", w.page(w.accountRegisterForm))
	mux.Handle("POST /akun/daftar", w.page(w.accountRegister))
	mux.Handle("GET /akun/masuk", w.page(w.accountLoginForm))
	mux.Handle("POST /akun/masuk", w.page(w.accountLogin))
	mux.Handle("GET /akun/verifikasi", w.page(w.verifyForm))
	mux.Handle("POST /akun/verifikasi", w.page(w.verify))
	mux.Handle("POST /akun/keluar", w.page(w.accountLogout))
	mux.Handle("GET /akun/laporan/{ref}", w.page(w.accountOpenReport))
	// Staff.
	mux.Handle("GET /masuk", w.page(w.staffLoginForm))
	mux.Handle("POST /masuk", w.page(w.staffLogin))
	mux.Handle("GET /masuk/lupa", w.page(w.forgotForm))
	mux.Handle("POST /masuk/lupa", w.page(w.forgot))
	mux.Handle("GET /masuk/sandi-baru", w.page(w.newPasswordForm))
	mux.Handle("POST /masuk/sandi-baru", w.page(w.newPassword))
	mux.Handle("POST /keluar", w.page(w.staffLogout))
	mux.Handle("GET /staf", w.staff(w.staffHome))
	mux.Handle("GET /staf/antrean", w.staff(w.staffQueue, domain.RoleAdmin, domain.RoleSupervisor))
	mux.Handle("GET /staf/kotak-masuk", w.staff(w.staffInbox))
	mux.Handle("GET /staf/kotak-masuk/unduh", w.staff(w.inboxDownload))
	mux.Handle("GET /staf/laporan/{id}", w.staff(w.staffReport))
	mux.Handle("POST /staf/laporan/{id}/aksi", w.staff(w.staffAct, domain.RoleAdmin, domain.RoleOfficer, domain.RolePPID, domain.RolePPIDSuperior))
	mux.Handle("POST /staf/massal", w.staff(w.staffBulk, domain.RoleAdmin))
	mux.Handle("GET /staf/laporan/{id}/lampiran/{file}", w.staff(w.staffAttachment))
	// A staff member's own account; reachable by a session that must still
	// set up two-step verification (staff_account.go).
	mux.Handle("GET /staf/akun", w.account(w.staffAccount))
	mux.Handle("POST /staf/akun/sandi", w.account(w.staffChangePassword))
	mux.Handle("POST /staf/akun/2fa", w.account(w.staffBeginTOTP))
	mux.Handle("POST /staf/akun/2fa/konfirmasi", w.account(w.staffConfirmTOTP))
	mux.Handle("POST /staf/akun/2fa/matikan", w.account(w.staffDisableTOTP))
	mux.Handle("POST /staf/akun/keluar-semua", w.account(w.staffLogoutEverywhere))
	mux.Handle("POST /staf/akun/pemberitahuan", w.account(w.staffSaveNotify))
	mux.Handle("GET /staf/admin/instansi", w.staff(w.adminUnits, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/instansi", w.staff(w.adminAddUnit, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/instansi/{code}", w.staff(w.adminEditUnit, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/ppid-utama", w.staff(w.adminSetMainPPID, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/wilayah", w.staff(w.adminAreas, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/wilayah", w.staff(w.adminAddArea, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/wilayah/{id}", w.staff(w.adminEditArea, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/kategori", w.staff(w.adminCategories, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/kategori", w.staff(w.adminImportCategories, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/kategori/{code}", w.staff(w.adminCategory, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/templat", w.staff(w.adminTemplates, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/templat", w.staff(w.adminSaveTemplate, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/templat/{id}", w.staff(w.adminSaveTemplate, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/kategori/{code}", w.staff(w.adminEditCategory, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/pengguna", w.staff(w.adminUsers, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/pengguna", w.staff(w.adminAddUser, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/pengguna/{id}/nonaktifkan", w.staff(w.adminDisableUser, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/pengguna/{id}/aktifkan", w.staff(w.adminEnableUser, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/pengguna/{id}/reset-2fa", w.staff(w.adminResetTOTP, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/pengguna/{id}/sandi", w.staff(w.adminResetPassword, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/keamanan", w.staff(w.adminSecurity, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/keamanan", w.staff(w.adminSaveSecurity, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/kunci-api", w.staff(w.adminAPIKeys, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/kunci-api", w.staff(w.adminAddAPIKey, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/kunci-api/{id}/cabut", w.staff(w.adminRevokeAPIKey, domain.RoleAdmin))
	// The deadline policy and the map (admin_deadlines.go, admin_calendar.go,
	// admin_map.go): supervisors may read the policy.
	mux.Handle("GET /staf/admin/tenggat", w.staff(w.adminDeadlines, domain.RoleAdmin, domain.RoleSupervisor))
	mux.Handle("POST /staf/admin/tenggat", w.staff(w.adminSaveDeadlines, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/kalender", w.staff(w.adminCalendar, domain.RoleAdmin, domain.RoleSupervisor))
	mux.Handle("POST /staf/admin/kalender", w.staff(w.adminAddHoliday, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/kalender/impor", w.staff(w.adminImportHolidays, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/kalender/{date}/hapus", w.staff(w.adminRemoveHoliday, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/peta", w.staff(w.adminMap, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/peta", w.staff(w.adminSaveMap, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/pengiriman", w.staff(w.adminOutbox, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/pengiriman/{id}/ulang", w.staff(w.adminRetryDelivery, domain.RoleAdmin))
	mux.Handle("GET /staf/loket", w.staff(w.counterForm, domain.RoleAdmin))
	mux.Handle("POST /staf/loket", w.staff(w.counterSubmit, domain.RoleAdmin))
	mux.Handle("GET /staf/admin/webhook", w.staff(w.adminWebhooks, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/webhook", w.staff(w.adminAddWebhook, domain.RoleAdmin))
	mux.Handle("POST /staf/admin/webhook/{id}/hapus", w.staff(w.adminDeleteWebhook, domain.RoleAdmin))
	// The leaders' page: evaluation of units and sanction list (evaluation.go).
	mux.Handle("GET /staf/evaluasi", w.staff(w.leadersPage(), domain.RoleAdmin, domain.RoleSupervisor, domain.RoleOfficer))
	mux.Handle("GET /staf/evaluasi/unduh", w.staff(w.evaluationDownload, domain.RoleAdmin, domain.RoleSupervisor, domain.RoleOfficer))
	// Assets and everything else.
	mux.Handle("GET /static/{file}", http.HandlerFunc(w.static))
	mux.Handle("/", w.page(func(rw http.ResponseWriter, r *http.Request, p *page) error { return domain.ErrNotFound }))
}

// handler is a page handler: it fills p and renders, or returns an error
// that one adapter renders as an error page in the reader's language.
type handler func(w http.ResponseWriter, r *http.Request, p *page) error

// page wraps a handler with what every page needs: cross-origin
// protection of forms, the language, who is logged in, and the error
// adapter.
func (w *Web) page(h handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		// A panic is answered by the server, through ErrorPage.
		p := w.newPage(rw, r)
		if err := w.cop.Check(r); err != nil {
			w.fail(rw, r, p, domain.Errorf(domain.CodeForbidden, "web.error.cross_origin"))
			return
		}
		if err := h(rw, r, p); err != nil {
			w.fail(rw, r, p, err)
		}
	})
}

// staff is page for logged-in staff; roles, when given, limit who may
// open it.
func (w *Web) staff(h handler, roles ...domain.Role) http.Handler {
	return w.page(func(rw http.ResponseWriter, r *http.Request, p *page) error {
		if p.Staff == nil {
			if toEnrolment(rw, r, p) {
				return nil // may only set up two-step verification for now
			}
			if e := domain.AsError(p.staffErr); p.staffErr != nil && e.Key != domain.ErrUnauthorized.Key {
				// A session that exists but may not be used yet: say why.
				return p.staffErr
			}
			if r.Method != http.MethodGet {
				return domain.ErrUnauthorized
			}
			http.Redirect(rw, r, "/masuk?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return nil
		}
		if len(roles) > 0 {
			ok := false
			for _, role := range roles {
				ok = ok || p.Staff.Role == role
			}
			if !ok {
				return domain.ErrForbidden
			}
		}
		rw.Header().Set("X-Robots-Tag", "noindex")
		return h(rw, r, p)
	})
}

// newPage reads the language and the sessions.
func (w *Web) newPage(rw http.ResponseWriter, r *http.Request) *page {
	p := &page{Lang: w.language(rw, r), Form: newForm(), Path: r.URL.Path}
	if r.Method == http.MethodGet {
		p.Path = r.URL.RequestURI()
	}
	if c, err := r.Cookie(staffCookie); err == nil && c.Value != "" {
		if u, err := w.svc.Authenticate(r.Context(), c.Value); err == nil {
			p.Staff = u
		} else {
			p.staffErr = err
		}
	}
	if c, err := r.Cookie(citizenCookie); err == nil && c.Value != "" {
		if acct, err := w.svc.AuthenticateCitizen(r.Context(), c.Value); err == nil {
			p.Citizen = acct
		}
	}
	return p
}

// ErrorPage answers an error raised outside a page handler (a rate
// limit, a panic) as an error page in the reader's language.
func (w *Web) ErrorPage(rw http.ResponseWriter, r *http.Request, err error) {
	w.fail(rw, r, w.newPage(rw, r), err)
}

// fail renders any error as a page in the reader's language: the one
// renderer of errors for pages, with its statuses from httperr. Causes of
// internal errors go to the log only.
func (w *Web) fail(rw http.ResponseWriter, r *http.Request, p *page, err error) {
	status := 0
	if httperr.Gone(err) {
		if r.Method != http.MethodPost || r.Context().Err() == nil {
			return
		}
		// The connection failed while the form was sent, or the upload
		// reader cut it off for sending too slowly: whoever still reads
		// learns that the form did not arrive (not a blank 200).
		err, status = domain.Errorf(domain.CodeInvalid, "web.error.bad_form"), http.StatusRequestTimeout
	}
	e := httperr.From(err)
	httperr.LogInternal(w.log, r, err)
	if status == 0 {
		status = httperr.PageStatus(e.Code)
	}
	p.Title = i18n.T(p.Lang, "web.error.title")
	p.Data = errorData{Message: errorMessage(p.Lang, e), Code: string(e.Code),
		Login: e.Key == domain.ErrUnauthorized.Key && strings.HasPrefix(r.URL.Path, "/staf"),
		Track: strings.HasPrefix(e.Key, "web.track.")}
	w.render(rw, r, p, "error", status)
}

type errorData struct {
	Message string
	Code    string
	Login   bool // offer the staff login
	Track   bool // offer the tracking form
}

// errorMessage translates an error, turning the API values in its
// arguments (action and status names) into words.
func errorMessage(lang i18n.Lang, e *domain.Error) string {
	msg := topMessage(lang, e)
	if len(e.Fields) > 0 {
		var parts []string
		for f, key := range e.Fields {
			label := f
			if k, ok := fieldLabels[f]; ok {
				label = i18n.T(lang, k)
			}
			parts = append(parts, label+": "+i18n.T(lang, key))
		}
		sort.Strings(parts)
		msg += " " + strings.Join(parts, " ")
	}
	return msg
}

// topMessage translates an error's main message.
func topMessage(lang i18n.Lang, e *domain.Error) string {
	args := append([]any(nil), e.Args...)
	switch e.Key {
	case "error.state_conflict", "error.action_forbidden":
		for i, a := range args {
			s, _ := a.(string)
			if domain.Status(s).Valid() {
				args[i] = i18n.T(lang, "web.status."+s)
			} else if domain.Action(s).Known() {
				args[i] = i18n.T(lang, "web.action."+s)
			}
		}
	}
	return i18n.T(lang, e.Key, args...)
}

// render executes a page template into a buffer (so a template error
// never leaves half a page) and writes it, compressed when the client
// accepts gzip.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, p *page, name string, status int) {
	body, status, ok := w.renderBody(r, p, name, status)
	if !ok {
		http.Error(rw, i18n.T(p.Lang, "error.internal"), http.StatusInternalServerError)
		return
	}
	pageHeaders(rw, p.Lang)
	writeCompressed(rw, r, status, body)
}

// renderBody renders page name in the layout; a template that fails gives
// the error page and 500 instead, and ok is false when even that fails.
func (w *Web) renderBody(r *http.Request, p *page, name string, status int) (_ []byte, _ int, ok bool) {
	set := w.tmpl[p.Lang][name]
	if set == nil {
		w.log.Error("unknown template", "name", name)
		set, status = w.tmpl[p.Lang]["error"], http.StatusInternalServerError
		p.Data = errorData{Message: i18n.T(p.Lang, "error.internal"), Code: "internal"}
	}
	p.finish(w, r)
	if w.rendered != nil {
		w.rendered(name)
	}
	var buf bytes.Buffer
	if err := set.t.ExecuteTemplate(&buf, "layout", p); err != nil {
		w.log.Error("render", "template", name, "err", err)
		buf.Reset()
		status = http.StatusInternalServerError
		p.Data = errorData{Message: i18n.T(p.Lang, "error.internal"), Code: "internal"}
		if err := w.tmpl[p.Lang]["error"].t.ExecuteTemplate(&buf, "layout", p); err != nil {
			return nil, 0, false
		}
	}
	return buf.Bytes(), status, true
}

// pageHeaders are the headers of every rendered page.
func pageHeaders(rw http.ResponseWriter, lang i18n.Lang) {
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Language", string(lang))
}

// redirect answers a form post with a redirect to a page (303 See Other).
func redirect(rw http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(rw, r, to, http.StatusSeeOther)
	return nil
}

// units lists units, for pickers and names; the directory is public.
func (w *Web) units(ctx context.Context) ([]domain.Unit, error) {
	return w.svc.Units(ctx, service.Public)
}

func (w *Web) categories(ctx context.Context) ([]domain.Category, error) {
	return w.svc.Categories(ctx, service.Public)
}
