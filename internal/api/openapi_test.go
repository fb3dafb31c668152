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

// The Open311 GeoReport v2 endpoint (internal/open311) is in the OpenAPI
// document too: every route its Register lists, each top-level file its
// GET and POST answer, in both formats, and the spec's error answers.
func TestOpenAPIDescribesOpen311(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name   string `json:"name"`
				Schema struct {
					Enum []string `json:"enum"`
				} `json:"schema"`
			} `json:"parameters"`
			Responses map[string]json.RawMessage `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../open311/open311.go")
	if err != nil {
		t.Fatal(err)
	}
	top, err := os.ReadFile("../open311/services.go")
	if err != nil {
		t.Fatal(err)
	}
	// GET /open311/v2/{file}: the names the top handler answers.
	var names []string
	for _, m := range regexp.MustCompile(`case "([a-z_]+)":\s+return h\.`).FindAllStringSubmatch(string(top), -1) {
		names = append(names, m[1])
	}
	if len(names) < 3 {
		t.Fatalf("found %v in services.go; the pattern is stale", names)
	}
	want := map[string]bool{}
	for _, m := range regexp.MustCompile(`mux\.Handle\("(GET|POST) (/open311/v2/[^"]*)"`).FindAllStringSubmatch(string(src), -1) {
		method, path := strings.ToLower(m[1]), m[2]
		switch {
		case path == "/open311/v2/{file}" && method == "get":
			for _, n := range names {
				want["get /open311/v2/"+n+".{format}"] = true
			}
		case path == "/open311/v2/{file}":
			want["post /open311/v2/requests.{format}"] = true
		default:
			found := false
			for p := range doc.Paths {
				if strings.HasPrefix(p, strings.TrimSuffix(path, "{file}")) && doc.Paths[p][method].Responses != nil {
					found = true
				}
			}
			if !found {
				t.Errorf("%s %s is not described in openapi.json", m[1], path)
			}
		}
	}
	if len(want) != 4 {
		t.Fatalf("routes %v; the pattern is stale", want)
	}
	for k := range want {
		method, path, _ := strings.Cut(k, " ")
		if doc.Paths[path][method].Responses == nil {
			t.Errorf("%s %s is not described in openapi.json", strings.ToUpper(method), path)
		}
	}
	for path, ops := range doc.Paths {
		if !strings.HasPrefix(path, "/open311/") {
			continue
		}
		for method, op := range ops {
			formats := false
			for _, p := range op.Parameters {
				formats = formats || p.Name == "format" && strings.Join(p.Schema.Enum, ",") == "json,xml"
			}
			if !formats {
				t.Errorf("%s %s: no format parameter of json and xml", method, path)
			}
			if op.Responses["400"] == nil {
				t.Errorf("%s %s: no error answer", method, path)
			}
		}
	}
}
