package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/lapor-id/lapor/internal/loadtest"
)

// request is one kind of read the benchmark makes.
type request struct {
	Name string
	path func(rng *rand.Rand) string
	as   string // "admin", "officer" or "page" (the admin's inbox page, by cookie)
}

// requests are the staff reads a city office makes all day: the inbox in
// every tab, filter and sort, a deep page, searches, and a report.
func requests(ids []string) []request {
	fixed := func(p string) func(*rand.Rand) string { return func(*rand.Rand) string { return p } }
	return []request{
		{"inbox", fixed("/api/v1/reports"), "admin"},
		{"inbox_submitted", fixed("/api/v1/reports?status=submitted"), "admin"},
		{"inbox_aspiration", fixed("/api/v1/reports?kind=aspiration"), "admin"},
		{"inbox_overdue", fixed("/api/v1/reports?overdue=true"), "admin"},
		{"inbox_due_first", fixed("/api/v1/reports?sort=due"), "admin"},
		{"inbox_page_400", fixed("/api/v1/reports?page=400"), "admin"},
		{"search_jalan", fixed("/api/v1/reports?q=jalan"), "admin"},
		{"search_two_words", fixed("/api/v1/reports?q=lampu+jalan"), "admin"},
		{"search_rare", fixed("/api/v1/reports?q=posyandu+roboh"), "admin"},
		{"search_tracking_id", func(rng *rand.Rand) string { return "/api/v1/reports?q=" + ids[rng.IntN(len(ids))] }, "admin"},
		{"report", func(rng *rand.Rand) string { return "/api/v1/reports/" + ids[rng.IntN(len(ids))] }, "admin"},
		{"officer_inbox", fixed("/api/v1/reports"), "officer"},
		{"page_inbox", fixed("/staf/kotak-masuk?tab=all"), "page"},
	}
}

// login opens a staff session through the API and returns its token.
func login(base, email string) (string, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "password": benchPass})
	resp, err := http.Post(base+"/api/v1/sessions", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		return "", fmt.Errorf("login %s: status %d %v", email, resp.StatusCode, err)
	}
	return out.Token, nil
}

// figures are the latencies of one kind of request.
type figures struct {
	Count  int     `json:"count"`
	Errors int     `json:"errors"`
	P50ms  float64 `json:"p50_ms"`
	P99ms  float64 `json:"p99_ms"`
	MaxMs  float64 `json:"max_ms"`
}

// measure runs clients readers for d, each taking the request kinds in
// turn, and returns the figures per kind.
func measure(base string, tokens map[string]string, reqs []request, clients int, d time.Duration) map[string]figures {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	var mu sync.Mutex
	lat := map[string][]time.Duration{}
	errs := map[string]int{}
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 16))
			for i := c; time.Now().Before(deadline); i++ {
				q := reqs[i%len(reqs)]
				req, _ := http.NewRequest("GET", base+q.path(rng), nil)
				if q.as == "page" {
					req.AddCookie(&http.Cookie{Name: "lapor_session", Value: tokens["admin"]})
				} else {
					req.Header.Set("Authorization", "Bearer "+tokens[q.as])
				}
				start := time.Now()
				resp, err := client.Do(req)
				ok := err == nil && resp.StatusCode == 200
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				took := time.Since(start)
				mu.Lock()
				if ok {
					lat[q.Name] = append(lat[q.Name], took)
				} else {
					errs[q.Name]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	tr.CloseIdleConnections()
	out := map[string]figures{}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	for _, q := range reqs {
		ls := loadtest.Sort(lat[q.Name])
		f := figures{Count: len(ls), Errors: errs[q.Name]}
		if len(ls) > 0 {
			f.P50ms, f.P99ms, f.MaxMs = ms(loadtest.Percentile(ls, 50)), ms(loadtest.Percentile(ls, 99)), ms(ls[len(ls)-1])
		}
		out[q.Name] = f
	}
	return out
}
