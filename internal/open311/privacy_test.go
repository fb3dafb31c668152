package open311_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

// The identity planted on the requests, in every form a leak could take.
var (
	plantedEmail = "ratna.rahasia.77@example.id"
	plantedPhone = "0813-5566-4422"
	needles      = []string{"Tersembunyi", "Wulandari", "ratna.rahasia.77", "5566-4422", "55664422"}
)

// TestConfidentialAndAnonymousStayOut plants a confidential request and
// an anonymous one (both with an identity, both verified), then walks
// every Open311 read in both formats: the confidential one is never
// listed nor found, the anonymous one is listed without its identity.
func TestConfidentialAndAnonymousStayOut(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := setup(t, env)
		who := []string{"first_name", "Ratna Tersembunyi", "last_name", "Wulandari", "email", plantedEmail, "phone", plantedPhone}
		secret := c.file(t, append(who, "attribute[confidential]", "true",
			"description", "Rahasia: pungutan liar di kantor kelurahan, jangan diumumkan.")...)
		anon := c.file(t, append(who, "attribute[anonymous]", "true",
			"description", "Lampu jalan mati sepanjang Jl. Pupuk Raya sejak minggu lalu.")...)
		named := c.file(t, append(who, "description", "Saluran air tersumbat di depan pasar Rawa Indah.")...)
		for _, id := range []string{secret, anon, named} {
			c.publish(t, id, "Sedang kami periksa.")
		}
		// The control: staff see the named reporter, so the identity was stored.
		if body := string(env.Do(t, "GET", "/api/v1/reports/"+named, nil, c.Admin).Body); !strings.Contains(body, "Wulandari") {
			t.Fatalf("the named reporter's identity was not stored: %s", body)
		}

		paths := []string{"requests.%s", "requests.%s?status=open", "requests.%s?service_code=jalan-rusak",
			"requests.%s?service_request_id=" + secret + "," + anon + "," + named,
			"requests/" + anon + ".%s", "requests/" + named + ".%s", "tokens/" + anon + ".%s", "services.%s", "discovery.%s"}
		for _, f := range []string{"json", "xml"} {
			for _, p := range paths {
				path := strings.Replace(p, "%s", f, 1)
				res := c.get(t, path)
				if res.Status != http.StatusOK {
					t.Errorf("%s: %d %s", path, res.Status, res.Body)
				}
				body := string(res.Body)
				if strings.Contains(body, secret) || strings.Contains(body, "pungutan liar") {
					t.Errorf("%s shows the confidential request: %s", path, body)
				}
				for _, n := range needles {
					if strings.Contains(body, n) {
						t.Errorf("%s shows the identity (%q): %s", path, n, body)
					}
				}
			}
			for _, p := range []string{"requests/" + secret + ".%s", "tokens/" + secret + ".%s"} {
				path := strings.Replace(p, "%s", f, 1)
				checkError(t, "GET "+path, f, c.get(t, path), http.StatusNotFound)
			}
		}
		list := jsonList(t, c.get(t, "requests.json"))
		ids := map[string]bool{}
		for _, r := range list {
			ids[r["service_request_id"].(string)] = true
		}
		if len(list) != 2 || !ids[anon] || !ids[named] {
			t.Fatalf("public requests: %v", list)
		}
		for _, n := range needles {
			if strings.Contains(env.Logs.String(), n) {
				t.Errorf("the log holds the identity (%q)", n)
			}
		}
	})
}
