package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/worker"
)

// schedulerOptions are the scheduler's flags, shared by serve and worker.
type schedulerOptions struct {
	enabled  *bool
	interval *time.Duration
}

func schedulerFlags(fs *flag.FlagSet) *schedulerOptions {
	return &schedulerOptions{
		enabled:  fs.Bool("scheduler", true, "run the deadline scheduler in this process (reminders, escalations, auto-completion)"),
		interval: fs.Duration("interval", time.Minute, "time between two passes of the deadline scheduler"),
	}
}

// start runs the scheduler in the background when enabled; the function it
// returns stops it and waits for the pass under way to end.
func (o *schedulerOptions) start(ctx context.Context, svc *service.Service, st *store.Store, log *slog.Logger) func() {
	if !*o.enabled {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	w := worker.New(svc, st, worker.Options{Interval: *o.interval, Logger: log})
	go func() {
		defer close(done)
		_ = w.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

// cmdWorker runs the scheduler alone, e.g. on a node that serves no
// requests. Several may run against one database.
func cmdWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	var c common
	c.register(fs)
	sched := schedulerFlags(fs)
	once := fs.Bool("once", false, "make one pass and exit")
	if err := parse(fs, args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	svc, st, err := c.open(ctx, log)
	if err != nil {
		return err
	}
	defer st.Close()
	w := worker.New(svc, st, worker.Options{Interval: *sched.interval, Logger: log})
	if *once {
		res, err := w.Pass(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "checked %d reports: %d reminded, %d escalated, %d auto-completed, %d archived, %d flagged for the Ombudsman\n",
			res.Checked, res.Reminded, res.Escalated, res.AutoCompleted, res.Archived, res.Flagged)
		return nil
	}
	fmt.Fprintf(stdout, "Lapor scheduler is running every %s (database: %s)\n", *sched.interval, redact(c.db))
	return w.Run(ctx)
}
