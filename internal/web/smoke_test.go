package web

import (
	"fmt"
	"net/url"
	"testing"
)

func TestSmoke(t *testing.T) {
	e := newEnv(t, envOptions{})
	b := e.browser(t)
	id, rc := b.fileReport(url.Values{"anonymous": {"1"}, "reporter.name": {"Budi"}})
	c := e.browser(t)
	r := c.post("/lacak", url.Values{"tracking_id": {id}, "receipt": {rc}})
	fmt.Println(r.StatusCode, r.Header)
	r = c.follow(r)
	fmt.Println(r.StatusCode, text(r)[:300])
}
