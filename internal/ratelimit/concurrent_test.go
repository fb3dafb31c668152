package ratelimit

import "testing"

func TestConcurrentBoundsEachKey(t *testing.T) {
	c := NewConcurrent(2)
	if !c.Enter("a") || !c.Enter("a") {
		t.Fatal("refused under the bound")
	}
	if c.Enter("a") {
		t.Fatal("a third at once")
	}
	if !c.Enter("b") {
		t.Fatal("another key shares the bound")
	}
	c.Leave("a")
	if !c.Enter("a") {
		t.Fatal("refused after a Leave")
	}
	c.Leave("a")
	c.Leave("a")
	c.Leave("b")
	if n := c.Len(); n != 0 {
		t.Fatalf("%d keys held with nothing under way", n)
	}
	var none *Concurrent
	if !none.Enter("x") || !NewConcurrent(0).Enter("x") {
		t.Fatal("no bound refuses")
	}
	none.Leave("x")
}
