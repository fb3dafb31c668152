package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/smtp"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/store"
)

// lapor serve with the channels set: the WhatsApp webhook answers its
// verification and takes a signed message, and the SMTP listener files
// a report for the intake address and refuses another recipient.
func TestServeTakesChannels(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lapor.db")
	var out, logs lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--key-file", filepath.Join(dir, "lapor.key"), "--addr", "127.0.0.1:0",
			"--scheduler=false", "--smtp-listen", "127.0.0.1:0", "--intake-address", "lapor@bontang.go.id",
			"--whatsapp-verify-token", "token-uji", "--whatsapp-app-secret", "rahasia-uji"},
			strings.NewReader(""), &out, &logs)
	}()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			if err := <-done; err != nil {
				t.Errorf("lapor serve: %v", err)
			}
		}
	}
	t.Cleanup(stop)
	web := waitFor(t, &out, regexp.MustCompile(`running at http://(127\.0\.0\.1:\d+)`))
	mx := waitFor(t, &out, regexp.MustCompile(`over SMTP at (127\.0\.0\.1:\d+) \(for lapor@bontang\.go\.id\)`))

	res, err := http.Get("http://" + web + "/api/v1/channels/whatsapp?hub.mode=subscribe&hub.verify_token=token-uji&hub.challenge=42")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("verification: %v %v", res, err)
	}
	res.Body.Close()
	body := `{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"wamid.1","from":"6281234567890","timestamp":"` +
		fmt.Sprint(time.Now().Unix()) + `","type":"text","text":{"body":"Lampu jalan di Jl. Ahmad Yani mati"}}]}}]}]}`
	mac := hmac.New(sha256.New, []byte("rahasia-uji"))
	mac.Write([]byte(body))
	req, _ := http.NewRequest("POST", "http://"+web+"/api/v1/channels/whatsapp", strings.NewReader(body))
	req.Header.Set("X-Hub-Signature-256", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 200 {
		t.Fatalf("signed webhook: %v %v", res, err)
	}

	msg := "From: Ani <ani@warga.test>\r\nTo: lapor@bontang.go.id\r\nSubject: Sampah di Pasar Rawa Indah\r\nMessage-ID: <1@warga.test>\r\n\r\n" +
		"Sampah menumpuk tiga hari di pasar.\r\n"
	if err := smtp.SendMail(mx, nil, "ani@warga.test", []string{"lapor@bontang.go.id"}, []byte(msg)); err != nil {
		t.Fatalf("send: %v", err)
	}
	if err := smtp.SendMail(mx, nil, "ani@warga.test", []string{"walikota@bontang.go.id"}, []byte(msg)); err == nil {
		t.Fatal("mail to another address was taken")
	}
	stop()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.DB().QueryRow(`SELECT COUNT(*) FROM reports WHERE channel = 'email'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("e-mailed reports: %d %v", n, err)
	}
	if err := st.DB().QueryRow(`SELECT COUNT(*) FROM channel_seen`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("whatsapp messages seen: %d %v", n, err)
	}
}

func TestBadIntakeAddressStopsServe(t *testing.T) {
	dir := t.TempDir()
	_, err := start(t, "serve", "--db", filepath.Join(dir, "lapor.db"), "--key-file", filepath.Join(dir, "k"), "--addr", "127.0.0.1:0",
		"--scheduler=false", "--smtp-listen", "127.0.0.1:0", "--intake-address", "not-an-address")
	if err == nil || !strings.Contains(err.Error(), "LAPOR_INTAKE_ADDRESS") {
		t.Fatalf("bad intake address: %v", err)
	}
}
