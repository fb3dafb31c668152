package main

import (
	"database/sql"
	"io"
	"net"
	"net/http"
	"time"

	_ "modernc.org/sqlite"
)

// startBaseline serves a bare handler that makes one durable SQLite insert
// per request (WAL, synchronous=FULL): the reference Lapor must beat.
func startBaseline(addr, path string) (func(), error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE r (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_at INTEGER NOT NULL)`); err != nil {
		return nil, err
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		if _, err := db.Exec(`INSERT INTO r (body, created_at) VALUES (?, ?)`, string(body), time.Now().UnixMicro()); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"status":"submitted"}`))
	})
	mux := http.NewServeMux()
	mux.Handle("POST /api/v1/reports", h)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return func() { srv.Close(); db.Close() }, nil
}
