package api

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// Every route registered in api.go is described in the OpenAPI document,
// and the document describes no route that does not exist.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	src, err := os.ReadFile("api.go")
	if err != nil {
		t.Fatal(err)
	}
	registered := map[string]bool{}
	for _, m := range regexp.MustCompile(`mux\.Handle\("(GET|POST|PUT|DELETE|PATCH) (/api/v1/[^"]+)"`).FindAllStringSubmatch(string(src), -1) {
		method, path := strings.ToLower(m[1]), m[2]
		if path == "/api/v1/openapi.json" {
			continue
		}
		registered[method+" "+path] = true
		if _, ok := doc.Paths[path][method]; !ok {
			t.Errorf("%s %s is not described in openapi.json", m[1], path)
		}
	}
	if len(registered) < 10 {
		t.Fatalf("found only %d routes in api.go; the pattern is stale", len(registered))
	}
	for path, ops := range doc.Paths {
		if !strings.HasPrefix(path, "/api/") {
			continue
		}
		for method := range ops {
			if !registered[method+" "+path] {
				t.Errorf("openapi.json describes %s %s, which is not a route", method, path)
			}
		}
	}
}
