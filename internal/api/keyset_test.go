package api_test

import (
	"net/url"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

// TestInboxKeysetPages: following "next" walks the inbox once, every
// report exactly once, while reports keep arriving; a bad cursor is a
// clear 400.
func TestInboxKeysetPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		city := env.Seed(t)
		for range 23 {
			if res := env.Do(t, "POST", "/api/v1/reports", complaint(nil), ""); res.Status != 201 {
				t.Fatalf("submit: %d %s", res.Status, res.Body)
			}
		}
		first := env.Do(t, "GET", "/api/v1/reports?per_page=100", nil, city.Admin).JSON(t)
		want := len(first["reports"].([]any))
		seen := map[string]int{}
		next := ""
		for page := 1; page < 50; page++ {
			path := "/api/v1/reports?per_page=5"
			if next != "" {
				path += "&after=" + url.QueryEscape(next)
			}
			res := env.Do(t, "GET", path, nil, city.Admin)
			if res.Status != 200 {
				t.Fatalf("page %d: %d %s", page, res.Status, res.Body)
			}
			doc := res.JSON(t)
			for _, r := range doc["reports"].([]any) {
				seen[r.(map[string]any)["tracking_id"].(string)]++
			}
			n, _ := doc["next"].(string)
			if n == "" {
				break
			}
			next = n
			env.Clock.Advance(1)
			env.Do(t, "POST", "/api/v1/reports", complaint(nil), "") // newer: comes before the cursor
		}
		if len(seen) < want {
			t.Fatalf("walked %d reports of %d", len(seen), want)
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("%s listed %d times", id, n)
			}
		}
		if res := env.Do(t, "GET", "/api/v1/reports?after=xyz", nil, city.Admin); res.Status != 400 {
			t.Fatalf("a bad cursor: %d %s", res.Status, res.Body)
		}
	})
}
