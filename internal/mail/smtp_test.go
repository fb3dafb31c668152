package mail

import "testing"

func TestParseSMTPURL(t *testing.T) {
	c, err := ParseSMTPURL("smtp://u%40x:p%3Ass@mail.example.org", "lapor@example.org")
	if err != nil || c.Host != "mail.example.org" || c.Port != 587 || c.Implicit || c.User != "u@x" || c.Password != "p:ss" {
		t.Fatalf("smtp://: %+v %v", c, err)
	}
	if c, err := ParseSMTPURL("smtps://mail.example.org", "a@b"); err != nil || c.Port != 465 || !c.Implicit {
		t.Fatalf("smtps://: %+v %v", c, err)
	}
	for _, bad := range []string{"http://mail.example.org", "mail.example.org:25", "smtp://", "smtp://h:99999", "smtp://h:x"} {
		if _, err := ParseSMTPURL(bad, "a@b"); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := ParseSMTPURL("smtp://h", ""); err == nil {
		t.Error("no --mail-from accepted")
	}
	if s := NewSMTP(c).Name(); s != "SMTP mail.example.org:587" {
		t.Errorf("name %q shows more than the server", s)
	}
	for host, want := range map[string]bool{"127.0.0.1": true, "::1": true, "localhost": true, "mail.example.org": false, "10.0.0.1": false} {
		if loopback(host) != want {
			t.Errorf("loopback(%q) = %v", host, !want)
		}
	}
}
