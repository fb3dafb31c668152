package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/metrics"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/worker"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	v, err := c.load(config.Serve, args)
	if err != nil {
		return err
	}
	addr, debugAddr := v.String("addr"), v.String("debug-addr")
	sched := schedulerSettings(v) // worker.go
	limits := rateLimits(v)       // limits.go
	log := newLogger(stderr, v.String("log-format"))
	send, err := mailSender(v, log) // worker.go: checked before anything starts
	if err != nil {
		return err
	}
	var m *metrics.Metrics
	if v.String("metrics-addr") != "" {
		m = metrics.New()
		c.observer = m
	}
	c.whatsapp = whatsappSettings(v) // channels.go
	svc, st, err := c.open(ctx, log, limits.set.LoginEmail)
	if err != nil {
		return err
	}
	defer st.Close()
	if replica := strings.TrimSpace(v.String("db-read")); replica != "" {
		if err := st.UseReplica(ctx, replica, config.Get[time.Duration](v, "db-read-max-lag")); err != nil {
			return fmt.Errorf("read replica %s: %w", redact(replica), err)
		}
		log.Info("public reads go to the read replica while it keeps up", "replica", redact(replica))
	}
	if v.Bool("demo") {
		if err := loadDemo(ctx, svc, stdout); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	}
	if debugAddr != "" {
		if err := startDebugServer(debugAddr, log); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	if limits.off {
		log.Warn("rate limits are off (--rate-limits, LAPOR_RATE_LIMITS): use this only for load tests on loopback")
	}
	opts := serverOptions(svc, log, v, limits.set) // pages.go
	var passed func(worker.Result)
	if m != nil {
		m.Watch(st, svc.Now, log)
		if err := startMetricsServer(v.String("metrics-addr"), m, log); err != nil {
			return err
		}
		opts.Observe = m.Middleware
		passed = func(res worker.Result) { m.Passed(time.Now(), res.Took) }
	}
	stopIntake, err := startMailIntake(v, svc, log, stdout) // channels.go
	if err != nil {
		ln.Close()
		return err
	}
	defer stopIntake()
	srv := server.NewHTTPServer(addr, server.Handler(svc, opts), log)
	fmt.Fprintf(stdout, "Lapor is running at http://%s (database: %s)\n", ln.Addr(), redact(c.db))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	stopScheduler := sched.start(ctx, svc, st, log, passed)
	defer stopScheduler()
	if sched.enabled {
		defer startDeliveries(ctx, svc, send, deliveryOptions(v, log))()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func cmdMigrate(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	if _, err := c.load(config.Migrate, args); err != nil {
		return err
	}
	st, err := store.Open(ctx, c.db)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", redact(c.db), err)
	}
	defer st.Close()
	fmt.Fprintf(stdout, "database %s is up to date\n", redact(c.db))
	return nil
}

func cmdUnitAdd(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	v, err := c.load(config.UnitAdd, args)
	if err != nil {
		return err
	}
	svc, st, err := c.open(ctx, quietLogger(), nil)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := svc.AddUnit(ctx, service.Operator, v.String("code"), v.String("name"), v.String("parent"))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "unit %s (%s) added\n", u.Code, u.Name)
	return nil
}

// cmdPPIDMain shows the city's main PPID, or names or clears it.
func cmdPPIDMain(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	v, err := c.load(config.PPIDMain, args)
	if err != nil {
		return err
	}
	unit, clear := v.String("unit"), v.Bool("clear")
	if unit != "" && clear {
		return errors.New("give --unit or --clear, not both")
	}
	svc, st, err := c.open(ctx, quietLogger(), nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if unit != "" || clear {
		if err := svc.SetMainPPIDUnit(ctx, service.Operator, unit); err != nil {
			return err
		}
	}
	code, err := svc.MainPPIDUnit(ctx, service.Operator)
	if err != nil {
		return err
	}
	if code == "" {
		fmt.Fprintln(stdout, "no main PPID is named: information requests to a unit without a PPID of its own have nobody to answer them")
		return nil
	}
	fmt.Fprintf(stdout, "main PPID: the PPID of unit %s\n", code)
	return nil
}

func cmdUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	var c common
	v, err := c.load(config.UserAdd, args)
	if err != nil {
		return err
	}
	if !v.Bool("password-stdin") {
		return errors.New("give the password on standard input with --password-stdin")
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	svc, st, err := c.open(ctx, quietLogger(), nil)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := svc.AddUser(ctx, service.Operator, service.NewUser{Email: v.String("email"), Name: v.String("name"),
		Role: domain.Role(v.String("role")), Unit: v.String("unit"), Password: password})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %s (%s) added\n", u.Email, u.Role)
	return nil
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// newLogger writes Info and above to w as text or JSON lines.
func newLogger(w io.Writer, format string) *slog.Logger {
	opt := &slog.HandlerOptions{Level: slog.LevelInfo}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opt))
	}
	return slog.New(slog.NewTextHandler(w, opt))
}
