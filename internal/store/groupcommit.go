package store

import (
	"context"
	"errors"
	"sync"

	"github.com/lapor-id/lapor/internal/domain"
)

// groupCommitter batches concurrent report submissions into one SQLite
// transaction, so many reports share one fsync. Each caller is answered
// only after the commit that holds its report, so nothing acknowledged is
// lost. SQLite has a single writer anyway; batching turns the wait for
// the lock into useful work.
type groupCommitter struct {
	s       *Store
	queue   chan *pendingReport
	done    chan struct{}
	exited  chan struct{} // closed when run has returned
	stopped sync.Once
}

type pendingReport struct {
	ctx    context.Context
	report *domain.Report
	event  *domain.Event
	files  []NewAttachment
	result chan error
}

const maxBatch = 256

var errStoreClosed = errors.New("store is closed")

func newGroupCommitter(s *Store) *groupCommitter {
	g := &groupCommitter{s: s, queue: make(chan *pendingReport, maxBatch*4), done: make(chan struct{}), exited: make(chan struct{})}
	go g.run()
	return g
}

func (g *groupCommitter) submit(ctx context.Context, r *domain.Report, ev *domain.Event, files []NewAttachment) error {
	p := &pendingReport{ctx: ctx, report: r, event: ev, files: files, result: make(chan error, 1)}
	select {
	case g.queue <- p:
	case <-g.done:
		return errStoreClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued the report may be committed; wait for the outcome even if
	// the client has gone, so the answer is never a lie.
	select {
	case err := <-p.result:
		return err
	case <-g.exited:
		select {
		case err := <-p.result:
			return err
		default:
			return errStoreClosed // queued after the last drain: never written
		}
	}
}

// stop lets the batch being committed finish, answers what is still
// queued, and returns once the committer no longer uses the database.
func (g *groupCommitter) stop() {
	g.stopped.Do(func() { close(g.done) })
	<-g.exited
}

func (g *groupCommitter) run() {
	defer close(g.exited)
	for {
		var first *pendingReport
		select {
		case first = <-g.queue:
		case <-g.done:
			g.drain()
			return
		}
		batch := []*pendingReport{first}
		size := len(first.files)
	fill:
		for len(batch) < maxBatch && size < 64 {
			select {
			case p := <-g.queue:
				batch = append(batch, p)
				size += len(p.files)
			default:
				break fill
			}
		}
		g.commit(batch)
	}
}

// drain answers whatever is still queued when the store closes.
func (g *groupCommitter) drain() {
	for {
		select {
		case p := <-g.queue:
			p.result <- errStoreClosed
		default:
			return
		}
	}
}

func (g *groupCommitter) commit(batch []*pendingReport) {
	live := batch[:0:0]
	for _, p := range batch {
		if err := p.ctx.Err(); err != nil {
			// The client left before anything was written: skip it.
			p.result <- err
			continue
		}
		live = append(live, p)
	}
	if len(live) == 0 {
		return
	}
	ctx := context.Background()
	err := g.s.transact(ctx, func(tx *Tx) error {
		for _, p := range live {
			if err := tx.createReport(ctx, p.report, p.event, p.files); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil || len(live) == 1 {
		for _, p := range live {
			p.result <- err
		}
		return
	}
	// One bad report must not fail the others: fall back to one
	// transaction each, so every caller gets its own outcome.
	for _, p := range live {
		p.result <- g.s.transact(ctx, func(tx *Tx) error { return tx.createReport(ctx, p.report, p.event, p.files) })
	}
}
