package open311_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/lapor-id/lapor/internal/apptest"
)

// TestGeoReportPythonClient runs a real Open311 client, the georeport
// Python package (github.com/7673502/georeport), against the server in
// both formats. Its own tests call Chicago's server, so the driver in
// testdata runs its README examples and its other calls here instead.
// The client is not vendored: point LAPOR_GEOREPORT_CLIENT at a checkout
// of it (python3 with requests and xmltodict is needed); without it the
// test skips. See README, "Open311".
func TestGeoReportPythonClient(t *testing.T) {
	checkout := os.Getenv("LAPOR_GEOREPORT_CLIENT")
	if checkout == "" {
		t.Skip("LAPOR_GEOREPORT_CLIENT (a checkout of github.com/7673502/georeport) is not set")
	}
	if _, err := os.Stat(filepath.Join(checkout, "georeport", "georeport.py")); err != nil {
		t.Fatalf("LAPOR_GEOREPORT_CLIENT: %v", err)
	}
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := setup(t, env)
		id := c.file(t)
		c.publish(t, id, "Tim akan menambal jalan minggu ini.")
		waiting := c.file(t, "service_code", "kesehatan") // not public yet: not listed
		for _, f := range []string{"json", "xml"} {
			out, err := exec.Command("python3", "testdata/georeport_client.py", checkout,
				env.Server.URL+"/open311/v2", f, id, "jalan-rusak").Output()
			if err != nil {
				msg := ""
				if ee, ok := err.(*exec.ExitError); ok {
					msg = string(ee.Stderr)
				}
				t.Fatalf("%s: the client failed: %v\n%s", f, err, msg)
			}
			var got struct {
				Services   []map[string]any
				Definition struct {
					ServiceCode string `json:"service_code"`
					Attributes  []map[string]any
				}
				Requests, Filtered []map[string]any
				One                map[string]any
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%s: %v: %s", f, err, out)
			}
			if len(got.Services) != 3 || got.Definition.ServiceCode != "jalan-rusak" || len(got.Definition.Attributes) != 3 {
				t.Errorf("%s: services %v, definition %+v", f, got.Services, got.Definition)
			}
			if len(got.Requests) != 1 || got.Requests[0]["service_request_id"] != id {
				t.Errorf("%s: requests %v (want only %s, not %s)", f, got.Requests, id, waiting)
			}
			if len(got.Filtered) != 1 || got.Filtered[0]["status_notes"] != "Tim akan menambal jalan minggu ini." {
				t.Errorf("%s: requests by id %v", f, got.Filtered)
			}
			if got.One["service_request_id"] != id || got.One["agency_responsible"] != "Dinas Pekerjaan Umum dan Penataan Ruang" {
				t.Errorf("%s: one request %v", f, got.One)
			}
		}
	})
}
