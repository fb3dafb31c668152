package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
)

func main() {
	url := flag.String("url", "", "")
	c := flag.Int("c", 16, "")
	d := flag.Duration("d", 10*time.Second, "")
	flag.Parse()
	tr := &http.Transport{MaxIdleConnsPerHost: *c}
	cl := &http.Client{Transport: tr}
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	end := time.Now().Add(*d)
	var wg sync.WaitGroup
	for i := 0; i < *c; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				t0 := time.Now()
				r, err := cl.Get(*url)
				if err != nil {
					mu.Lock(); errs++; mu.Unlock()
					continue
				}
				io.Copy(io.Discard, r.Body)
				r.Body.Close()
				mu.Lock()
				if r.StatusCode != 200 { errs++ } else { lat = append(lat, time.Since(t0)) }
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) == 0 { fmt.Println("none", errs); return }
	fmt.Printf("n=%d rate=%.0f/s p50=%v p99=%v errs=%d\n", len(lat), float64(len(lat))/d.Seconds(), lat[len(lat)/2], lat[len(lat)*99/100], errs)
}
