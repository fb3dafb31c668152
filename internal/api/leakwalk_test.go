package api_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// The identity planted on anonymous reports. Every form a leak could take
// is searched for: as typed, digits only, international, lower case.
var leakIdentity = map[string]any{"name": "Ratna Tersembunyi Wulandari", "email": "ratna.rahasia.77@example.id", "phone": "0813-5566-4422"}

var leakNeedles = []string{
	"Ratna Tersembunyi Wulandari", "Tersembunyi", "Wulandari", "ratna.rahasia.77@example.id", "ratna.rahasia.77",
	"0813-5566-4422", "081355664422", "6281355664422", "81355664422", "5566-4422", "55664422",
}

// staffRoute is a GET route of the API and the requests that walk it.
type staffRoute struct {
	pattern string
	paths   []string
}

// TestIdentityLeakWalk plants an anonymous reporter's identity on reports
// in every state, then walks every staff-facing GET route of the API, with
// every filter, search and export format, as each staff role, and fails if
// any form of the identity appears in any answer (CSV, and the XML inside
// XLSX files, included) or in the server's log. A named reporter is the
// control: the walk must see that identity, proving it would see a leak.
func TestIdentityLeakWalk(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		// The anonymous reports are filed under a listed kelurahan, so the
		// inbox filtered by its kecamatan lists them.
		kec, err := env.Svc.AddArea(context.Background(), service.Operator, "Bontang Utara", 0)
		if err != nil {
			t.Fatal(err)
		}
		kel, err := env.Svc.AddArea(context.Background(), service.Operator, "Api-Api", kec.ID)
		if err != nil {
			t.Fatal(err)
		}
		anon := func(extra map[string]any) map[string]any {
			body := complaint(map[string]any{"anonymous": true, "reporter": leakIdentity,
				"location": map[string]any{"address": "Jl. MT Haryono", "area_id": kel.ID}})
			for k, v := range extra {
				body[k] = v
			}
			return body
		}
		byState := map[string]filed{}
		photo := jpegBytes(t)
		newAnon := func(extra map[string]any) filed {
			ct, body := multipartReport(t, anon(extra), file{"Ratna Tersembunyi Wulandari 081355664422.jpg", photo})
			res := postMultipart(t, env, "/api/v1/reports", ct, body, "")
			if res.Status != 201 {
				t.Fatalf("submit: %d %s", res.Status, res.Body)
			}
			m := res.JSON(t)
			return filed{m["tracking_id"].(string), m["receipt"].(string)}
		}
		step := func() { env.Clock.Advance(7 * time.Minute) }
		byState["submitted"] = newAnon(nil)
		f := newAnon(map[string]any{"kind": "aspiration", "confidential": true})
		act(t, env, f, city.Admin, 200, map[string]any{"action": "hold", "message": "Mohon lengkapi lokasi."})
		byState["on_hold"] = f
		f = newAnon(nil)
		act(t, env, f, city.Admin, 200, map[string]any{"action": "archive", "reason": "duplicate"})
		byState["archived"] = f
		f = newAnon(map[string]any{"kind": "information_request", "information": map[string]any{"requested": "Data anggaran perbaikan jalan"}})
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr-jalan"})
		byState["dispositioned"] = f
		// An anonymous information request answered by its PPID: in the
		// public register (GET /api/v1/public/information) with no identity.
		info := newAnon(map[string]any{"kind": "information_request", "information": map[string]any{"requested": "Data anggaran drainase"}})
		act(t, env, info, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		ppid, err := env.Svc.AddUser(context.Background(), service.Operator, service.NewUser{Email: "ppid-pu@bontang.go.id",
			Role: domain.RolePPID, Unit: "dpupr", Password: apptest.Password})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Svc.Act(context.Background(), info.id, service.Staff(&ppid), domain.ActionInput{Action: domain.ActionAnswer,
			Message: "Data terlampir.", Outcome: domain.OutcomeGranted, Link: "https://ppid.bontangkota.go.id/drainase"}, nil); err != nil {
			t.Fatal(err)
		}
		for _, st := range []string{"followed_up", "reporter_replied", "completed"} {
			f = newAnon(nil)
			step()
			act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
			act(t, env, f, city.OfficerPU, 200, map[string]any{"action": "note", "message": "Catatan internal."})
			act(t, env, f, city.OfficerPU, 200, map[string]any{"action": "follow_up", "message": "Sedang ditangani."})
			switch st {
			case "reporter_replied":
				act(t, env, f, f.auth(), 200, map[string]any{"action": "reply", "message": "Belum selesai."})
			case "completed":
				act(t, env, f, f.auth(), 200, map[string]any{"action": "complete", "rating": 2})
				act(t, env, f, city.Admin, 200, map[string]any{"action": "set_confidential"})
			}
			byState[st] = f
		}
		// The control: a named reporter, whom staff may see.
		named := submit(t, env, complaint(map[string]any{"reporter": map[string]any{"name": "Kontrol Bernama Saputra"}}))
		act(t, env, named, city.Admin, 200, map[string]any{"action": "verify", "unit": "dpupr"})
		// Time passes: deadlines fall due, so evaluations and sanction
		// lists have something to show.
		env.Clock.Advance(20 * 24 * time.Hour)
		// The admins' answers carry the routing suggestions.
		if err := env.Svc.RefreshTriage(context.Background(), service.Operator); err != nil {
			t.Fatal(err)
		}

		all := append([]filed{named}, values(byState)...)
		var reportPaths, filePaths []string
		for _, f := range all {
			reportPaths = append(reportPaths, "/api/v1/reports/"+f.id)
			m := get(t, env, f, f.auth(), 200)
			for _, a := range m["attachments"].([]any) {
				filePaths = append(filePaths, a.(map[string]any)["url"].(string))
			}
		}
		if len(filePaths) < len(byState) {
			t.Fatalf("only %d attachments to walk", len(filePaths))
		}
		list := []string{"/api/v1/reports", "/api/v1/reports?sort=oldest", "/api/v1/reports?page=2&per_page=2",
			"/api/v1/reports?per_page=100", "/api/v1/reports?status=submitted,on_hold,archived"}
		for _, st := range []string{"submitted", "on_hold", "dispositioned", "followed_up", "reporter_replied", "completed", "archived"} {
			list = append(list, "/api/v1/reports?status="+st)
		}
		for _, k := range []string{"complaint", "aspiration", "information_request"} {
			list = append(list, "/api/v1/reports?kind="+k)
		}
		for _, u := range []string{"dpupr", "dpupr-jalan", "dinkes"} {
			list = append(list, "/api/v1/reports?unit="+u)
		}
		list = append(list, "/api/v1/reports?kecamatan="+strconv.FormatInt(kec.ID, 10))
		var searches []string
		for _, n := range append(leakNeedles, "Jalan", "Haryono", "ratna", "0813") {
			searches = append(searches, "/api/v1/reports?q="+url.QueryEscape(n))
		}
		list = append(list, searches...)
		period := "from=2026-01-01&to=2026-12-31"
		public := []string{"/api/v1/public/reports", "/api/v1/public/reports?sort=supported", "/api/v1/public/reports?sort=oldest_open",
			"/api/v1/public/reports?per_page=100", "/api/v1/public/reports?unit=dpupr", "/api/v1/public/reports?kind=information_request"}
		for _, n := range append(leakNeedles, "Jalan", "Haryono", "ratna", "0813") {
			public = append(public, "/api/v1/public/reports?q="+url.QueryEscape(n))
		}
		var dupPaths []string // the same texts as the walked reports: they find them, when public
		for _, title := range []string{"Jalan berlubang di Jl. MT Haryono", "Lubang besar di depan SD 003"} {
			dupPaths = append(dupPaths, "/api/v1/public/duplicates?title="+url.QueryEscape(title),
				"/api/v1/public/duplicates?lat=0.133&lon=117.49&title="+url.QueryEscape(title))
		}
		routes := []staffRoute{
			{"/api/v1/openapi.json", []string{"/api/v1/openapi.json"}},
			{"/api/v1/reports", list},
			{"/api/v1/reports/{tracking_id}", reportPaths},
			{"/api/v1/reports/{tracking_id}/attachments/{id}", filePaths},
			{"/api/v1/public/reports", public},
			{"/api/v1/public/information", []string{"/api/v1/public/information", "/api/v1/public/information?per_page=100"}},
			{"/api/v1/public/duplicates", dupPaths},
			{"/api/v1/units", []string{"/api/v1/units"}},
			{"/api/v1/categories", []string{"/api/v1/categories"}},
			{"/api/v1/areas", []string{"/api/v1/areas"}},
			{"/api/v1/calendar/{year}", []string{"/api/v1/calendar/2026", "/api/v1/calendar/2027"}},
			{"/api/v1/settings/deadlines", []string{"/api/v1/settings/deadlines"}},
			{"/api/v1/settings/security", []string{"/api/v1/settings/security"}},
			{"/api/v1/settings/ppid", []string{"/api/v1/settings/ppid"}},
			{"/api/v1/me", []string{"/api/v1/me"}},
			{"/api/v1/me/notifications", []string{"/api/v1/me/notifications"}},
			{"/api/v1/evaluation", []string{"/api/v1/evaluation", "/api/v1/evaluation?" + period, "/api/v1/evaluation?trend=month&" + period,
				"/api/v1/evaluation?unit=dpupr&" + period, "/api/v1/evaluation?format=csv&" + period, "/api/v1/evaluation?format=xlsx&" + period}},
			{"/api/v1/evaluation.csv", []string{"/api/v1/evaluation.csv?" + period}},
			{"/api/v1/evaluation.xlsx", []string{"/api/v1/evaluation.xlsx?" + period}},
			{"/api/v1/sanctions", []string{"/api/v1/sanctions", "/api/v1/sanctions?" + period, "/api/v1/sanctions?format=csv&" + period,
				"/api/v1/sanctions?format=xlsx&" + period}},
			{"/api/v1/outbox", []string{"/api/v1/outbox", "/api/v1/outbox?status=dead", "/api/v1/outbox?status=delivered",
				"/api/v1/outbox?status=skipped"}},
			{"/api/v1/webhooks", []string{"/api/v1/webhooks"}},
			{"/api/v1/channels/whatsapp", []string{"/api/v1/channels/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1"}},
			{"/healthz", []string{"/healthz"}},
		}
		routes = append(routes, open311Routes(all)...) // leakwalk_open311_test.go
		checkRouteCoverage(t, routes)

		var seen bytes.Buffer
		var sawControl bool
		// The sessions made at seeding ended while time passed: log in again.
		roles := map[string]string{}
		for role, email := range map[string]string{"admin": "admin@bontang.go.id", "supervisor": "inspektorat@bontang.go.id",
			"officer": "pu@bontang.go.id", "sub-unit officer": "jalan@bontang.go.id", "other officer": "dinkes@bontang.go.id"} {
			res := login(t, env, map[string]any{"email": email, "password": apptest.Password})
			if res.Status != 201 {
				t.Fatalf("login %s: %d %s", email, res.Status, res.Body)
			}
			roles[role] = "Bearer " + res.JSON(t)["token"].(string)
		}
		served := 0
		for _, role := range sortedKeys(roles) {
			auth := roles[role]
			for _, rt := range routes {
				for _, p := range rt.paths {
					res := env.Do(t, "GET", p, nil, auth)
					if res.Status >= 500 {
						t.Fatalf("%s GET %s: %d %s", role, p, res.Status, res.Body)
					}
					if res.Status == 200 {
						served++
					}
					body := expand(t, res.Header.Get("Content-Type"), res.Body)
					var hdr bytes.Buffer
					res.Header.Write(&hdr) // Content-Disposition names files
					body = append(body, hdr.Bytes()...)
					if found := leaked(body); found != "" {
						t.Errorf("%s GET %s answers with %q of the anonymous reporter's identity", role, p, found)
					}
					if bytes.Contains(body, []byte("Kontrol Bernama Saputra")) {
						sawControl = true
					}
					seen.Write(body)
				}
			}
			// Searching staff cannot even learn that the identity matches.
			for _, p := range searches[:len(leakNeedles)] {
				if m := env.Do(t, "GET", p, nil, auth).JSON(t); m["total"] != float64(0) {
					t.Errorf("%s: search %s finds %v reports: the identity is searchable", role, p, m["total"])
				}
			}
		}
		if !sawControl {
			t.Fatal("the walk never saw the named reporter's identity: it would not see a leak either")
		}
		if served < 100 {
			t.Fatalf("only %d answers were 200: the walk did not reach the data", served)
		}
		if found := leaked([]byte(env.Logs.String())); found != "" {
			t.Errorf("the server log holds %q", found)
		}
	})
}

