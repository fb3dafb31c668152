// Package upload reads multipart form bodies, for the API and the pages
// alike, within limits the caller sets (Limits).
//
// A body is received whole before anything is done with it: into memory
// while it is small, then into a temporary file, at no less than a minimum
// rate (a client that trickles or stalls is cut off). Only then does the
// request take one of a few processing slots, which bound the memory its
// files take and the work done on them (metadata stripping) until the
// caller calls Form.Done. A slow client therefore holds its own
// connection and nothing that other clients wait for.
package upload

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// Options tune a Reader; zero values take the defaults.
type Options struct {
	Slots    int    // requests processed at once (4)
	InMemory int    // bytes of a body kept in memory before it goes to a temporary file (64 KiB)
	TempDir  string // where temporary files go (os.TempDir)
	// A body must average MinRate bytes a second once Grace has passed,
	// never pause longer than Stall, and be in within MaxTime. The
	// defaults, 4 KiB/s (32 kbit/s), 10 s, 20 s and 5 minutes, leave room
	// for a phone on a poor mobile connection.
	MinRate int64
	Grace   time.Duration
	Stall   time.Duration
	MaxTime time.Duration
}

func (o Options) withDefaults() Options {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.Slots <= 0 {
		o.Slots = 4
	}
	if o.InMemory <= 0 {
		o.InMemory = 64 << 10
	}
	if o.MinRate <= 0 {
		o.MinRate = 4 << 10
	}
	def(&o.Grace, 10*time.Second)
	def(&o.Stall, 20*time.Second)
	def(&o.MaxTime, 5*time.Minute)
	return o
}

// Reader reads multipart bodies. It is safe for concurrent use.
type Reader struct {
	opt   Options
	slots chan struct{}
}

// New makes a Reader.
func New(opt Options) *Reader {
	opt = opt.withDefaults()
	return &Reader{opt: opt, slots: make(chan struct{}, opt.Slots)}
}

// Form is a body read: its text fields and files. It holds a processing
// slot until Done.
type Form struct {
	Values url.Values
	Files  []domain.Upload
	done   func()
}

// Done gives the processing slot back. Call it once the files are
// processed and before answering (a client slow to read the answer must
// not hold a slot), and in a defer as well: calls after the first, and on
// a Form read with an error, do nothing.
func (f *Form) Done() {
	if f != nil && f.done != nil {
		f.done()
	}
}

// Read receives the body of r, multipart with the given boundary, then
// waits for a processing slot and reads the parts within lim. The error is
// an *Error for a body refused, the context's error if the request ended
// while waiting, another error for a failure of the server. On an error
// the Form holds no slot, only the text fields read before the problem.
func (rd *Reader) Read(w http.ResponseWriter, r *http.Request, boundary string, lim Limits) (*Form, error) {
	sp, err := rd.receive(w, r, lim.Body)
	defer sp.remove()
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		// Read the parts up to the limit: a problem before it comes first,
		// as it would have on the connection, with the fields before it.
		sp.err = err
	case err != nil:
		// Cut off, gone, or the server's own failure.
		return emptyForm(), err
	}
	if err := rd.take(r.Context()); err != nil {
		return emptyForm(), err
	}
	body, err := sp.body()
	if err != nil {
		rd.give()
		return emptyForm(), err
	}
	values, files, err := parse(body, boundary, lim)
	if err != nil {
		rd.give()
		return &Form{Values: values}, err
	}
	return &Form{Values: values, Files: files, done: sync.OnceFunc(rd.give)}, nil
}

func emptyForm() *Form { return &Form{Values: url.Values{}} }

func (rd *Reader) take(ctx context.Context) error {
	select {
	case rd.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (rd *Reader) give() { <-rd.slots }
