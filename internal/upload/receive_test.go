package upload

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// outcome is what the test server's handler got from Read.
type outcome struct {
	form   *Form
	err    error
	took   time.Duration // from the handler's start to Read's return
	ctxErr error         // the request's context after hold
}

// testServer reads every request with rd and reports each outcome; it
// keeps the slot for hold after Read, then answers 200 or 400.
func testServer(t *testing.T, rd *Reader, lim Limits, hold time.Duration) (*httptest.Server, chan outcome) {
	out := make(chan outcome, 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		f, err := rd.Read(w, r, params["boundary"], lim)
		took := time.Since(t0)
		defer f.Done()
		time.Sleep(hold)
		out <- outcome{form: f, err: err, took: took, ctxErr: r.Context().Err()}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "ok %d", len(f.Files))
	}))
	t.Cleanup(srv.Close)
	return srv, out
}

// sender writes a multipart upload on a raw connection, as slowly as told.
type sender struct {
	t    *testing.T
	conn net.Conn
	body []byte
	sent int
}

func startUpload(t *testing.T, srv *httptest.Server, body []byte) *sender {
	c, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n", boundary, len(body))
	return &sender{t: t, conn: c, body: body}
}

// send writes n more bytes, in chunks of chunk every pause; it stops when
// the server no longer reads.
func (s *sender) send(n, chunk int, pause time.Duration) {
	for end := min(s.sent+n, len(s.body)); s.sent < end; {
		k := min(chunk, end-s.sent)
		if _, err := s.conn.Write(s.body[s.sent : s.sent+k]); err != nil {
			return
		}
		s.sent += k
		time.Sleep(pause)
	}
}

func (s *sender) status() int {
	s.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(s.conn), nil)
	if err != nil {
		s.t.Fatalf("no answer: %v", err)
	}
	res.Body.Close()
	return res.StatusCode
}

