package open311_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// city is a seeded instance with categories and an Open311 key.
type city struct {
	apptest.City
	env   *apptest.Env
	key   string
	keyID int64
}

func setup(t *testing.T, env *apptest.Env) *city {
	t.Helper()
	ctx := context.Background()
	c := &city{City: env.Seed(t), env: env}
	tree := []domain.CategoryNode{
		{Code: "infrastruktur", Name: "Infrastruktur", Children: []domain.CategoryNode{{Code: "jalan-rusak", Name: "Jalan Rusak"}}},
		{Code: "kesehatan", Name: "Kesehatan"},
	}
	if _, err := env.Svc.ImportCategories(ctx, service.Operator, tree); err != nil {
		t.Fatal(err)
	}
	k, key, err := env.Svc.AddAPIKey(ctx, service.Operator, "Aplikasi warga", "open311")
	if err != nil {
		t.Fatal(err)
	}
	c.key, c.keyID = key, k.ID
	return c
}

// post sends POST requests.<f> with form.
func (c *city) post(t *testing.T, f string, form url.Values) apptest.Response {
	t.Helper()
	req, err := http.NewRequest("POST", c.env.Server.URL+"/open311/v2/requests."+f, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.env.Send(t, req)
}

// form is a valid request; extra pairs replace or add fields ("" removes one).
func (c *city) form(extra ...string) url.Values {
	v := url.Values{"api_key": {c.key}, "service_code": {"jalan-rusak"}, "lat": {"0.1337"}, "long": {"117.4994"},
		"address_string": {"Jl. Ahmad Yani, Bontang"}, "description": {"Jalan berlubang besar di depan SD 3, sudah dua bulan."}}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "" {
			v.Del(extra[i])
		} else {
			v.Set(extra[i], extra[i+1])
		}
	}
	return v
}

// file posts a valid request and returns its ID.
func (c *city) file(t *testing.T, extra ...string) string {
	t.Helper()
	res := c.post(t, "json", c.form(extra...))
	if res.Status != http.StatusCreated {
		t.Fatalf("POST requests: %d %s", res.Status, res.Body)
	}
	var got []map[string]any
	if err := json.Unmarshal(res.Body, &got); err != nil || len(got) != 1 {
		t.Fatalf("POST answer %s: %v", res.Body, err)
	}
	id, _ := got[0]["service_request_id"].(string)
	if id == "" || got[0]["token"] == "" {
		t.Fatalf("POST answer without an ID: %s", res.Body)
	}
	return id
}

// act performs a staff action through the API.
func (c *city) act(t *testing.T, id, auth string, body map[string]any) {
	t.Helper()
	if res := c.env.Do(t, "POST", "/api/v1/reports/"+id+"/actions", body, auth); res.Status != http.StatusOK {
		t.Fatalf("%v on %s: %d %s", body["action"], id, res.Status, res.Body)
	}
}

// publish verifies id to dpupr and has the unit answer.
func (c *city) publish(t *testing.T, id, answer string) {
	t.Helper()
	c.act(t, id, c.Admin, map[string]any{"action": "verify", "unit": "dpupr"})
	if answer != "" {
		c.act(t, id, c.OfficerPU, map[string]any{"action": "follow_up", "message": answer})
	}
}

// get fetches an Open311 path.
func (c *city) get(t *testing.T, path string) apptest.Response {
	t.Helper()
	return c.env.Do(t, "GET", "/open311/v2/"+path, nil, "")
}

// jsonList decodes a JSON array of objects.
func jsonList(t *testing.T, res apptest.Response) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal(res.Body, &out); err != nil {
		t.Fatalf("not a JSON array (%d): %s", res.Status, res.Body)
	}
	return out
}

// node is any XML element, for checking names and text.
type node struct {
	XMLName  xml.Name
	Text     string `xml:",chardata"`
	Children []node `xml:",any"`
}

func xmlDoc(t *testing.T, res apptest.Response) node {
	t.Helper()
	var n node
	if err := xml.Unmarshal(res.Body, &n); err != nil {
		t.Fatalf("not XML (%d): %s", res.Status, res.Body)
	}
	return n
}

// child is the text of n's child called name, and whether there is one.
func (n node) child(name string) (string, bool) {
	for _, c := range n.Children {
		if c.XMLName.Local == name {
			return strings.TrimSpace(c.Text), true
		}
	}
	return "", false
}

func (n node) names() []string {
	var out []string
	for _, c := range n.Children {
		out = append(out, c.XMLName.Local)
	}
	return out
}

func count(t *testing.T, env *apptest.Env) int {
	t.Helper()
	var n int
	if err := env.Store.DB().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM reports").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
