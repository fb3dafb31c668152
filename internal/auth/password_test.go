package auth

import "testing"

func TestPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !VerifyPassword(h, "correct horse battery") {
		t.Fatal("right password refused")
	}
	if VerifyPassword(h, "correct horse batterx") {
		t.Fatal("wrong password accepted")
	}
	for _, bad := range []string{"", "$argon2id$", "$bcrypt$x$y$z$w", h + "$"} {
		if VerifyPassword(bad, "x") {
			t.Fatalf("accepted malformed hash %q", bad)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for pw, ok := range map[string]bool{"short": false, "Password123": false, "bismillah123": false,
		"tanjung-laut-indah": true, string([]byte{0xff, 0xfe, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}): false} {
		if (CheckPassword(pw) == nil) != ok {
			t.Errorf("%q: want ok=%v", pw, ok)
		}
	}
}