func tempFiles(t *testing.T, dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

var bigLimits = Limits{Body: 1 << 20, Parts: 4, Files: 2, FileBytes: 512 << 10, FieldBytes: 1 << 10,
	Kind: func(name, _ string) Kind {
		if name == "attachments" {
			return FilePart
		}
		return FieldPart
	}}

func photoBody(size int) []byte {
	return encode(part{Name: "title", Data: []byte("Jalan rusak")},
		part{Name: "attachments", FileName: "a.jpg", File: true, Data: []byte(strings.Repeat("p", size))})
}

// TestSlowHonestClient: a body sent in small pieces with pauses, well above
// the minimum rate, arrives whole; it went through a temporary file, which
// is gone once the body is read.
func TestSlowHonestClient(t *testing.T) {
	dir := t.TempDir()
	rd := New(Options{InMemory: 16 << 10, TempDir: dir, MinRate: 32 << 10, Grace: 200 * time.Millisecond, Stall: time.Second})
	srv, out := testServer(t, rd, bigLimits, 0)
	body := photoBody(200 << 10)
	s := startUpload(t, srv, body)
	s.send(100<<10, 8<<10, 40*time.Millisecond) // 200 KB/s
	time.Sleep(50 * time.Millisecond)
	if n := tempFiles(t, dir); n != 1 {
		t.Errorf("%d temporary files half-way, want 1", n)
	}
	time.Sleep(300 * time.Millisecond) // a pause shorter than Stall
	s.send(len(body), 8<<10, 40*time.Millisecond)
	if st := s.status(); st != http.StatusOK {
		t.Fatalf("status %d", st)
	}
	o := <-out
	if o.err != nil || len(o.form.Files) != 1 || len(o.form.Files[0].Data) != 200<<10 || o.form.Values.Get("title") != "Jalan rusak" {
		t.Fatalf("%v %v", o.err, o.form.Values)
	}
	t.Logf("%d bytes in %v", len(body), o.took)
	if n := tempFiles(t, dir); n != 0 {
		t.Errorf("%d temporary files left", n)
	}
}

// TestTricklingClientIsCutOff: a client under the minimum rate is cut off
// once the grace has passed, and its temporary file goes too.
func TestTricklingClientIsCutOff(t *testing.T) {
	dir := t.TempDir()
	rd := New(Options{InMemory: 1 << 10, TempDir: dir, MinRate: 32 << 10, Grace: 200 * time.Millisecond, Stall: time.Second})
	srv, out := testServer(t, rd, bigLimits, 0)
	s := startUpload(t, srv, photoBody(100<<10))
	go s.send(100<<10, 200, 20*time.Millisecond) // 10 KB/s
	o := <-out
	var e *Error
	if !errors.As(o.err, &e) || e.Problem != Malformed || !errors.Is(o.err, os.ErrDeadlineExceeded) {
		t.Fatalf("got %v, want a malformed body cut by the deadline", o.err)
	}
	if o.took > 600*time.Millisecond {
		t.Errorf("cut off after %v, want about 200ms", o.took)
	}
	t.Logf("cut off after %v", o.took)
	if n := tempFiles(t, dir); n != 0 {
		t.Errorf("%d temporary files left", n)
	}
}

// TestStalledClientIsCutOff: a client that sent much quickly, then stops,
// is cut off after Stall, whatever it sent before.
func TestStalledClientIsCutOff(t *testing.T) {
	rd := New(Options{MinRate: 1, Grace: time.Minute, Stall: 200 * time.Millisecond})
	srv, out := testServer(t, rd, bigLimits, 0)
	s := startUpload(t, srv, photoBody(100<<10))
	s.send(50<<10, 50<<10, 0)
	t0 := time.Now()
	o := <-out
	if !errors.Is(o.err, os.ErrDeadlineExceeded) {
		t.Fatalf("got %v, want the deadline", o.err)
	}
	if took := time.Since(t0); took > 600*time.Millisecond {
		t.Errorf("cut off %v after the last byte, want about 200ms", took)
	}
}

// TestDeadlineLiftedOnceTheBodyIsIn: the work after the body may take
// longer than the deadlines that paced it without the request ending.
func TestDeadlineLiftedOnceTheBodyIsIn(t *testing.T) {
	rd := New(Options{Grace: 50 * time.Millisecond, Stall: 50 * time.Millisecond})
	srv, out := testServer(t, rd, bigLimits, 300*time.Millisecond)
	res, err := http.Post(srv.URL, "multipart/form-data; boundary="+boundary, bytes.NewReader(photoBody(10<<10)))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	o := <-out
	if res.StatusCode != http.StatusOK || o.err != nil || o.ctxErr != nil {
		t.Fatalf("status %d, read %v, context %v", res.StatusCode, o.err, o.ctxErr)
	}
}

// TestStalledUploadsHoldNoSlot: with a single slot, uploads that stall
// while sending keep no one else waiting.
func TestStalledUploadsHoldNoSlot(t *testing.T) {
	rd := New(Options{Slots: 1})
	srv, out := testServer(t, rd, bigLimits, 0)
	for i := 0; i < 5; i++ {
		startUpload(t, srv, photoBody(10<<10)).send(100, 100, 0)
	}
	time.Sleep(100 * time.Millisecond)
	t0 := time.Now()
	res, err := http.Post(srv.URL, "multipart/form-data; boundary="+boundary, bytes.NewReader(photoBody(10<<10)))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if took := time.Since(t0); res.StatusCode != http.StatusOK || took > time.Second {
		t.Fatalf("status %d after %v", res.StatusCode, took)
	}
	if o := <-out; o.err != nil {
		t.Fatal(o.err)
	}
}

// TestBodyOverLimitLeavesNoFile: a body over its limit is refused as too
// large, and the temporary file it filled is removed.
func TestBodyOverLimitLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	rd := New(Options{InMemory: 4 << 10, TempDir: dir})
	lim := bigLimits
	lim.Body = 64 << 10
	srv, out := testServer(t, rd, lim, 0)
	res, err := http.Post(srv.URL, "multipart/form-data; boundary="+boundary, bytes.NewReader(photoBody(100<<10)))
	if err == nil {
		res.Body.Close()
	}
	o := <-out
	var mbe *http.MaxBytesError
	if !errors.As(o.err, &mbe) {
		t.Fatalf("got %v, want a body over its limit", o.err)
	}
	if n := tempFiles(t, dir); n != 0 {
		t.Errorf("%d temporary files left", n)
	}
}
