package metrics_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/metrics"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// A report filed through the API, an action and a scheduler pass show in
// the figures, under route patterns (never paths with tracking IDs), with
// the database's counts; every name starts with lapor_; the public
// address does not serve them.
func TestMetrics(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "lapor.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sealer, _, err := seal.LoadOrCreate(filepath.Join(dir, "lapor.key"), func() (bool, error) { return false, nil })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m := metrics.New()
	svc := service.New(st, sealer, service.Config{Logger: log, Observer: m})
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	m.Watch(st, svc.Now, log)
	if _, err := svc.AddUnit(ctx, service.Operator, "dpupr", "Dinas PUPR", ""); err != nil {
		t.Fatal(err)
	}
	public := httptest.NewServer(server.Handler(svc, server.Options{Logger: log, Observe: m.Middleware}))
	defer public.Close()
	res, err := http.Post(public.URL+"/api/v1/reports", "application/json", strings.NewReader(
		`{"kind":"complaint","title":"Lampu jalan padam","body":"Lampu jalan di depan pasar padam sejak minggu lalu.","reporter":{"email":"budi@example.id"}}`))
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("file: %v %v", err, res)
	}
	res.Body.Close()
	if res, err := http.Get(public.URL + "/metrics"); err != nil || res.StatusCode == http.StatusOK {
		t.Fatalf("the public address serves /metrics: %v %v", err, res)
	}
	m.Acted(domain.ActionVerify)
	m.Passed(time.Unix(1_800_000_000, 0), 20*time.Millisecond)

	scrape := httptest.NewServer(m.Handler())
	defer scrape.Close()
	res, err = http.Get(scrape.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	text := string(body)
	for _, want := range []string{
		`lapor_http_requests_total{code="201",route="POST /api/v1/reports"} 1`,
		`lapor_http_requests_total{code="404",route="unmatched"} 1`,
		`lapor_http_request_duration_seconds_count{route="POST /api/v1/reports"} 1`,
		`lapor_reports_filed_total{channel="api"} 1`,
		`lapor_actions_total{action="verify"} 1`,
		`lapor_reports_open{unit=""} 1`,
		`lapor_outbox_deliveries{status="pending"} 1`,
		`lapor_outbox_deliveries{status="dead"} 0`,
		`lapor_scheduler_last_pass_timestamp_seconds 1.8e+09`,
		`lapor_scheduler_pass_seconds_count 1`,
		`lapor_db_connections_open`,
		`lapor_go_goroutines`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, grepLapor(text))
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "lapor_") {
			t.Errorf("a metric outside lapor_: %q", line)
		}
	}
	if strings.Contains(text, "/api/v1/reports/") {
		t.Errorf("a path with a tracking ID became a label")
	}
}

func grepLapor(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "lapor_") && !strings.HasPrefix(l, "lapor_go_") && !strings.HasPrefix(l, "lapor_process_") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
