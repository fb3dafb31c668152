package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/upload/uploadtest"
)

// reportParts are the fields of a valid report, then extra.
func reportParts(extra ...uploadtest.Part) []uploadtest.Part {
	var out []uploadtest.Part
	for k, v := range (url.Values{"kind": {"complaint"}, "title": {"Jalan berlubang di Jl. Ahmad Yani"},
		"body":     {"Lubang besar di depan SDN 003 sudah dua minggu, membahayakan pengendara motor."},
		"category": {"infrastruktur-jalan"}, "location.kecamatan": {"Bontang Utara"}, "location.kelurahan": {"Api-Api"},
		"location.address": {"Jl. Ahmad Yani, depan SDN 003"}}) {
		out = append(out, uploadtest.Part{Name: k, Data: []byte(v[0])})
	}
	return append(out, extra...)
}

func (b *browser) postRaw(path, ct string, body []byte) resp {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	return b.do(req)
}

// TestMultipartFormErrors pins what a form shows for each way a multipart
// body can be refused, so the reader behind it can change unnoticed.
func TestMultipartFormErrors(t *testing.T) {
	e := newEnv(t, envOptions{})
	b := e.browser(t)
	photo := jpegBytes
	files := func(n int, data []byte) []uploadtest.Part {
		var out []uploadtest.Part
		for i := 0; i < n; i++ {
			out = append(out, uploadtest.Part{Name: "attachments", FileName: "a.jpg", File: true, Data: data})
		}
		return out
	}
	field := func(name string, n int) uploadtest.Part {
		return uploadtest.Part{Name: name, Data: bytes.Repeat([]byte("a"), n)}
	}
	encoded := func(parts []uploadtest.Part) func() (string, []byte) {
		return func() (string, []byte) { return uploadtest.Encode(parts...) }
	}
	cutBefore := func(parts []uploadtest.Part, marker string) func() (string, []byte) {
		return func() (string, []byte) {
			ct, body := uploadtest.Encode(parts...)
			return ct, body[:bytes.LastIndex(body, []byte(marker))]
		}
	}
	var fortyNine []uploadtest.Part
	for i := 0; i < 49; i++ {
		fortyNine = append(fortyNine, field("x", 1))
	}
	cases := []struct {
		name   string
		path   string
		body   func() (string, []byte)
		status int
		top    string            // the heading's key when no field is named
		fields map[string]string // field -> message key
	}{
		{"a report with a photo", "/lapor", encoded(reportParts(files(1, photo)...)), 303, "", nil},
		{"a file input left empty", "/lapor", encoded(reportParts(uploadtest.Part{Name: "attachments", File: true})), 303, "", nil},
		{"a photo under another name", "/lapor", encoded(reportParts(uploadtest.Part{Name: "foto", FileName: "a.jpg", File: true, Data: photo})), 303, "", nil},
		{"forty-nine parts", "/lapor", encoded(fortyNine), 422, "web.error.bad_form", nil},
		{"six photos", "/lapor", encoded(reportParts(files(6, photo)...)), 422, "",
			map[string]string{"attachments": "field.attachments.too_many"}},
		{"a file over 10 MB", "/lapor", encoded(reportParts(files(1, append(append([]byte{}, photo...), make([]byte, 10<<20)...))...)), 413, "",
			map[string]string{"attachments": "field.attachments.too_large"}},
		{"a title over 64 KB", "/lapor", encoded(reportParts(field("title", 64<<10+1))), 422, "",
			map[string]string{"title": "field.too_long"}},
		{"text over 256 KB", "/lapor", encoded(reportParts(field("a", 60<<10), field("b", 60<<10), field("c", 60<<10), field("d", 60<<10), field("e", 60<<10))),
			413, "error.too_large", nil},
		{"not multipart inside", "/lapor", func() (string, []byte) { return "multipart/form-data; boundary=zzz", []byte("garbage") },
			422, "web.error.bad_form", nil},
		{"no boundary", "/lapor", func() (string, []byte) { return "multipart/form-data", []byte("garbage") },
			422, "web.error.bad_form", nil},
		{"cut inside a file", "/lapor", cutBefore(reportParts(files(1, photo)...), "\r\n--"), 422, "",
			map[string]string{"attachments": "field.attachments.malformed"}},
		{"cut inside a field", "/lapor", cutBefore(reportParts(), "\r\n--"), 422, "web.error.bad_form", nil},
	}
	for _, c := range cases {
		ct, body := c.body()
		r := b.postRaw(c.path, ct, body)
		if r.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d: %s", c.name, r.StatusCode, c.status, text(r))
			continue
		}
		if c.status == 303 {
			continue
		}
		heading := strings.TrimSpace(r.Doc.Find(".summary h2").Text())
		want := i18n.T(i18n.ID, "web.form.problems")
		if c.top != "" {
			want = i18n.T(i18n.ID, c.top)
		}
		if heading != want {
			t.Errorf("%s: heading %q, want %q", c.name, heading, want)
		}
		items := r.Doc.Find(".summary li")
		if items.Length() != len(c.fields) {
			t.Errorf("%s: %d problems listed, want %d: %s", c.name, items.Length(), len(c.fields), items.Text())
		}
		for name, key := range c.fields {
			if got := r.Doc.Find("#" + name + "-err").Text(); !strings.Contains(got, i18n.T(i18n.ID, key)) {
				t.Errorf("%s: %s says %q, want %s", c.name, name, got, key)
			}
		}
	}
}

// TestMultipartWithoutFiles: a form that takes no file ignores file parts,
// and a body over its small limit is too large.
func TestMultipartWithoutFiles(t *testing.T) {
	e := newEnv(t, envOptions{})
	b := e.browser(t)
	login := []uploadtest.Part{{Name: "email", Data: []byte(adminEmail)}, {Name: "password", Data: []byte(testPassword)}}
	ct, body := uploadtest.Encode(append(login, uploadtest.Part{Name: "file", FileName: "x.txt", File: true, Data: []byte("hello")})...)
	if r := b.postRaw("/masuk", ct, body); r.StatusCode != http.StatusSeeOther {
		t.Errorf("login with a file part: %d %s", r.StatusCode, text(r))
	}
	ct, body = uploadtest.Encode(append(login, uploadtest.Part{Name: "file", FileName: "x.txt", File: true, Data: make([]byte, 300<<10)})...)
	if r := e.browser(t).postRaw("/masuk", ct, body); r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("login with a 300 KB file part: %d %s", r.StatusCode, text(r))
	}
}
