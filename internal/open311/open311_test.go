package open311_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// The spec's field lists (wiki.open311.org/GeoReport_v2).
var (
	serviceFields = []string{"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
	requestFields = []string{"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
		"agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address",
		"address_id", "zipcode", "lat", "long", "media_url"}
	attributeFields = []string{"variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"}
	discoveryFields = []string{"changeset", "contact", "key_service", "endpoints"}
)

// w3cZoned is a W3C datetime with the instance's zone (WITA in tests).
var w3cZoned = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$`)

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sameFields(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	sort.Strings(g)
	sort.Strings(w)
	if !slices.Equal(g, w) {
		t.Errorf("%s fields %v, want the spec's %v", what, g, w)
	}
}

func TestDiscoveryAndServicesInBothFormats(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := setup(t, env)
		res := c.get(t, "discovery.json")
		var d map[string]any
		if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("discovery.json: %d %s", res.Status, res.Header.Get("Content-Type"))
		}
		d = res.JSON(t)
		sameFields(t, "discovery", keys(d), discoveryFields)
		ep := d["endpoints"].([]any)[0].(map[string]any)
		if ep["url"] != env.Server.URL+"/open311/v2" || ep["specification"] != "http://wiki.open311.org/GeoReport_v2" {
			t.Errorf("endpoint: %v", ep)
		}
		x := xmlDoc(t, c.get(t, "discovery.xml"))
		if x.XMLName.Local != "discovery" {
			t.Fatalf("discovery.xml root %q", x.XMLName.Local)
		}
		sameFields(t, "discovery.xml", x.names(), discoveryFields)

		list := jsonList(t, c.get(t, "services.json"))
		if len(list) != 3 {
			t.Fatalf("services: %v", list)
		}
		byCode := map[string]map[string]any{}
		for _, s := range list {
			sameFields(t, "service", keys(s), serviceFields)
			byCode[s["service_code"].(string)] = s
		}
		road := byCode["jalan-rusak"]
		if road["service_name"] != "Jalan Rusak" || road["group"] != "Infrastruktur" || road["metadata"] != true || road["type"] != "realtime" {
			t.Errorf("jalan-rusak: %v", road)
		}
		xs := xmlDoc(t, c.get(t, "services.xml"))
		if xs.XMLName.Local != "services" || len(xs.Children) != 3 {
			t.Fatalf("services.xml: %v", xs)
		}
		for _, s := range xs.Children {
			sameFields(t, "services.xml service", s.names(), serviceFields)
		}

		def := c.get(t, "services/jalan-rusak.json").JSON(t)
		if def["service_code"] != "jalan-rusak" {
			t.Fatalf("definition: %v", def)
		}
		attrs := def["attributes"].([]any)
		if len(attrs) != 3 {
			t.Fatalf("attributes: %v", attrs)
		}
		for _, a := range attrs {
			sameFields(t, "attribute", keys(a.(map[string]any)), attributeFields)
		}
		if a := attrs[0].(map[string]any); a["code"] != "kind" || len(a["values"].([]any)) != 3 {
			t.Errorf("kind attribute: %v", a)
		}
		xd := xmlDoc(t, c.get(t, "services/jalan-rusak.xml"))
		if code, _ := xd.child("service_code"); xd.XMLName.Local != "service_definition" || code != "jalan-rusak" {
			t.Fatalf("definition.xml: %s", xd.names())
		}
		for _, a := range xd.Children[1].Children {
			sameFields(t, "attribute.xml", a.names(), attributeFields)
		}
	})
}

// TestRequestLifeInBothFormats files a request, follows it through
// verification and the unit's answer, reading it at each step.
func TestRequestLifeInBothFormats(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := setup(t, env)
		before := count(t, env)
		id := c.file(t)
		if count(t, env) != before+1 {
			t.Fatal("no report filed")
		}
		staff := env.Do(t, "GET", "/api/v1/reports/"+id, nil, c.Admin).JSON(t)
		if staff["channel"] != "open311" || staff["status"] != "submitted" {
			t.Fatalf("filed report: %v", staff)
		}

		// Waiting for verification: known by its ID and token, not listed, nothing of its text.
		one := jsonList(t, c.get(t, "requests/"+id+".json"))
		if len(one) != 1 || one[0]["status"] != "open" || one[0]["description"] != "" || !w3cZoned.MatchString(one[0]["requested_datetime"].(string)) {
			t.Fatalf("waiting request: %v", one)
		}
		tok := jsonList(t, c.get(t, "tokens/"+id+".json"))
		if len(tok) != 1 || tok[0]["service_request_id"] != id {
			t.Fatalf("token: %v", tok)
		}
		if list := jsonList(t, c.get(t, "requests.json")); len(list) != 0 {
			t.Fatalf("an unverified request is listed: %v", list)
		}

		env.Clock.Advance(time.Hour)
		c.publish(t, id, "Tim akan menambal jalan minggu ini.")
		list := jsonList(t, c.get(t, "requests.json"))
		if len(list) != 1 {
			t.Fatalf("requests: %v", list)
		}
		r := list[0]
		sameFields(t, "request", keys(r), requestFields)
		want := map[string]any{"service_request_id": id, "status": "open", "status_notes": "Tim akan menambal jalan minggu ini.",
			"service_code": "jalan-rusak", "service_name": "Jalan Rusak", "agency_responsible": "Dinas Pekerjaan Umum dan Penataan Ruang",
			"address": "Jl. Ahmad Yani, Bontang", "lat": 0.1337, "long": 117.4994, "media_url": ""}
		for k, v := range want {
			if r[k] != v {
				t.Errorf("%s = %v, want %v", k, r[k], v)
			}
		}
		for _, k := range []string{"requested_datetime", "updated_datetime", "expected_datetime"} {
			if s, _ := r[k].(string); !w3cZoned.MatchString(s) {
				t.Errorf("%s = %q, not a W3C datetime in the instance's zone", k, s)
			}
		}
		if r["updated_datetime"] == r["requested_datetime"] {
			t.Error("updated_datetime did not move with the answer")
		}

		xl := xmlDoc(t, c.get(t, "requests.xml"))
		if xl.XMLName.Local != "service_requests" || len(xl.Children) != 1 {
			t.Fatalf("requests.xml: %v", xl.names())
		}
		sameFields(t, "request.xml", xl.Children[0].names(), requestFields)
		for _, k := range []string{"service_request_id", "status", "status_notes", "agency_responsible", "expected_datetime", "lat"} {
			got, _ := xl.Children[0].child(k)
			if want := r[k]; k == "lat" {
				if got != "0.1337" {
					t.Errorf("xml lat %q", got)
				}
			} else if got != want {
				t.Errorf("xml %s = %q, want %v", k, got, want)
			}
		}
		x1 := xmlDoc(t, c.get(t, "requests/"+id+".xml"))
		if got, _ := x1.Children[0].child("service_request_id"); got != id {
			t.Fatalf("requests/{id}.xml: %v", x1)
		}
		xt := xmlDoc(t, c.get(t, "tokens/"+id+".xml"))
		if got, _ := xt.Children[0].child("service_request_id"); got != id {
			t.Fatalf("tokens/{id}.xml: %v", xt)
		}

		// The filters.
		for path, n := range map[string]int{
			"requests.json?status=open": 1, "requests.json?status=closed": 0, "requests.json?service_code=infrastruktur": 1,
			"requests.json?service_code=kesehatan": 0,
			"requests.json?status=closed,open":     1, "requests.json?service_code=kesehatan,jalan-rusak": 1, "requests.json?start_date=2026-11-19T00:00:00%2B08:00": 0,
			"requests.json?start_date=2026-11-01T00:00:00Z&end_date=2026-11-30T00:00:00Z": 1,
			"requests.json?end_date=2026-11-01T00:00:00Z":                                 0, "requests.json?page=2&page_size=1": 0, "requests.json?page_size=1": 1,
			"requests.json?service_request_id=" + id + ",AAAA-AAAA": 1,
		} {
			res := c.get(t, path)
			if got := jsonList(t, res); res.Status != 200 || len(got) != n {
				t.Errorf("%s: %d, %d requests, want %d: %s", path, res.Status, len(got), n, res.Body)
			}
		}
		// The default window is 90 days back from now.
		env.Clock.Advance(91 * 24 * time.Hour)
		if got := jsonList(t, c.get(t, "requests.json")); len(got) != 0 {
			t.Errorf("a request of 91 days ago is in the default window: %v", got)
		}
	})
}

// TestPostAsMultipart takes the same fields sent as multipart.
func TestPostAsMultipart(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := setup(t, env)
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for k, v := range c.form("attribute[kind]", "aspiration") {
			_ = mw.WriteField(k, v[0])
		}
		_ = mw.Close()
		req, _ := http.NewRequest("POST", env.Server.URL+"/open311/v2/requests.json", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res := env.Send(t, req)
		if res.Status != http.StatusCreated {
			t.Fatalf("multipart POST: %d %s", res.Status, res.Body)
		}
		id := jsonList(t, res)[0]["service_request_id"].(string)
		if got := env.Do(t, "GET", "/api/v1/reports/"+id, nil, c.Admin).JSON(t); got["kind"] != "aspiration" || got["channel"] != "open311" {
			t.Fatalf("filed: %v", got)
		}
	})
}

// TestPostInXML answers a filed request in XML.
func TestPostInXML(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := setup(t, env)
		res := c.post(t, "xml", c.form("lat", "", "long", ""))
		if res.Status != http.StatusCreated {
			t.Fatalf("POST requests.xml: %d %s", res.Status, res.Body)
		}
		x := xmlDoc(t, res)
		id, _ := x.Children[0].child("service_request_id")
		if x.XMLName.Local != "service_requests" || id == "" {
			t.Fatalf("answer: %s", res.Body)
		}
		if got := jsonList(t, c.get(t, "requests/"+id+".json")); len(got) != 1 {
			t.Fatalf("filed request not found: %v", got)
		}
	})
}

// A category admins hid is no longer a service one can file under, but
// its definition still answers (old requests carry it).
func TestHiddenCategoryIsNoService(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := setup(t, env)
		yes := true
		if _, err := env.Svc.UpdateCategory(context.Background(), service.Operator, "kesehatan", domain.CategoryChange{Hidden: &yes}); err != nil {
			t.Fatal(err)
		}
		for _, s := range jsonList(t, c.get(t, "services.json")) {
			if s["service_code"] == "kesehatan" {
				t.Errorf("a hidden category is listed as a service: %v", s)
			}
		}
		if res := c.get(t, "services/kesehatan.json"); res.Status != 200 {
			t.Errorf("the hidden category's definition: %d", res.Status)
		}
	})
}
