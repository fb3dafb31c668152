package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/textproto"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/i18n"
)

// part is one part of a hand-made multipart body.
type part struct {
	name, filename string
	data           []byte
}

// multipartBody encodes parts in order, file parts when they have a file name.
func multipartBody(parts ...part) (string, []byte) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := `form-data; name="` + p.name + `"`
		if p.filename != "" {
			cd += `; filename="` + p.filename + `"`
		}
		h.Set("Content-Disposition", cd)
		pw, _ := w.CreatePart(h)
		pw.Write(p.data)
	}
	w.Close()
	return w.FormDataContentType(), b.Bytes()
}

func reportPart(t testing.TB) part {
	data, err := json.Marshal(complaint(nil))
	if err != nil {
		t.Fatal(err)
	}
	return part{name: "report", data: data}
}

// TestMultipartErrors pins the answer to each way a multipart body can be
// refused, so the reader behind it can change without users noticing.
func TestMultipartErrors(t *testing.T) {
	env := apptest.New(t, filepath.Join(t.TempDir(), "lapor.db"), apptest.Options{})
	env.Seed(t)
	photo := jpegBytes(t)
	report := reportPart(t)
	withParts := func(parts ...part) func() (string, []byte) {
		return func() (string, []byte) { return multipartBody(parts...) }
	}
	many := func(n int, p part) []part {
		out := []part{report}
		for i := 0; i < n; i++ {
			out = append(out, p)
		}
		return out
	}
	cut := func(parts []part, keep func(body []byte) int) func() (string, []byte) {
		return func() (string, []byte) {
			ct, body := multipartBody(parts...)
			return ct, body[:keep(body)]
		}
	}
	cases := []struct {
		name   string
		path   string
		body   func() (string, []byte)
		status int
		code   string
		key    string            // the message
		fields map[string]string // field -> message key
	}{
		{"a report with a photo", "/api/v1/reports", withParts(report, part{"attachments", "a.jpg", photo}), 201, "", "", nil},
		{"the report part sent as a file", "/api/v1/reports", withParts(part{"report", "r.json", report.data}), 201, "", "", nil},
		{"unknown parts are ignored", "/api/v1/reports", withParts(part{"comment", "", []byte("hi")}, report, part{"other", "x.bin", []byte("zz")}), 201, "", "", nil},
		{"thirteen parts", "/api/v1/reports", withParts(many(12, part{"x", "", []byte("y")})...), 400, "invalid", "error.invalid_fields",
			map[string]string{"attachments": "field.attachments.too_many"}},
		{"six files", "/api/v1/reports", withParts(many(6, part{"attachments", "a.jpg", photo})...), 400, "invalid", "error.invalid_fields",
			map[string]string{"attachments": "field.attachments.too_many"}},
		{"a file over 10 MB", "/api/v1/reports", withParts(report, part{"attachments", "a.jpg", append(append([]byte{}, photo...), make([]byte, 10<<20)...)}),
			413, "too_large", "error.too_large", map[string]string{"attachments": "field.attachments.too_large"}},
		{"a report part over 2 MB", "/api/v1/reports", withParts(part{"report", "", bytes.Repeat([]byte(" "), 2<<20+1)}),
			413, "too_large", "error.too_large", map[string]string{"attachments": "field.attachments.too_large"}},
		{"a body over the limit", "/api/v1/reports", withParts(append(many(5, part{"attachments", "a.jpg", make([]byte, 10<<20)}), part{"x", "", make([]byte, 14<<20)})...),
			413, "too_large", "error.too_large", map[string]string{"attachments": "field.attachments.too_large"}},
		{"no report part", "/api/v1/reports", withParts(part{"attachments", "a.jpg", photo}), 400, "invalid", "error.invalid_fields",
			map[string]string{"report": "field.required"}},
		{"no action part", "/api/v1/reports/LPR-XXXX/actions", withParts(part{"attachments", "a.jpg", photo}), 400, "invalid", "error.invalid_fields",
			map[string]string{"action": "field.required"}},
		{"not multipart inside", "/api/v1/reports", func() (string, []byte) {
			return "multipart/form-data; boundary=zzz", []byte("garbage")
		}, 400, "invalid", "error.invalid_fields", map[string]string{"attachments": "field.attachments.malformed"}},
		{"no boundary", "/api/v1/reports", func() (string, []byte) { return "multipart/form-data", []byte("garbage") },
			400, "invalid", "error.unsupported_media_type", nil},
		{"cut inside a file", "/api/v1/reports", cut([]part{report, {"attachments", "a.jpg", photo}}, func(b []byte) int { return len(b) - 100 }),
			400, "invalid", "error.invalid_fields", map[string]string{"attachments": "field.attachments.malformed"}},
		{"cut inside the report part", "/api/v1/reports", cut([]part{report}, func(b []byte) int { return bytes.Index(b, []byte(`"kind"`)) }),
			400, "invalid", "error.malformed_json", nil},
	}
	for _, c := range cases {
		ct, body := c.body()
		res := postMultipart(t, env, c.path, ct, body, "")
		if res.Status != c.status {
			t.Errorf("%s: status %d, want %d: %.300s", c.name, res.Status, c.status, res.Body)
			continue
		}
		if c.code == "" {
			continue
		}
		var doc struct {
			Error struct {
				Code    string            `json:"code"`
				Message string            `json:"message"`
				Fields  map[string]string `json:"fields"`
			} `json:"error"`
		}
		if err := json.Unmarshal(res.Body, &doc); err != nil {
			t.Errorf("%s: %v: %s", c.name, err, res.Body)
			continue
		}
		e := doc.Error
		if e.Code != c.code || e.Message != i18n.T(i18n.ID, c.key) || len(e.Fields) != len(c.fields) {
			t.Errorf("%s: got %s %q %v, want %s %s %v", c.name, e.Code, e.Message, e.Fields, c.code, c.key, c.fields)
			continue
		}
		for f, key := range c.fields {
			if e.Fields[f] != i18n.T(i18n.ID, key) {
				t.Errorf("%s: field %s says %q, want %s", c.name, f, e.Fields[f], key)
			}
		}
	}
	if strings.Contains(env.Logs.String(), "level=ERROR") {
		t.Errorf("refused bodies logged errors:\n%s", env.Logs.String())
	}
}
