package upload

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func readBody(t *testing.T, rd *Reader, body []byte, lim Limits) (*Form, error) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	return rd.Read(httptest.NewRecorder(), r, boundary, lim)
}

func TestReadKeepsFieldsAndFiles(t *testing.T) {
	rd := New(Options{})
	body := encode(part{Name: "title", Data: []byte("Jalan rusak")}, part{Name: "junk", Data: []byte("zzz")},
		part{Name: "attachments", FileName: "a.jpg", File: true, Data: []byte("JPEG")},
		part{Name: "attachments", File: true}, // a file input left empty
		part{Name: "title", Data: []byte("lagi")})
	f, err := readBody(t, rd, body, formLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Done()
	if got := f.Values["title"]; len(got) != 2 || got[0] != "Jalan rusak" || got[1] != "lagi" {
		t.Errorf("title: %q", got)
	}
	if _, ok := f.Values["junk"]; ok {
		t.Error("an ignored part was kept")
	}
	if len(f.Files) != 1 || f.Files[0].Name != "a.jpg" || string(f.Files[0].Data) != "JPEG" {
		t.Errorf("files: %+v", f.Files)
	}

	lim := formLimits
	lim.IgnoreEmptyFiles = false
	f, err = readBody(t, rd, encode(part{Name: "attachments", File: true}), lim)
	if err != nil || len(f.Files) != 1 {
		t.Errorf("an empty file part, kept: %v %+v", err, f.Files)
	}
	f.Done()
}

func TestReadRefuses(t *testing.T) {
	rd := New(Options{})
	field := func(name string, n int) part { return part{Name: name, Data: []byte(strings.Repeat("a", n))} }
	file := func(n int) part {
		return part{Name: "attachments", FileName: "a.jpg", File: true, Data: []byte(strings.Repeat("f", n))}
	}
	whole := encode(field("title", 5), file(10))
	cases := []struct {
		name    string
		body    []byte
		problem Problem
		part    string
		kind    Kind
	}{
		{"seven parts", encode(field("a", 1), field("b", 1), field("c", 1), field("d", 1), field("e", 1), field("f", 1), field("g", 1)),
			TooManyParts, "", 0},
		{"three files", encode(file(1), file(1), file(1)), TooManyFiles, "attachments", FilePart},
		{"a file too large", encode(file(1<<10 + 1)), FileTooLarge, "attachments", FilePart},
		{"a field too large", encode(field("title", 101)), FieldTooLarge, "title", FieldPart},
		{"too much text", encode(field("a", 100), field("b", 100), field("c", 51)), TextTooLarge, "c", FieldPart},
		{"a body over its limit", encode(file(1<<10), file(1<<10), part{Name: "junk", Data: []byte(strings.Repeat("j", 3<<10))}), TooLarge, "", 0},
		{"not multipart", []byte("garbage"), Malformed, "", 0},
		{"cut inside a file", whole[:bytes.LastIndex(whole, []byte("\r\n--"))], Malformed, "attachments", FilePart},
		{"cut inside a field", whole[:bytes.Index(whole, []byte("aaaaa"))+2], Malformed, "title", FieldPart},
	}
	for _, c := range cases {
		f, err := readBody(t, rd, c.body, formLimits)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %v, want an *Error", c.name, err)
			continue
		}
		if e.Problem != c.problem || e.Part != c.part || e.Kind != c.kind {
			t.Errorf("%s: %v (kind %d), want %s %q kind %d", c.name, err, e.Kind, problemNames[c.problem], c.part, c.kind)
		}
		var mbe *http.MaxBytesError
		if (c.problem == TooLarge) != errors.As(err, &mbe) {
			t.Errorf("%s: %v; a *http.MaxBytesError only for a body over its limit", c.name, err)
		}
		if f == nil || f.Values == nil || len(f.Files) != 0 {
			t.Errorf("%s: form %+v", c.name, f)
		}
	}
}

// TestReadReturnsWhatWasTyped: a body refused still gives back the fields
// before the problem, to show the form again with them.
func TestReadReturnsWhatWasTyped(t *testing.T) {
	rd := New(Options{Slots: 1})
	f, err := readBody(t, rd, encode(part{Name: "title", Data: []byte("Jalan rusak")}, part{Name: "body", Data: []byte(strings.Repeat("a", 101))}), formLimits)
	if err == nil || f.Values.Get("title") != "Jalan rusak" {
		t.Fatalf("%v %v", err, f.Values)
	}
	f.Done()
	// The refused body holds no slot: the next one gets the only one.
	f, err = readBody(t, rd, encode(part{Name: "title", Data: []byte("x")}), formLimits)
	if err != nil {
		t.Fatal(err)
	}
	f.Done()
}
