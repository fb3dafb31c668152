package api

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/upload"
)

// Fuzz targets for every parser of outside input in the API. The seed
// corpora in testdata/fuzz/<Name>/ run with every `go test`; to search for
// more: go test -run=^$ -fuzz=FuzzSubmitJSON -fuzztime=30s ./internal/api/
//
// The rule for all: any input gives a value or a *domain.Error that is not
// internal (so a 4xx), never a panic and never a 500.

func noInternal(t *testing.T, err error) {
	t.Helper()
	if err != nil && domain.ErrorCode(err) == domain.CodeInternal {
		t.Fatalf("input makes an internal error (a 500): %v", err)
	}
}

var fuzzToday = time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)

func FuzzSubmitJSON(f *testing.F) {
	f.Add([]byte(`{"kind":"complaint","title":"Jalan berlubang","body":"Lubang besar di depan SD 003.","incident_date":"2026-11-10",` +
		`"location":{"address":"Jl. MT Haryono","lat":0.13,"lon":117.49},"anonymous":true,"reporter":{"name":"Budi","email":"b@example.id","phone":"0812-3456-7890"}}`))
	f.Add([]byte(`{"kind":"x","title":1}`))
	f.Add([]byte(`[[[[[[[[[[]]]]]]]]]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var req submitRequest
		err := decodeJSON(data, &req)
		noInternal(t, err)
		if err != nil {
			return
		}
		sub := req.submission()
		sub.Normalize()
		noInternal(t, sub.Validate(fuzzToday))
	})
}

func FuzzActionJSON(f *testing.F) {
	f.Add([]byte(`{"action":"verify","unit":"dpupr"}`))
	f.Add([]byte(`{"action":"complete","rating":5,"message":"Terima kasih"}`))
	f.Add([]byte(`{"action":"archive","reason":"spam","rating":1e400}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var req actionRequest
		err := decodeJSON(data, &req)
		noInternal(t, err)
		if err != nil {
			return
		}
		in := domain.ActionInput{Action: domain.Action(req.Action), Unit: req.Unit, Message: req.Message,
			Reason: req.Reason, Rating: req.Rating, Title: req.Title}
		in.Normalize()
		noInternal(t, in.Validate())
	})
}

func FuzzLoginJSON(f *testing.F) {
	f.Add([]byte(`{"email":"admin@bontang.go.id","password":"kata-sandi","totp":"123456"}`))
	f.Add([]byte(`{"email":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var req loginRequest
		noInternal(t, decodeJSON(data, &req))
		var code codeRequest
		noInternal(t, decodeJSON(data, &code))
		var set securitySettingsJSON
		noInternal(t, decodeJSON(data, &set))
	})
}

const fuzzBoundary = "LaporFuzzBoundary"

func FuzzMultipart(f *testing.F) {
	f.Add([]byte("--" + fuzzBoundary + "\r\nContent-Disposition: form-data; name=\"report\"\r\nContent-Type: application/json\r\n\r\n" +
		`{"kind":"complaint","title":"Sampah menumpuk","body":"Sudah seminggu tidak diangkut."}` + "\r\n--" + fuzzBoundary +
		"\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"../../etc/passwd.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" +
		"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\r\n--" + fuzzBoundary + "--\r\n"))
	f.Add([]byte("--" + fuzzBoundary + "\r\nContent-Disposition: form-data; name=\"report\"\r\n\r\n{}\r\n--" + fuzzBoundary))
	f.Add([]byte("--" + fuzzBoundary + "\r\nContent-Disposition: form-data; name=\"x\"; filename=\"a\x00b\"\r\n\r\n\r\n--" + fuzzBoundary + "--"))
	a := &API{uploads: upload.New(upload.Options{})}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := httptest.NewRequest("POST", "/api/v1/reports", bytes.NewReader(data))
		r.Header.Set("Content-Type", "multipart/form-data; boundary="+fuzzBoundary)
		var req submitRequest
		form, err := a.readPayload(httptest.NewRecorder(), r, "report", &req)
		noInternal(t, err)
		if err != nil {
			return
		}
		form.Done()
		if len(form.Files) > 5 {
			t.Fatalf("%d files accepted", len(form.Files))
		}
		for _, f := range form.Files {
			if len(f.Data) > 10<<20 {
				t.Fatalf("file of %d bytes accepted", len(f.Data))
			}
		}
	})
}
