package mailin_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net"
	"net/smtp"
	"net/textproto"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/mail"
	"github.com/lapor-id/lapor/internal/mailin"
	"github.com/lapor-id/lapor/internal/worker"
)

const intake = "lapor@bontang.go.id"

// listen starts the listener on a free loopback port.
func listen(t *testing.T, env *apptest.Env) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := mailin.New(env.Svc, mailin.Options{Intake: intake, Logger: env.Logs.Logger(0)})
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	t.Cleanup(func() {
		srv.Close()
		<-done
	})
	return ln.Addr().String()
}

// send is a real SMTP client's delivery; the error is the server's answer.
func send(addr, from, to string, msg []byte) error {
	return smtp.SendMail(addr, nil, from, []string{to}, msg)
}

// photo is a JPEG with a comment naming the photographer.
func photo(t *testing.T) []byte {
	var b bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for i := range 16 {
		img.Set(i, i, color.RGBA{200, 10, 10, 255})
	}
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	p := b.Bytes()
	com := append([]byte{0xFF, 0xFE, 0, byte(len("Planted by Ratna") + 2)}, "Planted by Ratna"...)
	return append(append(append([]byte{}, p[:2]...), com...), p[2:]...)
}

type part struct {
	ctype, name string
	data        []byte
}

// message builds a multipart message: a text part and attachments.
func message(headers map[string]string, text string, files ...part) []byte {
	var b bytes.Buffer
	for _, k := range []string{"From", "To", "Subject", "Message-ID", "Sender", "Return-Path", "Authentication-Results", "Auto-Submitted"} {
		if v, ok := headers[k]; ok {
			fmt.Fprintf(&b, "%s: %s\r\n", k, v)
		}
	}
	b.WriteString("Date: Wed, 18 Nov 2026 09:00:00 +0800\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n")
	b.WriteString("--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + text + "\r\n")
	for _, f := range files {
		enc := base64.StdEncoding.EncodeToString(f.data)
		fmt.Fprintf(&b, "--b1\r\nContent-Type: %s\r\nContent-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", f.ctype, f.name)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	}
	b.WriteString("--b1--\r\n")
	return b.Bytes()
}

func count(t *testing.T, env *apptest.Env, table string) int {
	t.Helper()
	var n int
	if err := env.Store.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// mailbox is a mail sender that keeps what it is given.
type mailbox struct {
	mu  sync.Mutex
	got []mail.Message
}

func (m *mailbox) Name() string { return "test mailbox" }
func (m *mailbox) Send(_ context.Context, msg mail.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.got = append(m.got, msg)
	return nil
}

func refusal(t *testing.T, err error) string {
	t.Helper()
	var e *textproto.Error
	if !errors.As(err, &e) {
		t.Fatalf("want an SMTP refusal, got %v", err)
	}
	return fmt.Sprintf("%d %s", e.Code, e.Msg)
}

var receiptLine = regexp.MustCompile(`Kode tanda terima[^\n]*\n(\S+) `)

func TestSMTPFilesAReportAndAnswersTheSender(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		addr := listen(t, env)
		before := count(t, env, "reports")
		msg := message(map[string]string{"From": "=?UTF-8?Q?Sari=2C_Ratna?= <ratna@warga.test>", "To": intake, "Subject": "=?UTF-8?Q?Lampu_jalan_mati_di_Jl._Pattimura?=",
			"Message-ID": "<abc-1@warga.test>"}, "Lampu jalan di depan rumah nomor 12 sudah mati seminggu, gelap =\r\nsekali.", part{"image/jpeg", "foto.jpg", photo(t)})
		if err := send(addr, "ratna@warga.test", intake, msg); err != nil {
			t.Fatalf("send: %v", err)
		}
		// The relay's retry of the same message files nothing new.
		if err := send(addr, "ratna@warga.test", intake, msg); err != nil {
			t.Fatalf("resend: %v", err)
		}
		if n := count(t, env, "reports"); n != before+1 {
			t.Fatalf("%d reports filed", n-before)
		}
		var trackingID, title, body string
		var id int64
		if err := env.Store.DB().QueryRow(`SELECT id, tracking_id, title, body FROM reports WHERE channel = 'email'`).Scan(&id, &trackingID, &title, &body); err != nil {
			t.Fatal(err)
		}
		if title != "Lampu jalan mati di Jl. Pattimura" || !strings.Contains(body, "gelap sekali.") {
			t.Fatalf("report: %q %q", title, body)
		}
		atts, err := env.Store.Attachments(context.Background(), id)
		if err != nil || len(atts) != 1 || atts[0].ContentType != "image/jpeg" {
			t.Fatalf("attachments: %+v %v", atts, err)
		}
		a, err := env.Store.AttachmentData(context.Background(), id, atts[0].ID)
		if err != nil || bytes.Contains(a.Data, []byte("Planted")) {
			t.Fatalf("the photo kept its comment (%v)", err)
		}
		// The answer goes to the sender, with the tracking ID and the receipt.
		box := &mailbox{}
		d := worker.NewDeliverer(env.Svc, box, worker.DeliveryOptions{BaseURL: "https://lapor.example.id", Now: env.Clock.Now, Logger: env.Logs.Logger(0)})
		if _, err := d.Pass(context.Background()); err != nil {
			t.Fatal(err)
		}
		if len(box.got) != 1 {
			t.Fatalf("mail: %+v", box.got)
		}
		m := box.got[0]
		rc := receiptLine.FindStringSubmatch(m.Text)
		if m.To != "ratna@warga.test" || !strings.Contains(m.Subject, trackingID) || rc == nil {
			t.Fatalf("answer: %+v", m)
		}
		res := env.Do(t, "GET", "/api/v1/reports/"+trackingID, nil, "Receipt "+rc[1])
		if res.Status != 200 || res.JSON(t)["channel"] != "email" {
			t.Fatalf("receipt view: %d %s", res.Status, res.Body)
		}
		if logs := env.Logs.String(); strings.Contains(logs, "ratna@") || strings.Contains(logs, "Ratna") || strings.Contains(logs, "Sari") {
			t.Fatal("the sender is in the logs")
		}
	})
}

