package api_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/upload/uploadtest"
)

func reportPart(t testing.TB) uploadtest.Part {
	data, err := json.Marshal(complaint(nil))
	if err != nil {
		t.Fatal(err)
	}
	return uploadtest.Part{Name: "report", Data: data}
}

// TestMultipartErrors pins the answer to each way a multipart body can be
// refused, so the reader behind it can change without users noticing.
func TestMultipartErrors(t *testing.T) {
	env := apptest.New(t, filepath.Join(t.TempDir(), "lapor.db"), apptest.Options{})
	env.Seed(t)
	photo := jpegBytes(t)
	report := reportPart(t)
	photoPart := func(data []byte) uploadtest.Part {
		return uploadtest.Part{Name: "attachments", FileName: "a.jpg", File: true, Data: data}
	}
	withParts := func(parts ...uploadtest.Part) func() (string, []byte) {
		return func() (string, []byte) { return uploadtest.Encode(parts...) }
	}
	many := func(n int, p uploadtest.Part) []uploadtest.Part {
		out := []uploadtest.Part{report}
		for i := 0; i < n; i++ {
			out = append(out, p)
		}
		return out
	}
	cut := func(parts []uploadtest.Part, keep func(body []byte) int) func() (string, []byte) {
		return func() (string, []byte) {
			ct, body := uploadtest.Encode(parts...)
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
		{"a report with a photo", "/api/v1/reports", withParts(report, photoPart(photo)), 201, "", "", nil},
		{"the report part sent as a file", "/api/v1/reports", withParts(uploadtest.Part{Name: "report", FileName: "r.json", File: true, Data: report.Data}), 201, "", "", nil},
		{"unknown parts are ignored", "/api/v1/reports", withParts(uploadtest.Part{Name: "comment", Data: []byte("hi")}, report, uploadtest.Part{Name: "other", FileName: "x.bin", File: true, Data: []byte("zz")}), 201, "", "", nil},
		{"thirteen parts", "/api/v1/reports", withParts(many(12, uploadtest.Part{Name: "x", Data: []byte("y")})...), 400, "invalid", "error.invalid_fields",
			map[string]string{"attachments": "field.attachments.too_many"}},
		{"six files", "/api/v1/reports", withParts(many(6, photoPart(photo))...), 400, "invalid", "error.invalid_fields",
			map[string]string{"attachments": "field.attachments.too_many"}},
		{"a file over 10 MB", "/api/v1/reports", withParts(report, photoPart(append(append([]byte{}, photo...), make([]byte, 10<<20)...))),
			413, "too_large", "error.too_large", map[string]string{"attachments": "field.attachments.too_large"}},
		{"a report part over 2 MB", "/api/v1/reports", withParts(uploadtest.Part{Name: "report", Data: bytes.Repeat([]byte(" "), 2<<20+1)}),
			413, "too_large", "error.too_large", map[string]string{"attachments": "field.attachments.too_large"}},
		{"a body over the limit", "/api/v1/reports", withParts(append(many(5, photoPart(make([]byte, 10<<20))), uploadtest.Part{Name: "x", Data: make([]byte, 14<<20)})...),
			413, "too_large", "error.too_large", map[string]string{"attachments": "field.attachments.too_large"}},
		{"no report part", "/api/v1/reports", withParts(photoPart(photo)), 400, "invalid", "error.invalid_fields",
			map[string]string{"report": "field.required"}},
		{"no action part", "/api/v1/reports/LPR-XXXX/actions", withParts(photoPart(photo)), 400, "invalid", "error.invalid_fields",
			map[string]string{"action": "field.required"}},
		{"not multipart inside", "/api/v1/reports", func() (string, []byte) {
			return "multipart/form-data; boundary=zzz", []byte("garbage")
		}, 400, "invalid", "error.invalid_fields", map[string]string{"attachments": "field.attachments.malformed"}},
		{"no boundary", "/api/v1/reports", func() (string, []byte) { return "multipart/form-data", []byte("garbage") },
			400, "invalid", "error.unsupported_media_type", nil},
		{"cut inside a file", "/api/v1/reports", cut([]uploadtest.Part{report, photoPart(photo)}, func(b []byte) int { return len(b) - 100 }),
			400, "invalid", "error.invalid_fields", map[string]string{"attachments": "field.attachments.malformed"}},
		{"cut inside the report part", "/api/v1/reports", cut([]uploadtest.Part{report}, func(b []byte) int { return bytes.Index(b, []byte(`"kind"`)) }),
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
