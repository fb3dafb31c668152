package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/catalog"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/pgtest"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/upload"
)

// testPassword is the password of every staff account of a test city.
const testPassword = "kata-sandi-uji-coba"

// Staff of the test city.
const (
	adminEmail      = "admin@bontang.go.id"
	officerEmail    = "pu@bontang.go.id"
	supervisorEmail = "inspektorat@bontang.go.id"
	dinkesEmail     = "dinkes@bontang.go.id"
)

// env is a running instance with the pages, a small city and its staff.
type env struct {
	svc      *service.Service
	st       *store.Store
	web      *Web
	srv      *httptest.Server
	clock    *apptest.Clock
	logs     *apptest.Logs
	mu       sync.Mutex
	rendered map[string]bool
}

type envOptions struct {
	web        Options
	categories []store.CategoryNode // nil: a small tree
	realClock  bool
	dsn        string         // database; default a SQLite file in a temp folder
	uploads    upload.Options // the pages' multipart reader; zero: its defaults
}

// eachDB runs fn on a fresh instance on each database, as subtests
// "sqlite" and "postgres".
func eachDB(t *testing.T, opt envOptions, fn func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newEnv(t, opt)) })
	t.Run("postgres", func(t *testing.T) {
		opt := opt
		opt.dsn = pgtest.NewDatabase(t)
		fn(t, newEnv(t, opt))
	})
}

