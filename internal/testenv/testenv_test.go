package testenv

import "testing"

func TestRequired(t *testing.T) {
	for ci, want := range map[string]bool{
		"":       false,
		"false":  false,
		"FALSE":  false,
		"False":  false,
		" false": false,
		"0":      false,
		"no":     false,
		"NO":     false,
		"off":    false,
		"true":   true,
		"TRUE":   true,
		"True":   true,
		"1":      true,
		"yes":    true,
		"Yes":    true,
		"github": true,
	} {
		t.Setenv("CI", ci)
		if got := Required(); got != want {
			t.Errorf("CI=%q: Required() = %v, want %v", ci, got, want)
		}
	}
}
