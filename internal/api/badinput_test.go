package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

func jpegBytes(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	for x := 0; x < 32; x++ {
		for y := 0; y < 24; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 8), uint8(y * 10), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type file struct {
	name string
	data []byte
}

// multipartReport builds a multipart submission.
func multipartReport(t testing.TB, report any, files ...file) (string, []byte) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="report"`)
	h.Set("Content-Type", "application/json")
	pw, _ := w.CreatePart(h)
	data, _ := json.Marshal(report)
	pw.Write(data)
	for _, f := range files {
		fw, _ := w.CreateFormFile("attachments", f.name)
		fw.Write(f.data)
	}
	w.Close()
	return w.FormDataContentType(), b.Bytes()
}

func postMultipart(t *testing.T, env *apptest.Env, path, ct string, body []byte, auth string) apptest.Response {
	req, _ := http.NewRequest("POST", env.Server.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return env.Send(t, req)
}

func count(t *testing.T, env *apptest.Env, table string) int {
	var n int
	if err := env.Store.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBadInputStoresNothing(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		elf := append([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, bytes.Repeat([]byte{0}, 200)...)
		photo := jpegBytes(t)
		cases := []struct {
			name   string
			body   any    // JSON body (map or raw []byte)
			files  []file // when set, sent as multipart
			status int
			field  string
		}{
			{"empty object", map[string]any{}, nil, 400, "title"},
			{"missing kind", complaint(map[string]any{"kind": ""}), nil, 400, "kind"},
			{"unknown kind", complaint(map[string]any{"kind": "rant"}), nil, 400, "kind"},
			{"empty title", complaint(map[string]any{"title": "   "}), nil, 400, "title"},
			{"empty body", complaint(map[string]any{"body": ""}), nil, 400, "body"},
			{"title of 1 MB", complaint(map[string]any{"title": strings.Repeat("a", 1<<20)}), nil, 400, "title"},
			{"title of wrong type", complaint(map[string]any{"title": 42}), nil, 400, "title"},
			{"bad e-mail", complaint(map[string]any{"reporter": map[string]any{"email": "budi@"}}), nil, 400, "reporter.email"},
			{"bad phone", complaint(map[string]any{"reporter": map[string]any{"phone": "call me"}}), nil, 400, "reporter.phone"},
			{"date that does not exist", complaint(map[string]any{"incident_date": "2026-02-30"}), nil, 400, "incident_date"},
			{"date in the future", complaint(map[string]any{"incident_date": "2027-01-01"}), nil, 400, "incident_date"},
			{"latitude out of range", complaint(map[string]any{"location": map[string]any{"lat": 91.0, "lon": 117.0}}), nil, 400, "location.lat"},
			{"longitude out of range", complaint(map[string]any{"location": map[string]any{"lat": 0.1, "lon": -181.0}}), nil, 400, "location.lon"},
			{"lat without lon", complaint(map[string]any{"location": map[string]any{"lat": 0.1}}), nil, 400, "location"},
			{"unknown category", complaint(map[string]any{"category": "no-such"}), nil, 400, "category"},
			{"unknown unit", complaint(map[string]any{"unit": "no-such"}), nil, 400, "unit"},
			{"null byte in title", complaint(map[string]any{"title": "Jalan\x00rusak parah"}), nil, 400, "title"},
			{"invalid UTF-8", []byte("{\"kind\":\"complaint\",\"title\":\"Jalan \xff\xfe rusak\",\"body\":\"Lubang besar sekali di jalan.\"}"), nil, 400, "title"},
			{"lone surrogate", []byte(`{"kind":"complaint","title":"Jalan \ud800 rusak","body":"Lubang besar sekali di jalan."}`), nil, 400, "title"},
			{"malformed JSON", []byte(`{"kind":"complaint",`), nil, 400, "request"},
			{"not an object", []byte(`["complaint"]`), nil, 400, "request"},
			{"deep nesting", []byte(strings.Repeat(`{"a":`, 50) + "1" + strings.Repeat("}", 50)), nil, 400, ""},
			{"sixth attachment", complaint(nil), []file{{"1.jpg", photo}, {"2.jpg", photo}, {"3.jpg", photo}, {"4.jpg", photo}, {"5.jpg", photo}, {"6.jpg", photo}}, 400, "attachments"},
			{"30 MB file", complaint(nil), []file{{"big.jpg", append(append([]byte{}, photo...), make([]byte, 30<<20)...)}}, 413, "attachments"},
			{"program named photo.jpg", complaint(nil), []file{{"photo.jpg", elf}}, 400, "attachments"},
			{"script named photo.png", complaint(nil), []file{{"photo.png", []byte("#!/bin/sh\nrm -rf /\n")}}, 400, "attachments"},
			{"html named photo.jpg", complaint(nil), []file{{"photo.jpg", []byte("<html><script>alert(1)</script></html>")}}, 400, "attachments"},
			{"good photo and a bad file", complaint(nil), []file{{"ok.jpg", photo}, {"photo.jpg", elf}}, 400, "attachments"},
			{"truncated jpeg", complaint(nil), []file{{"cut.jpg", photo[:40]}}, 400, "attachments"},
			{"text that starts like a PDF", complaint(nil), []file{{"surat.pdf", []byte("%PDF-1.4\nMohon jalan di depan sekolah diperbaiki.\n%%EOF\n")}}, 400, "attachments"},
			{"empty file", complaint(nil), []file{{"empty.jpg", nil}}, 400, "attachments"},
		}
		for _, c := range cases {
			var res apptest.Response
			if c.files != nil {
				ct, body := multipartReport(t, c.body, c.files...)
				res = postMultipart(t, env, "/api/v1/reports", ct, body, "")
			} else {
				res = env.Do(t, "POST", "/api/v1/reports", c.body, "")
			}
			if res.Status != c.status {
				t.Errorf("%s: status %d, want %d: %.300s", c.name, res.Status, c.status, res.Body)
				continue
			}
			m := res.JSON(t)
			e, _ := m["error"].(map[string]any)
			if e == nil || e["message"] == "" {
				t.Errorf("%s: no error document: %s", c.name, res.Body)
				continue
			}
			if c.field != "" {
				fields, _ := e["fields"].(map[string]any)
				if _, ok := fields[c.field]; !ok {
					t.Errorf("%s: error does not name %q: %s", c.name, c.field, res.Body)
				}
			}
		}
		if n := count(t, env, "reports"); n != 0 {
			t.Fatalf("bad input stored %d reports", n)
		}
		if n := count(t, env, "attachments"); n != 0 {
			t.Fatalf("bad input stored %d attachments", n)
		}
		if n := count(t, env, "events"); n != 0 {
			t.Fatalf("bad input stored %d events", n)
		}
		if strings.Contains(env.Logs.String(), "level=ERROR") {
			t.Fatalf("bad input caused server errors:\n%s", env.Logs.String())
		}
	})
}

func TestErrorsSpeakTheClientsLanguage(t *testing.T) {
	env := apptest.New(t, t.TempDir()+"/l.db", apptest.Options{})
	for lang, want := range map[string]string{"": "Wajib diisi", "id-ID": "Wajib diisi", "en-US,en;q=0.9": "Required"} {
		req, _ := http.NewRequest("POST", env.Server.URL+"/api/v1/reports", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		if lang != "" {
			req.Header.Set("Accept-Language", lang)
		}
		res := env.Send(t, req)
		if !strings.Contains(string(res.Body), want) {
			t.Errorf("Accept-Language %q: %s", lang, res.Body)
		}
	}
}

func TestAttachmentsAreStoredCleanAndServedToThoseAllowed(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		photo := jpegBytes(t)
		pdf := []byte("%PDF-1.4\n1 0 obj << /Author (Budi Santoso) /Title (Bukti) >> endobj\n2 0 obj << /Type /Catalog >> endobj\n" +
			"trailer << /Root 2 0 R /Info 1 0 R >>\nstartxref\n0\n%%EOF\n")
		ct, body := multipartReport(t, complaint(nil), file{"../../etc/passwd.jpg", photo}, file{"surat.pdf", pdf})
		res := postMultipart(t, env, "/api/v1/reports", ct, body, "")
		if res.Status != 201 {
			t.Fatalf("submit with files: %d %s", res.Status, res.Body)
		}
		m := res.JSON(t)
		f := filed{m["tracking_id"].(string), m["receipt"].(string)}
		rep := get(t, env, f, f.auth(), 200)
		files := rep["attachments"].([]any)
		if len(files) != 2 {
			t.Fatalf("attachments: %v", files)
		}
		first := files[0].(map[string]any)
		if first["content_type"] != "image/jpeg" || strings.ContainsAny(first["name"].(string), "/\\") {
			t.Fatalf("attachment: %v", first)
		}
		url := first["url"].(string)
		// The reporter and the admin may download; the public may not yet.
		for auth, want := range map[string]int{f.auth(): 200, city.Admin: 200, "": 404, city.OfficerDinkes: 404} {
			req, _ := http.NewRequest("GET", env.Server.URL+url, nil)
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			got := env.Send(t, req)
			if got.Status != want {
				t.Errorf("download as %q: %d, want %d", auth, got.Status, want)
			}
			if got.Status == 200 && (got.Header.Get("X-Content-Type-Options") != "nosniff" || got.Header.Get("Content-Type") != "image/jpeg") {
				t.Errorf("download headers: %v", got.Header)
			}
		}
		// Follow-up with a file, by multipart with an "action" part.
		act(t, env, f, city.Admin, 200, map[string]any{"action": "verify", "unit": "dinkes"})
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		w.WriteField("action", `{"action":"follow_up","message":"Foto hasil perbaikan terlampir."}`)
		fw, _ := w.CreateFormFile("attachments", "hasil.jpg")
		fw.Write(photo)
		w.Close()
		res = postMultipart(t, env, "/api/v1/reports/"+f.id+"/actions", w.FormDataContentType(), b.Bytes(), city.OfficerDinkes)
		if res.Status != 200 {
			t.Fatalf("follow-up with file: %d %s", res.Status, res.Body)
		}
		tl := res.JSON(t)["timeline"].([]any)
		last := tl[len(tl)-1].(map[string]any)
		if len(last["attachments"].([]any)) != 1 {
			t.Fatalf("follow-up attachment missing: %v", last)
		}
		// A stored PDF keeps no author.
		var data []byte
		if err := env.Store.DB().QueryRow(fmt.Sprintf("SELECT data FROM attachments WHERE content_type = '%s'", "application/pdf")).Scan(&data); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("Budi")) {
			t.Fatalf("PDF author kept: %q", data)
		}
	})
}
