package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"image"
	"image/jpeg"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/web"
)

// The identity of an anonymous reporter, in every form a leak could take.
var webNeedles = []string{"Ratna Tersembunyi Wulandari", "Tersembunyi", "Wulandari", "ratna.rahasia.77@example.id",
	"ratna.rahasia.77", "0813-5566-4422", "081355664422", "6281355664422", "81355664422", "55664422"}

const confidentialTitle = "Rahasia Pungutan Liar Kantor Kelurahan"

var webGetRoute = regexp.MustCompile(`mux\.Handle\("GET (/[^"]*)"`)

// TestIdentityLeakWalkPages walks every page of the web interface, as each
// staff role and as the public, over anonymous reports in every state, and
// fails if any form of the anonymous reporter's identity appears; and the
// public pages must never show a confidential report. A named reporter is
// the control that proves the walk reads identities where they are shown.
func TestIdentityLeakWalkPages(t *testing.T) {
	opt := apptest.Options{Pages: func(svc *service.Service, log *slog.Logger) server.Pages {
		return web.New(svc, log, web.Options{})
	}}
	apptest.EachWith(t, opt, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		// Reports are filed under a listed kelurahan, so the inbox
		// filtered by its kecamatan lists them.
		kec, err := env.Svc.AddArea(context.Background(), service.Operator, "Bontang Utara", 0)
		if err != nil {
			t.Fatal(err)
		}
		kel, err := env.Svc.AddArea(context.Background(), service.Operator, "Api-Api", kec.ID)
		if err != nil {
			t.Fatal(err)
		}
		identity := map[string]any{"name": "Ratna Tersembunyi Wulandari", "email": "ratna.rahasia.77@example.id", "phone": "0813-5566-4422"}
		type filed struct{ id, receipt string }
		submit := func(body map[string]any) filed {
			t.Helper()
			res := env.Do(t, "POST", "/api/v1/reports", body, "")
			if res.Status != 201 {
				t.Fatalf("submit: %d %s", res.Status, res.Body)
			}
			m := res.JSON(t)
			return filed{m["tracking_id"].(string), m["receipt"].(string)}
		}
		act := func(f filed, auth string, body map[string]any) {
			t.Helper()
			if res := env.Do(t, "POST", "/api/v1/reports/"+f.id+"/actions", body, auth); res.Status != 200 {
				t.Fatalf("%v: %d %s", body, res.Status, res.Body)
			}
		}
		report := func(title string, extra map[string]any) map[string]any {
			m := map[string]any{"kind": "complaint", "title": title, "body": "Sudah dua minggu belum ada tindakan dari petugas.",
				"anonymous": true, "reporter": identity, "location": map[string]any{"address": "Jl. Ahmad Yani", "area_id": kel.ID}}
			for k, v := range extra {
				m[k] = v
			}
			return m
		}
		var reports []filed
		reports = append(reports, submit(report("Lampu jalan padam di Jl. Ahmad Yani", nil)))
		{ // with a photo whose file name names the reporter
			var img bytes.Buffer
			jpeg.Encode(&img, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
			var b bytes.Buffer
			w := multipart.NewWriter(&b)
			data, _ := json.Marshal(report("Pohon tumbang menutup jalan", nil))
			w.WriteField("report", string(data))
			fw, _ := w.CreateFormFile("attachments", "Foto Ratna Tersembunyi Wulandari 081355664422.jpg")
			fw.Write(img.Bytes())
			w.Close()
			req, _ := http.NewRequest("POST", env.Server.URL+"/api/v1/reports", &b)
			req.Header.Set("Content-Type", w.FormDataContentType())
			res := env.Send(t, req)
			if res.Status != 201 {
				t.Fatalf("submit with photo: %d %s", res.Status, res.Body)
			}
			m := res.JSON(t)
			f := filed{m["tracking_id"].(string), m["receipt"].(string)}
			act(f, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
			reports = append(reports, f)
		}
		f := submit(report("Saluran air tersumbat", nil))
		act(f, city.Admin, map[string]any{"action": "hold", "message": "Mohon lengkapi."})
		reports = append(reports, f)
		f = submit(report("Laporan ganda", nil))
		act(f, city.Admin, map[string]any{"action": "archive", "reason": "duplicate"})
		reports = append(reports, f)
		for i, steps := range [][]map[string]any{
			{{"action": "verify", "unit": "dpupr"}},
			{{"action": "verify", "unit": "dpupr"}, {"action": "follow_up", "message": "Petugas dijadwalkan."}},
			{{"action": "verify", "unit": "dpupr-jalan"}, {"action": "follow_up", "message": "Sudah diperbaiki."}, {"action": "complete", "rating": 4}},
		} {
			f := submit(report("Jalan rusak nomor "+string(rune('A'+i)), nil))
			for _, s := range steps {
				auth := city.Admin
				switch s["action"] {
				case "follow_up":
					auth = city.OfficerPU
				case "complete":
					auth = "Receipt " + f.receipt
				}
				act(f, auth, s)
			}
			reports = append(reports, f)
		}
		// Confidential (and anonymous), verified so that only the flag keeps it from the public.
		conf := submit(report(confidentialTitle, map[string]any{"confidential": true}))
		act(conf, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		later := submit(report("Pungli parkir "+confidentialTitle, nil))
		act(later, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		act(later, city.Admin, map[string]any{"action": "set_confidential"})
		reports = append(reports, conf, later)
		named := submit(map[string]any{"kind": "complaint", "title": "Sampah menumpuk di pasar", "body": "Sudah seminggu sampah tidak diangkut.",
			"reporter": map[string]any{"name": "Kontrol Bernama Saputra"}})
		reports = append(reports, named)
		// Typed in at the counter from a phone call, anonymous, with the caller's contact.
		rc, err := env.Svc.FileOnBehalf(context.Background(), service.Operator, domain.Submission{Kind: domain.KindComplaint,
			Title: "Lampu taman mati, laporan lewat telepon", Body: "Penelepon melaporkan lampu taman kota mati sejak Senin.",
			Anonymous: true, Channel: domain.ChannelPhone, Reporter: domain.Identity{Name: identity["name"].(string),
				Email: identity["email"].(string), Phone: identity["phone"].(string)}})
		if err != nil {
			t.Fatal(err)
		}
		byPhone := filed{rc.TrackingID, rc.Receipt}
		act(byPhone, city.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
		reports = append(reports, byPhone)
		// An anonymous report marked as a duplicate of an anonymous public one
		// (both timelines link), and one awaiting verification that the
		// routing suggestions and the duplicate list show beside.
		dup := submit(report("Jalan rusak nomor B lagi", nil))
		act(dup, city.Admin, map[string]any{"action": "mark_duplicate", "original": reports[5].id})
		waiting := submit(report("Jalan rusak nomor B", nil))
		reports = append(reports, dup, waiting)
		env.Clock.Advance(time.Hour)
		if err := env.Svc.RefreshTriage(context.Background(), service.Operator); err != nil {
			t.Fatal(err)
		}

		// Pages to walk: every GET route of web.go, with its parameters.
		var staffPaths, publicPaths []string
		staffPaths = append(staffPaths, "/staf", "/staf/antrean", "/staf/admin/instansi", "/staf/admin/kategori", "/staf/admin/pengguna",
			"/staf/admin/keamanan", "/staf/akun", "/staf/admin/tenggat", "/staf/admin/kalender", "/staf/admin/kalender?tahun=2027",
			"/staf/admin/peta", "/staf/admin/kunci-api", "/staf/admin/pengiriman", "/staf/admin/webhook", "/staf/loket", "/staf/admin/wilayah", "/staf/admin/kategori/infrastruktur-jalan", "/staf/admin/templat", "/staf/kotak-masuk?tab=all&kecamatan="+strconv.FormatInt(kec.ID, 10))
		staffPaths = append(staffPaths, "/staf/evaluasi", "/staf/evaluasi?from=2026-01-01&to=2026-12-31", "/staf/evaluasi/unduh?what=evaluation&format=csv",
			"/staf/evaluasi/unduh?what=sanctions&format=csv&from=2026-01-01&to=2026-12-31",
			"/staf/kotak-masuk/unduh?format=csv&tab=all", "/staf/kotak-masuk/unduh?format=xlsx&tab=all",
			"/staf/kotak-masuk/unduh?format=csv&tab=all&q=Jalan")
		for _, tab := range []string{"", "all", "mine", "overdue", "done"} {
			staffPaths = append(staffPaths, "/staf/kotak-masuk?tab="+tab)
		}
		for _, st := range []string{"submitted", "on_hold", "dispositioned", "followed_up", "completed", "archived"} {
			staffPaths = append(staffPaths, "/staf/kotak-masuk?tab=all&status="+st)
		}
		for _, n := range append(webNeedles, "Jalan", "Ratna") {
			staffPaths = append(staffPaths, "/staf/kotak-masuk?tab=all&q="+url.QueryEscape(n))
		}
		publicPaths = append(publicPaths, "/masuk/lupa", "/masuk/sandi-baru?t="+strings.Repeat("0", 64), "/akun/verifikasi?t="+strings.Repeat("0", 64))
		publicPaths = append(publicPaths, "/", "/lapor", "/lacak", "/akun", "/akun/daftar", "/akun/masuk", "/masuk",
			"/lacak?id="+reports[0].id, "/akun/laporan/1", "/informasi", "/informasi?page=2")
		publicPaths = append(publicPaths, "/laporan", "/laporan?sort=supported", "/laporan?sort=oldest_open", "/laporan?status=completed",
			"/laporan?unit=dpupr", "/laporan?page=2", "/laporan?q=Pungutan", "/laporan?q=Pungli", "/laporan?q="+conf.id,
			"/open-data", "/open-data/reports.csv", "/open-data/reports.geojson", "/open-data/information.csv",
			"/statistik", "/peta", "/peta/data.json", "/feed.atom", "/feed.atom?unit=dpupr&category=infrastruktur",
			"/instansi/dpupr/feed.atom", "/kategori/infrastruktur/feed.atom", "/sitemap.xml", "/sitemap/halaman.xml",
			"/sitemap/laporan-0.xml")
		for _, n := range append(webNeedles, "Jalan", "Ratna") {
			publicPaths = append(publicPaths, "/laporan?q="+url.QueryEscape(n))
		}
		for _, f := range reports {
			staffPaths = append(staffPaths, "/staf/laporan/"+f.id)
			publicPaths = append(publicPaths, "/lacak/"+f.id, "/lacak/"+f.id+"/bukti", "/laporan/"+f.id)
			// The unsubscribe page of a reporter's e-mail shows only the tracking ID.
			publicPaths = append(publicPaths, "/berhenti/"+f.id+"?t="+strings.Repeat("a", 32))
			rep := env.Do(t, "GET", "/api/v1/reports/"+f.id, nil, city.Admin).JSON(t)
			for _, a := range rep["attachments"].([]any) {
				id := a.(map[string]any)["id"]
				staffPaths = append(staffPaths, "/staf/laporan/"+f.id+"/lampiran/"+jsonNumber(id))
				publicPaths = append(publicPaths, "/lacak/"+f.id+"/lampiran/"+jsonNumber(id))
			}
		}
		checkPageCoverage(t, append(staffPaths, publicPaths...))

		// Sessions made at seeding are still valid (one hour passed).
		cookies := map[string]string{"admin": city.Admin, "supervisor": city.Supervisor, "officer": city.OfficerPU,
			"sub-unit officer": city.OfficerSubPU, "other officer": city.OfficerDinkes}
		client := env.Server.Client()
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		fetch := func(path, token string) (int, []byte) {
			t.Helper()
			req, _ := http.NewRequest("GET", env.Server.URL+path, nil)
			if token != "" {
				req.AddCookie(&http.Cookie{Name: "lapor_session", Value: strings.TrimPrefix(token, "Bearer ")})
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			var hdr bytes.Buffer
			resp.Header.Write(&hdr) // Content-Disposition names files
			body = append(body, hdr.Bytes()...)
			if resp.StatusCode >= 500 {
				t.Errorf("GET %s: %d", path, resp.StatusCode)
			}
			return resp.StatusCode, body
		}
		// The walk reads the suggestions and the likely duplicates where
		// they are shown, and both sides of a duplicate's link.
		if _, body := fetch("/staf/laporan/"+waiting.id, city.Admin); !bytes.Contains(body, []byte(`id="suggestions"`)) ||
			!bytes.Contains(body, []byte(`id="duplicates"`)) {
			t.Fatalf("the admin's page of a waiting report shows no suggestions or duplicates")
		}
		if _, body := fetch("/staf/laporan/"+reports[5].id, city.Admin); !bytes.Contains(body, []byte("/staf/laporan/"+dup.id)) {
			t.Fatalf("the original's page does not link the duplicate")
		}
		sawControl, ok := false, 0
		for role, token := range cookies {
			for _, p := range append(append([]string{}, staffPaths...), publicPaths...) {
				code, body := fetch(p, token)
				if code == 200 {
					ok++
				}
				body = withoutEcho(p, body)
				if n := leakedNeedle(body); n != "" {
					t.Errorf("%s: GET %s shows %q of the anonymous reporter", role, p, n)
				}
				if bytes.Contains(body, []byte("Kontrol Bernama Saputra")) {
					sawControl = true
				}
			}
		}
		if !sawControl {
			t.Fatal("no staff page showed the named reporter: the walk would not see a leak either")
		}
		if ok < 50 {
			t.Fatalf("only %d pages answered 200: the walk did not reach the pages", ok)
		}
		// The public: no identity, and no confidential report anywhere.
		for _, p := range publicPaths {
			code, body := fetch(p, "")
			body = withoutEcho(p, body) // the public list shows its search back
			if n := leakedNeedle(body); n != "" {
				t.Errorf("public GET %s shows %q", p, n)
			}
			if bytes.Contains(body, []byte(confidentialTitle)) {
				t.Errorf("public GET %s (%d) shows a confidential report", p, code)
			}
		}
		for _, f := range []filed{conf, later} {
			if code, _ := fetch("/lacak/"+f.id, ""); code == 200 {
				t.Errorf("the public can open confidential report %s", f.id)
			}
			if code, _ := fetch("/laporan/"+f.id, ""); code != 404 {
				t.Errorf("the public report page of confidential report %s: %d, want 404", f.id, code)
			}
			if res := env.Do(t, "GET", "/api/v1/reports/"+f.id, nil, ""); res.Status != 404 {
				t.Errorf("the public API shows confidential report %s: %d", f.id, res.Status)
			}
		}
		// The bulk result page, with reports done and reports skipped.
		bulk := url.Values{"action": {"route"}, "unit": {"dinkes"}, "back": {"inbox"}}
		for _, f := range reports {
			bulk.Add("id", f.id)
		}
		req, _ := http.NewRequest("POST", env.Server.URL+"/staf/massal", strings.NewReader(bulk.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: "lapor_session", Value: strings.TrimPrefix(city.Admin, "Bearer ")})
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`id="bulk-failed"`)) || !bytes.Contains(body, []byte(`id="bulk-done"`)) {
			t.Errorf("bulk route of every report: %d, want done and skipped ones listed", resp.StatusCode)
		}
		if n := leakedNeedle(body); n != "" {
			t.Errorf("the bulk result page shows %q of the anonymous reporter", n)
		}
		if n := leakedNeedle(env.Logs.Bytes()); n != "" {
			t.Errorf("the log holds %q", n)
		}
	})
}

func jsonNumber(v any) string {
	f, _ := v.(float64)
	return strconv.FormatInt(int64(f), 10)
}

// withoutEcho removes the search a staff member typed from the page that
// shows it back (in the search box): echoing their own words leaks nothing.
func withoutEcho(path string, body []byte) []byte {
	u, err := url.Parse(path)
	if err != nil {
		return body
	}
	q := u.Query().Get("q")
	if q == "" {
		return body
	}
	qe := url.QueryEscape(q)
	for _, echo := range []string{q, html.EscapeString(q), qe, strings.ReplaceAll(qe, "+", "%20"), strings.ReplaceAll(qe, "+", "&#43;")} {
		body = bytes.ReplaceAll(body, []byte(echo), nil)
	}
	return body
}

func leakedNeedle(body []byte) string {
	low := bytes.ToLower(body)
	for _, n := range webNeedles {
		if bytes.Contains(low, bytes.ToLower([]byte(n))) {
			return n
		}
	}
	return ""
}

// checkPageCoverage fails when a GET route of web.go has no walked path:
// a new page must join the walk above.
func checkPageCoverage(t *testing.T, paths []string) {
	t.Helper()
	src, err := os.ReadFile("web.go")
	if err != nil {
		t.Fatal(err)
	}
	routes := webGetRoute.FindAllStringSubmatch(string(src), -1)
	if len(routes) < 10 {
		t.Fatalf("found only %d GET routes in web.go", len(routes))
	}
	for _, m := range routes {
		pattern := strings.TrimSuffix(m[1], "{$}")
		if pattern == "/static/{file}" {
			continue // embedded assets, no data
		}
		re := regexp.MustCompile("^" + regexp.MustCompile(`\\\{[a-z_]+\\\}`).ReplaceAllString(regexp.QuoteMeta(pattern), `[^/?]+`) + `(\?.*)?$`)
		found := false
		for _, p := range paths {
			if re.MatchString(p) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("page GET %s is not walked by TestIdentityLeakWalkPages: add it there", m[1])
		}
	}
}
