// Package metrics serves Lapor's figures for Prometheus on a listener of
// its own, never on the public address: requests by route and status and
// their latency, reports filed by channel, actions by type, the
// scheduler's passes, the outbox's depth, open and overdue reports per
// unit, and the database pool. Every name starts with lapor_.
package metrics

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// Metrics holds the instance's collectors.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	filed    *prometheus.CounterVec
	acted    *prometheus.CounterVec
	passes   prometheus.Histogram
	lastPass prometheus.Gauge
}

// New registers the collectors of this process; Watch adds the database's.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "lapor_http_requests_total",
		Help: "HTTP requests answered, by route pattern and status code."}, []string{"route", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "lapor_http_request_duration_seconds",
		Help:    "Time to answer an HTTP request, by route pattern.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}, []string{"route"})
	m.filed = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "lapor_reports_filed_total",
		Help: "Reports filed on this node, by channel."}, []string{"channel"})
	m.acted = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "lapor_actions_total",
		Help: "Actions taken on reports on this node, by action."}, []string{"action"})
	m.passes = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "lapor_scheduler_pass_seconds",
		Help: "How long the scheduler's passes took.", Buckets: prometheus.ExponentialBuckets(0.001, 4, 10)})
	m.lastPass = prometheus.NewGauge(prometheus.GaugeOpts{Name: "lapor_scheduler_last_pass_timestamp_seconds",
		Help: "When the last scheduler pass on this node ended (Unix time): the lag is now minus this."})
	m.reg.MustRegister(m.requests, m.latency, m.filed, m.acted, m.passes, m.lastPass)
	prefixed := prometheus.WrapRegistererWithPrefix("lapor_", m.reg)
	prefixed.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Watch adds what only the database knows, read at each scrape (cached a
// few seconds: a scrape must stay cheap at a million reports), and its
// connection pool; now is the service's clock.
func (m *Metrics) Watch(st *store.Store, now func() time.Time, log *slog.Logger) {
	m.reg.MustRegister(&dbCounts{st: st, now: now, log: log, ttl: 10 * time.Second}, poolStats{db: st.DB()})
}

// Handler serves the figures in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Filed counts a report filed (service.Observer).
func (m *Metrics) Filed(channel domain.Channel) { m.filed.WithLabelValues(string(channel)).Inc() }

// Acted counts an action taken (service.Observer).
func (m *Metrics) Acted(action domain.Action) { m.acted.WithLabelValues(string(action)).Inc() }

// Passed records a scheduler pass that ended at end and took took.
func (m *Metrics) Passed(end time.Time, took time.Duration) {
	m.passes.Observe(took.Seconds())
	m.lastPass.Set(float64(end.Unix()))
}

// Middleware counts and times every request by the pattern of the route
// that served it ("unmatched" when none did): never by path, which holds
// tracking IDs.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		began := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, strconv.Itoa(sw.code)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(began).Seconds())
	})
}

type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (flushes,
// deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// dbCounts reads, at a scrape, what only the database knows.
type dbCounts struct {
	st  *store.Store
	now func() time.Time
	log *slog.Logger
	ttl time.Duration

	mu     sync.Mutex
	at     time.Time
	cached []prometheus.Metric
}

var (
	openDesc    = prometheus.NewDesc("lapor_reports_open", "Open reports, by unit code (\"\" before routing).", []string{"unit"}, nil)
	overdueDesc = prometheus.NewDesc("lapor_reports_overdue", "Open reports past a verification or follow-up deadline, by unit code.", []string{"unit"}, nil)
	outboxDesc  = prometheus.NewDesc("lapor_outbox_deliveries", "Outbox deliveries waiting (pending) or given up on (dead).", []string{"status"}, nil)
)

func (c *dbCounts) Describe(ch chan<- *prometheus.Desc) {
	ch <- openDesc
	ch <- overdueDesc
	ch <- outboxDesc
}

func (c *dbCounts) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cached == nil || time.Since(c.at) > c.ttl {
		ms, err := c.read()
		if err != nil {
			c.log.Warn("metrics: database counts not read", "err", err)
			return
		}
		c.cached, c.at = ms, time.Now()
	}
	for _, m := range c.cached {
		ch <- m
	}
}

func (c *dbCounts) read() ([]prometheus.Metric, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	units, err := c.st.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	codes := map[int64]string{}
	for _, u := range units {
		codes[u.ID] = u.Code
	}
	loads, err := c.st.OpenByUnit(ctx, c.now())
	if err != nil {
		return nil, err
	}
	var out []prometheus.Metric
	for _, l := range loads {
		out = append(out, prometheus.MustNewConstMetric(openDesc, prometheus.GaugeValue, float64(l.Open), codes[l.UnitID]),
			prometheus.MustNewConstMetric(overdueDesc, prometheus.GaugeValue, float64(l.Overdue), codes[l.UnitID]))
	}
	pending, dead, err := c.st.OutboxCounts(ctx)
	if err != nil {
		return nil, err
	}
	out = append(out, prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(pending), "pending"),
		prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(dead), "dead"))
	return out, nil
}

// poolStats reports the database connection pool.
type poolStats struct{ db *sql.DB }

var (
	poolOpen  = prometheus.NewDesc("lapor_db_connections_open", "Database connections open.", nil, nil)
	poolInUse = prometheus.NewDesc("lapor_db_connections_in_use", "Database connections in use.", nil, nil)
	poolWaits = prometheus.NewDesc("lapor_db_waits_total", "Times a request waited for a database connection.", nil, nil)
	poolWait  = prometheus.NewDesc("lapor_db_wait_seconds_total", "Time spent waiting for database connections.", nil, nil)
)

func (p poolStats) Describe(ch chan<- *prometheus.Desc) {
	ch <- poolOpen
	ch <- poolInUse
	ch <- poolWaits
	ch <- poolWait
}

func (p poolStats) Collect(ch chan<- prometheus.Metric) {
	s := p.db.Stats()
	ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(s.OpenConnections))
	ch <- prometheus.MustNewConstMetric(poolInUse, prometheus.GaugeValue, float64(s.InUse))
	ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(s.WaitCount))
	ch <- prometheus.MustNewConstMetric(poolWait, prometheus.CounterValue, s.WaitDuration.Seconds())
}