func values(m map[string]filed) []filed {
	var out []filed
	for _, k := range sortedKeys(m) {
		out = append(out, m[k])
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func leaked(body []byte) string {
	low := bytes.ToLower(body)
	for _, n := range leakNeedles {
		if bytes.Contains(low, bytes.ToLower([]byte(n))) {
			return n
		}
	}
	return ""
}

// expand returns the text of an answer: the XML of every part of an XLSX
// (a zip) file, else the body itself.
func expand(t *testing.T, contentType string, body []byte) []byte {
	if !strings.Contains(contentType, "spreadsheetml") && !bytes.HasPrefix(body, []byte("PK\x03\x04")) {
		return body
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("XLSX answer is not a zip: %v", err)
	}
	var out bytes.Buffer
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(io.LimitReader(rc, 50<<20))
		rc.Close()
		out.Write(data)
	}
	if out.Len() == 0 {
		t.Fatal("empty XLSX")
	}
	return out.Bytes()
}

var getRoute = regexp.MustCompile(`mux\.Handle\("GET (/[^"]*)"`)

// checkRouteCoverage fails when a GET route of the API (registered in
// api.go, or described in openapi.json) is not walked: a new staff-facing
// route must join the walk above.
func checkRouteCoverage(t *testing.T, routes []staffRoute) {
	t.Helper()
	covered := map[string]bool{}
	for _, r := range routes {
		if len(r.paths) == 0 {
			t.Errorf("route %s has no request to walk", r.pattern)
		}
		covered[r.pattern] = true
	}
	src, err := os.ReadFile("api.go")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, m := range getRoute.FindAllStringSubmatch(string(src), -1) {
		want = append(want, m[1])
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	data, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for p, ops := range doc.Paths {
		if _, ok := ops["get"]; ok {
			want = append(want, p)
		}
	}
	if len(want) < 10 {
		t.Fatalf("found only %d GET routes in api.go and openapi.json", len(want))
	}
	for _, p := range want {
		if !covered[p] {
			t.Errorf("GET %s is not walked by TestIdentityLeakWalk: add it to the routes there", p)
		}
	}
}
