package web

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/upload"
	"github.com/lapor-id/lapor/internal/upload/uploadtest"
)

// stallUploads opens n connections that each send the headers of a
// multipart upload to one of paths and its first bytes, then nothing more.
func stallUploads(t *testing.T, addr string, n int, paths ...string) []net.Conn {
	t.Helper()
	var conns []net.Conn
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	for i := 0; i < n; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=zz\r\n"+
			"Content-Length: 100000\r\n\r\n--zz\r\nContent-Disposition: form-data; name=\"ti", paths[i%len(paths)], addr)
	}
	return conns
}

// stillWaiting reports whether the server has answered none of conns.
func stillWaiting(conns []net.Conn) bool {
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		var b [1]byte
		if _, err := c.Read(b[:]); err == nil || !isTimeout(err) {
			return false
		}
	}
	return true
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// apiReport is a multipart report for POST /api/v1/reports, with a photo.
func apiReport() (string, []byte) {
	report := `{"kind":"complaint","title":"Jalan berlubang di Jl. Ahmad Yani",
		"body":"Lubang besar di depan SDN 003 sudah dua minggu, membahayakan pengendara motor.",
		"category":"infrastruktur-jalan","location":{"address":"Jl. Ahmad Yani, depan SDN 003"}}`
	return uploadtest.Encode(uploadtest.Part{Name: "report", ContentType: "application/json", Data: []byte(report)},
		uploadtest.Part{Name: "attachments", FileName: "foto.jpg", File: true, Data: jpegBytes})
}

// timedPost posts body and returns the status and how long the answer took;
// it gives up after a few seconds (status 0), so a blocked server fails
// the test rather than hanging it.
func timedPost(t *testing.T, url, ct string, body []byte) (int, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t0 := time.Now()
	res, err := client.Do(req)
	took := time.Since(t0)
	if err != nil {
		t.Logf("POST %s: %v", url, err)
		return 0, took
	}
	res.Body.Close()
	return res.StatusCode, took
}

// TestStalledUploadsBlockNoOne: twenty connections that start a multipart
// upload and stall hold no slot, so a report filed on the form and one
// filed through the API while they wait are answered at once.
func TestStalledUploadsBlockNoOne(t *testing.T) {
	e := newEnv(t, envOptions{})
	conns := stallUploads(t, strings.TrimPrefix(e.srv.URL, "http://"), 20, "/lapor", "/api/v1/reports")
	time.Sleep(200 * time.Millisecond) // the server reads their headers and starts on their bodies

	ct, body := uploadtest.Encode(reportParts(uploadtest.Part{Name: "attachments", FileName: "foto.jpg", File: true, Data: jpegBytes})...)
	status, took := timedPost(t, e.srv.URL+"/lapor", ct, body)
	if status != http.StatusSeeOther || took > time.Second {
		t.Errorf("report form: %d after %v, want 303 within a second", status, took)
	}
	t.Logf("report form answered in %v", took)
	ct, body = apiReport()
	status, took = timedPost(t, e.srv.URL+"/api/v1/reports", ct, body)
	if status != http.StatusCreated || took > time.Second {
		t.Errorf("API: %d after %v, want 201 within a second", status, took)
	}
	t.Logf("API answered in %v", took)
	if !stillWaiting(conns) {
		t.Error("the stalled uploads were answered or cut: the test proves nothing")
	}
}

// trickle sends body on a raw connection in chunks of chunk bytes every
// pause, stopping when the server answers or stops reading, and returns
// the answer's status.
func trickle(t *testing.T, addr, path, ct string, body []byte, chunk int, pause time.Duration) int {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", path, addr, ct, len(body))
	go func() {
		for sent := 0; sent < len(body); sent += chunk {
			if _, err := c.Write(body[sent:min(sent+chunk, len(body))]); err != nil {
				return
			}
			time.Sleep(pause)
		}
	}()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestSlowUploadsOnTheForm: with a minimum rate of 64 KB/s, a report sent
// at about 200 KB/s is filed and one sent at 2 KB/s is refused within a
// second; neither leaves a temporary file.
func TestSlowUploadsOnTheForm(t *testing.T) {
	dir := t.TempDir()
	e := newEnv(t, envOptions{uploads: upload.Options{InMemory: 16 << 10, TempDir: dir,
		MinRate: 64 << 10, Grace: 300 * time.Millisecond, Stall: time.Second}})
	addr := strings.TrimPrefix(e.srv.URL, "http://")
	// A photo with 400 KB after its end, which the metadata stripping drops.
	photo := append(append([]byte{}, jpegBytes...), make([]byte, 400<<10)...)
	ct, body := uploadtest.Encode(reportParts(uploadtest.Part{Name: "attachments", FileName: "foto.jpg", File: true, Data: photo})...)

	t0 := time.Now()
	if st := trickle(t, addr, "/lapor", ct, body, 8<<10, 40*time.Millisecond); st != http.StatusSeeOther {
		t.Errorf("a report sent at about 200 KB/s: %d, want 303", st)
	}
	t.Logf("%d bytes at about 200 KB/s filed in %v", len(body), time.Since(t0))

	t0 = time.Now()
	if st := trickle(t, addr, "/lapor", ct, body, 100, 50*time.Millisecond); st != http.StatusRequestTimeout {
		t.Errorf("a report sent at 2 KB/s: %d, want 408", st)
	}
	if took := time.Since(t0); took > time.Second {
		t.Errorf("a report sent at 2 KB/s was refused after %v, want within a second", took)
	}
	t.Logf("a report sent at 2 KB/s refused after %v", time.Since(t0))
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d temporary files left", len(entries))
	}
}
