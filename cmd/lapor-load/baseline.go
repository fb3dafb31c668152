package main

import (
	"database/sql"
	"io"
	"net"
	"net/http"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
	_ "modernc.org/sqlite"
)

// startBaseline serves a bare handler that makes one durable insert per
// request into the same kind of database Lapor runs on: the ceiling Lapor
// is measured against. SQLite: WAL, synchronous=FULL, one writer, as
// Lapor's store. PostgreSQL: the database at pgURL, default synchronous
// commit, a pool as large as the clients.
func startBaseline(addr, backend, path, pgURL string, clients int) (func(), error) {
	var db *sql.DB
	var err error
	create := `CREATE TABLE r (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_at BIGINT NOT NULL)`
	insert := `INSERT INTO r (body, created_at) VALUES (?, ?)`
	if backend == "postgres" {
		db, err = sql.Open("pgx", pgURL)
		db.SetMaxOpenConns(clients)
		create = `CREATE TABLE r (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL, created_at BIGINT NOT NULL)`
		insert = `INSERT INTO r (body, created_at) VALUES ($1, $2)`
	} else {
		db, err = sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_txlock=immediate")
		db.SetMaxOpenConns(1)
	}
	if err != nil {
		return nil, err
	}
	if _, err := db.Exec(create); err != nil {
		db.Close()
		return nil, err
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		if _, err := db.Exec(insert, string(body), time.Now().UnixMicro()); err != nil {
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
		db.Close()
		return nil, err
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return func() {
		srv.Close()
		if backend == "postgres" {
			db.Exec(`DROP TABLE r`)
		}
		db.Close()
	}, nil
}
