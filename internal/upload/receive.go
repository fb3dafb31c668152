package upload

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// receive copies the body of r, at most limit bytes, into a spool,
// cutting off a client that sends too slowly (see pacedBody). The error is
// the body over limit (a *http.MaxBytesError), a connection that failed or
// was cut off (an *Error, Malformed), or the server's own (a temporary file
// that cannot be written).
func (rd *Reader) receive(w http.ResponseWriter, r *http.Request, limit int64) (*spool, error) {
	sp := &spool{inMemory: rd.opt.InMemory, dir: rd.opt.TempDir}
	body := &pacedBody{body: http.MaxBytesReader(w, r.Body, limit), rc: http.NewResponseController(w),
		opt: rd.opt, start: time.Now()}
	buf := make([]byte, 32<<10)
	for {
		n, err := body.Read(buf)
		if n > 0 {
			if _, werr := sp.Write(buf[:n]); werr != nil {
				return sp, werr
			}
		}
		var mbe *http.MaxBytesError
		switch {
		case err == io.EOF:
			// No deadline to lift: net/http's HTTP/1 server clears it when
			// the body ends, and HTTP/2 applies it to the body alone.
			return sp, nil
		case errors.As(err, &mbe):
			return sp, err
		case err != nil:
			return sp, &Error{Problem: Malformed, Err: err}
		}
	}
}

// pacedBody reads a body under a read deadline that moves with what has
// arrived: after Grace the client must have sent MinRate bytes a second
// on average, it may never pause longer than Stall, and the whole body
// must be in within MaxTime. A client that trickles is cut off, so it
// holds its own connection for a bounded time and nothing else.
type pacedBody struct {
	body  io.Reader
	rc    *http.ResponseController
	opt   Options
	start time.Time
	got   int64
	off   bool // the connection takes no deadlines (a test's recorder)
}

func (p *pacedBody) Read(b []byte) (int, error) {
	if !p.off {
		if err := p.rc.SetReadDeadline(p.deadline(time.Now())); errors.Is(err, http.ErrNotSupported) {
			p.off = true
		}
	}
	n, err := p.body.Read(b)
	p.got += int64(n)
	return n, err
}

func (p *pacedBody) deadline(now time.Time) time.Time {
	due := p.start.Add(p.opt.Grace + time.Duration(p.got*int64(time.Second)/p.opt.MinRate))
	return earliest(due, now.Add(p.opt.Stall), p.start.Add(p.opt.MaxTime))
}

func earliest(t time.Time, more ...time.Time) time.Time {
	for _, u := range more {
		if u.Before(t) {
			t = u
		}
	}
	return t
}