func newEnv(t testing.TB, opt envOptions) *env {
	t.Helper()
	ctx := context.Background()
	dsn := opt.dsn
	if dsn == "" {
		dsn = filepath.Join(t.TempDir(), "lapor.db")
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := seal.New(seal.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	logs := &apptest.Logs{}
	log := logs.Logger(slog.LevelInfo)
	e := &env{st: st, logs: logs, rendered: map[string]bool{}}
	e.clock = apptest.NewClock(apptest.Start)
	cfg := service.Config{Now: e.clock.Now, Logger: log}
	if opt.realClock {
		cfg.Now = nil
	}
	e.svc = service.New(st, sealer, cfg)
	if err := e.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	e.web = New(e.svc, log, opt.web)
	if opt.uploads != (upload.Options{}) {
		e.web.uploads = upload.New(opt.uploads)
	}
	e.web.missing = func(lang i18n.Lang, key string) {
		t.Errorf("template asked for key %q missing from the %s catalogue", key, lang)
	}
	e.web.rendered = func(name string) { e.mu.Lock(); e.rendered[name] = true; e.mu.Unlock() }
	e.srv = httptest.NewServer(server.Handler(e.svc, server.Options{Logger: log, Pages: e.web}))
	t.Cleanup(func() {
		e.srv.Close()
		st.Close()
	})
	for _, u := range [][3]string{
		{"dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", ""},
		{"dpupr-jalan", "Bidang Jalan dan Jembatan", "dpupr"},
		{"dinkes", "Dinas Kesehatan", ""},
	} {
		if _, err := e.svc.AddUnit(ctx, service.Operator, u[0], u[1], u[2]); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []service.NewUser{
		{Email: adminEmail, Name: "Admin Diskominfo", Role: domain.RoleAdmin},
		{Email: officerEmail, Name: "Petugas PU", Role: domain.RoleOfficer, Unit: "dpupr"},
		{Email: supervisorEmail, Name: "Inspektorat", Role: domain.RoleSupervisor},
		{Email: dinkesEmail, Name: "Petugas Dinkes", Role: domain.RoleOfficer, Unit: "dinkes"},
	} {
		u.Password = testPassword
		if _, err := e.svc.AddUser(ctx, service.Operator, u); err != nil {
			t.Fatal(err)
		}
	}
	cats := opt.categories
	if cats == nil {
		cats = []store.CategoryNode{
			{Code: "infrastruktur", Name: "Infrastruktur", Children: []store.CategoryNode{
				{Code: "infrastruktur-jalan", Name: "Jalan Rusak"}, {Code: "infrastruktur-drainase", Name: "Drainase"}}},
			{Code: "kesehatan", Name: "Kesehatan", Children: []store.CategoryNode{{Code: "kesehatan-puskesmas", Name: "Pelayanan Puskesmas"}}},
			{Code: "lainnya", Name: "Lainnya"},
		}
	}
	if _, err := st.ImportCategories(ctx, cats, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	return e
}

func defaultCategories() []store.CategoryNode { return catalog.Default() }

// browser is an HTTP client with its own cookies, like one person's
// browser; it does not follow redirects so tests can check them.
type browser struct {
	t      testing.TB
	e      *env
	c      *http.Client
	header http.Header
}

func (e *env) browser(t testing.TB) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, e: e, header: http.Header{}, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// page is a fetched page.
type resp struct {
	*http.Response
	Body string
	Doc  *goquery.Document
}

func (b *browser) do(req *http.Request) resp {
	b.t.Helper()
	for k, v := range b.header {
		req.Header[k] = v
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(data))
	return resp{Response: res, Body: string(data), Doc: doc}
}

func (b *browser) get(path string) resp {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.e.srv.URL+path, nil)
	return b.do(req)
}

// follow fetches a redirect's target.
func (b *browser) follow(r resp) resp {
	b.t.Helper()
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther && r.StatusCode != http.StatusFound && r.StatusCode != http.StatusMovedPermanently {
		b.t.Fatalf("expected a redirect, got %d: %s", r.StatusCode, text(r))
	}
	return b.get(loc)
}

func (b *browser) post(path string, v url.Values) resp {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

type sentFile struct {
	field, name string
	data        []byte
}

func (b *browser) postMultipart(path string, v url.Values, files ...sentFile) resp {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range v {
		for _, x := range vs {
			mw.WriteField(k, x)
		}
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile(f.field, f.name)
		w.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// login logs a staff member in.
func (b *browser) login(email string) {
	b.t.Helper()
	r := b.post("/masuk", url.Values{"email": {email}, "password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("login %s: %d %s", email, r.StatusCode, text(r))
	}
}

// text is the visible text of a page's main part, for messages.
func text(r resp) string {
	if r.Doc == nil {
		return r.Body
	}
	s := strings.Join(strings.Fields(r.Doc.Find("main").Text()), " ")
	if s == "" {
		s = r.Body
	}
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return s
}

func mustStatus(t testing.TB, r resp, want int) {
	t.Helper()
	if r.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, want, text(r))
	}
}

// fileReport files a report through the form and returns its tracking ID
// and receipt, read from the receipt page.
func (b *browser) fileReport(v url.Values, files ...sentFile) (string, string) {
	b.t.Helper()
	base := url.Values{"kind": {"complaint"}, "title": {"Jalan berlubang di Jl. Ahmad Yani"},
		"body":     {"Lubang besar di depan SDN 003 sudah dua minggu, membahayakan pengendara motor."},
		"category": {"infrastruktur-jalan"}, "location.kecamatan": {"Bontang Utara"}, "location.kelurahan": {"Api-Api"},
		"location.address": {"Jl. Ahmad Yani, depan SDN 003"}}
	for k, x := range v {
		base[k] = x
	}
	r := b.postMultipart("/lapor", base, files...)
	mustStatus(b.t, r, http.StatusSeeOther)
	r = b.follow(r)
	mustStatus(b.t, r, http.StatusOK)
	id := strings.TrimSpace(r.Doc.Find("#tracking-id").Text())
	receipt := strings.TrimSpace(r.Doc.Find("#receipt").Text())
	if domain.NormalizeTrackingID(id) != id || receipt == "" {
		b.t.Fatalf("receipt page without ID or receipt: %s", text(r))
	}
	return id, receipt
}

// listedIDs returns the tracking IDs a staff list page (inbox, queue)
// shows, sorted.
func listedIDs(r resp) []string {
	ids := []string{}
	r.Doc.Find("ul.list > li > a[href^='/staf/laporan/']").Each(func(_ int, s *goquery.Selection) {
		ids = append(ids, strings.TrimPrefix(s.AttrOr("href", ""), "/staf/laporan/"))
	})
	slices.Sort(ids)
	return ids
}

// act posts a staff action.
func (b *browser) act(id string, v url.Values, files ...sentFile) resp {
	b.t.Helper()
	return b.postMultipart("/staf/laporan/"+id+"/aksi", v, files...)
}
