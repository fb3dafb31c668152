// Command lapor runs a Lapor instance and administers it.
//
//	lapor serve [--addr 127.0.0.1:8080] [--db lapor.db] [--demo]
//	lapor migrate --db D
//	lapor unit add --db D --code C --name N [--parent P]
//	lapor user add --db D --email E --role admin|officer|supervisor [--unit C] --password-stdin
//
// Every flag can also be given as an environment variable: --db is
// LAPOR_DB, --addr is LAPOR_ADDR, --key-file is LAPOR_KEY_FILE, and so on.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "lapor:", describe(err))
		os.Exit(1)
	}
}

const usage = `Lapor: public complaint handling.

Usage:
  lapor serve   [--addr 127.0.0.1:8080] [--db lapor.db] [--demo]   run the server (and the scheduler)
  lapor worker  --db D [--interval 1m] [--once]                    run only the deadline scheduler
  lapor migrate --db D                                            create or update the database schema
  lapor unit add --db D --code C --name N [--parent P]            add a government unit (OPD)
  lapor user add --db D --email E --role admin|officer|supervisor [--unit C] --password-stdin
  lapor categories import --db D --file lapor-categories.json    import the category tree
  lapor audit verify --db D                                       check every timeline's hash chain
  lapor key rotate --db D [--key-file F] [--finish]               re-seal identities under a new key

--db takes a file path (embedded SQLite) or a postgres:// URL. Each flag may
also be set by an environment variable: LAPOR_ADDR, LAPOR_DB, LAPOR_KEY_FILE...
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, args[1:], stdout)
	case "worker":
		return cmdWorker(ctx, args[1:], stdout, stderr)
	case "unit":
		if len(args) > 1 && args[1] == "add" {
			return cmdUnitAdd(ctx, args[2:], stdout)
		}
	case "user":
		if len(args) > 1 && args[1] == "add" {
			return cmdUserAdd(ctx, args[2:], stdin, stdout)
		}
	case "categories":
		if len(args) > 1 && args[1] == "import" {
			return cmdCategoriesImport(ctx, args[2:], stdout)
		}
	case "audit":
		if len(args) > 1 && args[1] == "verify" {
			return cmdAuditVerify(ctx, args[2:], stdout)
		}
	case "key":
		if len(args) > 1 && args[1] == "rotate" {
			return cmdKeyRotate(ctx, args[2:], stdout)
		}
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// describe turns an error into plain words for the terminal, in English.
func describe(err error) string {
	var e *domain.Error
	if errors.As(err, &e) && e.Code != domain.CodeInternal {
		msg := i18n.T(i18n.EN, e.Key, e.Args...)
		for f, k := range e.Fields {
			msg += fmt.Sprintf("\n  %s: %s", f, i18n.T(i18n.EN, k))
		}
		return msg
	}
	return err.Error()
}
