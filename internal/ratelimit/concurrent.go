package ratelimit

import "sync"

// Concurrent bounds how much each key has under way at once (uploads per
// client address). A key is held only while something is under way.
// It is safe for concurrent use; a nil Concurrent bounds nothing.
type Concurrent struct {
	max int
	mu  sync.Mutex
	n   map[string]int
}

// NewConcurrent allows max at once per key; 0 bounds nothing.
func NewConcurrent(max int) *Concurrent {
	return &Concurrent{max: max, n: map[string]int{}}
}

// Enter takes a place for key, or reports false when key holds max
// already. Every Enter that succeeds must be followed by one Leave.
func (c *Concurrent) Enter(key string) bool {
	if c == nil || c.max <= 0 {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n[key] >= c.max {
		return false
	}
	c.n[key]++
	return true
}

// Leave gives back a place Enter took.
func (c *Concurrent) Leave(key string) {
	if c == nil || c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n[key]--; c.n[key] <= 0 {
		delete(c.n, key)
	}
}

// Len is the number of keys with something under way.
func (c *Concurrent) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.n)
}
