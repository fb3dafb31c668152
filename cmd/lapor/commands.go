package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c common
	c.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	demoData := fs.Bool("demo", false, "load the demo city (Bontang) into an empty database")
	debugAddr := fs.String("debug-addr", "", "serve Go's profiler (net/http/pprof) on this separate, private address")
	sched := schedulerFlags(fs) // worker.go
	if err := parse(fs, args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	svc, st, err := c.open(ctx, log)
	if err != nil {
		return err
	}
	defer st.Close()
	if *demoData {
		if err := loadDemo(ctx, svc, stdout); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	}
	if *debugAddr != "" {
		if err := startDebugServer(*debugAddr, log); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	opts := serverOptions(svc, log)
	if opts.Limits, err = rateLimits(log); err != nil {
		return err
	}
	srv := server.NewHTTPServer(*addr, server.Handler(svc, opts), log)
	fmt.Fprintf(stdout, "Lapor is running at http://%s (database: %s)\n", ln.Addr(), redact(c.db))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	stopScheduler := sched.start(ctx, svc, st, log)
	defer stopScheduler()
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
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	var c common
	c.register(fs)
	if err := parse(fs, args); err != nil {
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
	fs := flag.NewFlagSet("unit add", flag.ContinueOnError)
	var c common
	c.register(fs)
	code := fs.String("code", "", "short code, e.g. dpupr")
	name := fs.String("name", "", "full name, e.g. Dinas Pekerjaan Umum dan Penataan Ruang")
	parent := fs.String("parent", "", "code of the parent unit")
	if err := parse(fs, args); err != nil {
		return err
	}
	svc, st, err := c.open(ctx, quietLogger())
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := svc.AddUnit(ctx, service.Operator, *code, *name, *parent)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "unit %s (%s) added\n", u.Code, u.Name)
	return nil
}

func cmdUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	var c common
	c.register(fs)
	email := fs.String("email", "", "e-mail address, used to log in")
	name := fs.String("name", "", "display name")
	role := fs.String("role", "", "admin, officer or supervisor")
	unit := fs.String("unit", "", "unit code (required for officers)")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*pwStdin {
		return errors.New("give the password on standard input with --password-stdin")
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	svc, st, err := c.open(ctx, quietLogger())
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := svc.AddUser(ctx, service.Operator, service.NewUser{Email: *email, Name: *name, Role: domain.Role(*role), Unit: *unit, Password: password})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %s (%s) added\n", u.Email, u.Role)
	return nil
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
