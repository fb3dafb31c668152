package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the cache: queries built at run time (IN lists of
// varying length) would otherwise grow it without end.
const maxCachedStmts = 256

// stmtCache keeps prepared statements of the SQLite writer. The writer has
// one connection, so a statement prepared once is reused by every
// transaction instead of being parsed again each time (parsing costs more
// than running an INSERT). A statement is first seen inside a transaction,
// which holds the only connection, so it is prepared later, between
// transactions.
type stmtCache struct {
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool
}

// get returns the prepared statement for query, or nil (and remembers to
// prepare it before the next transaction).
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st
	}
	if len(c.stmts)+len(c.pending) < maxCachedStmts {
		if c.pending == nil {
			c.pending = map[string]bool{}
		}
		c.pending[query] = true
	}
	return nil
}

// preparePending prepares the statements seen since the last call. It must
// run outside any transaction of db.
func (c *stmtCache) preparePending(ctx context.Context, db *sql.DB) {
	c.mu.Lock()
	if len(c.pending) == 0 {
		c.mu.Unlock()
		return
	}
	queries := make([]string, 0, len(c.pending))
	for q := range c.pending {
		queries = append(queries, q)
	}
	c.pending = nil
	c.mu.Unlock()
	for _, q := range queries {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			continue // the query keeps running unprepared and reports its own error
		}
		c.mu.Lock()
		if c.stmts == nil {
			c.stmts = map[string]*sql.Stmt{}
		}
		if _, dup := c.stmts[q]; dup {
			st.Close()
		} else {
			c.stmts[q] = st
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts, c.pending = nil, nil
}
