package gateway

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestSignature(t *testing.T) {
	body := []byte(`{"object":"whatsapp_business_account"}`)
	sig := Sign("secret", body)
	if !strings.HasPrefix(sig, "sha256=") || len(sig) != 7+64 || !SignatureOK("secret", body, sig) {
		t.Fatalf("own signature refused: %s", sig)
	}
	for name, c := range map[string]struct {
		secret, header string
		body           []byte
	}{
		"other secret":     {"other", sig, body},
		"other body":       {"secret", sig, append(body, ' ')},
		"no prefix":        {"secret", strings.TrimPrefix(sig, "sha256="), body},
		"sha1":             {"secret", "sha1=" + strings.TrimPrefix(sig, "sha256="), body},
		"not hex":          {"secret", "sha256=xyz", body},
		"truncated":        {"secret", sig[:40], body},
		"empty":            {"secret", "", body},
		"no secret set":    {"", Sign("", body), body},
		"upper-case bytes": {"secret", "sha256=" + strings.ToUpper(strings.TrimPrefix(sig, "sha256=")) + "00", body},
	} {
		if SignatureOK(c.secret, c.body, c.header) {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestSMSGatewayShape(t *testing.T) {
	var got map[string]string
	var key, auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, auth = r.Header.Get("Idempotency-Key"), r.Header.Get("Authorization")
		json.NewDecoder(r.Body).Decode(&got)
		if strings.Contains(got["text"], "fail") {
			http.Error(w, "no credit left for +6281234567890", http.StatusPaymentRequired)
		}
	}))
	defer srv.Close()
	s := &SMS{URL: srv.URL + "/send?token=abc", Key: "k1"}
	if err := s.Send(context.Background(), Message{To: "0812-3456-7890", Text: "halo", Key: "T.2.reporter.sms"}); err != nil {
		t.Fatal(err)
	}
	if got["to"] != "+6281234567890" || got["text"] != "halo" || got["id"] != "T.2.reporter.sms" || key != got["id"] || auth != "Bearer k1" {
		t.Fatalf("sent %v key %q auth %q", got, key, auth)
	}
	if err := s.Send(context.Background(), Message{To: "+6281234567890", Text: "fail", Key: "x"}); err == nil || strings.Contains(err.Error(), "628") {
		t.Fatalf("a refusal: %v", err)
	}
	if strings.Contains(s.Name(), "token") {
		t.Fatalf("name shows the query: %s", s.Name())
	}
}