func TestSMTPRefusesForgedAndHostileMessages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		env.Seed(t)
		addr := listen(t, env)
		ok := map[string]string{"From": "budi@warga.test", "To": intake, "Subject": "Sampah menumpuk di pasar", "Message-ID": "<m@warga.test>"}
		with := func(k, v string) map[string]string {
			h := map[string]string{}
			for a, b := range ok {
				h[a] = b
			}
			h[k] = v
			return h
		}
		text := "Sampah menumpuk di Pasar Rawa Indah sudah tiga hari tidak diangkut."
		cases := []struct {
			name, from, to string
			msg            []byte
			want           string
		}{
			{"another recipient", "budi@warga.test", "walikota@bontang.go.id", message(ok, text), "550"},
			{"envelope of another domain", "spam@evil.test", intake, message(ok, text), "forged"},
			{"sender header of another domain", "budi@warga.test", intake, message(with("Sender", "x@evil.test"), text), "forged"},
			{"dmarc failed", "budi@warga.test", intake, message(with("Authentication-Results", "mx.bontang.go.id; spf=pass; dmarc=fail header.from=warga.test"), text), "forged"},
			{"two senders", "budi@warga.test", intake, message(with("From", "budi@warga.test, ani@warga.test"), text), "From"},
			{"auto-reply", "budi@warga.test", intake, message(with("Auto-Submitted", "auto-replied"), text), "Automatic"},
			{"bounce", "", intake, message(ok, text), "ounce"},
			{"hostile attachment", "budi@warga.test", intake, message(ok, text, part{"image/jpeg", "foto.jpg", []byte("MZ\x90\x00 this is a program, not a photo")}), "type"},
			{"html attachment", "budi@warga.test", intake, message(ok, text, part{"text/html", "x.html", []byte("<script>alert(1)</script>")}), "type"},
			{"too many attachments", "budi@warga.test", intake, message(ok, text, parts(60)...), "At most 5"},
			{"too short", "budi@warga.test", intake, message(with("Subject", "x"), "x"), "550"},
		}
		before := count(t, env, "reports")
		for _, c := range cases {
			err := send(addr, c.from, c.to, c.msg)
			if err == nil {
				t.Errorf("%s: taken", c.name)
				continue
			}
			if got := refusal(t, err); !strings.Contains(got, c.want) || !strings.HasPrefix(got, "55") {
				t.Errorf("%s: %s, want %q", c.name, got, c.want)
			}
		}
		// A message over 25 MB is refused while it is read.
		big := message(ok, text, part{"image/jpeg", "big.jpg", bytes.Repeat([]byte{0xFF}, 20<<20)})
		if err := send(addr, "budi@warga.test", intake, big); err == nil || !strings.HasPrefix(refusal(t, err), "552") {
			t.Errorf("26 MB: %v", err)
		}
		if n := count(t, env, "reports"); n != before {
			t.Fatalf("%d refused messages were filed", n-before)
		}
		if count(t, env, "attachments") != 0 {
			t.Fatal("a refused message left files")
		}
	})
}

func parts(n int) []part {
	out := make([]part, n)
	for i := range out {
		out[i] = part{"text/plain", "", []byte("x")}
	}
	return out
}
