// Command lapor runs a Lapor instance and administers it.
//
//	lapor serve [--addr 127.0.0.1:8080] [--db lapor.db] [--demo]
//	lapor worker --db D [--interval 1m] [--once]
//	lapor migrate --db D
//	lapor unit add --db D --code C --name N [--parent P]
//	lapor user add --db D --email E --role admin|officer|supervisor|ppid|ppid_superior [--unit C] --password-stdin
//	lapor categories import --db D [--file lapor-categories.json]
//	lapor audit verify --db D [--audit-checkpoint F]
//	lapor key rotate --db D [--key-file F] [--finish]
//	lapor apikey add --db D --name N [--channel sms|whatsapp|email|social|open311]
//	lapor apikey list --db D
//	lapor apikey revoke --db D --id N
//	lapor backup --db D --to FILE
//	lapor restore --from FILE --db D
//	lapor ppid main --db D [--unit C | --clear]
//
// These are the commands of the table [commands], which `lapor help` prints
// with what each does; a test keeps this list the same as that table.
//
// Every setting is a flag and an environment variable: --db is LAPOR_DB,
// --addr is LAPOR_ADDR, --key-file is LAPOR_KEY_FILE, and so on. The one
// table of settings is internal/config; `lapor help` and `lapor <command>
// --help` print it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"

	"github.com/lapor-id/lapor/internal/config"
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

// commands are the commands of lapor, with their synopsis for help. The
// package comment lists the same synopses (TestPackageCommentListsEveryCommand).
var commands = []struct{ name, args, summary string }{
	{config.Serve, "[--addr 127.0.0.1:8080] [--db lapor.db] [--demo]", "run the server (and the scheduler)"},
	{config.Worker, "--db D [--interval 1m] [--once]", "run only the deadline scheduler"},
	{config.Migrate, "--db D", "create or update the database schema"},
	{config.UnitAdd, "--db D --code C --name N [--parent P]", "add a government unit (OPD)"},
	{config.UserAdd, "--db D --email E --role admin|officer|supervisor|ppid|ppid_superior [--unit C] --password-stdin", "add a staff user"},
	{config.Categories, "--db D [--file lapor-categories.json]", "import the category tree"},
	{config.Audit, "--db D [--audit-checkpoint F]", "check every timeline's keyed hash chain, content and files (and the last checkpoint)"},
	{config.KeyRotate, "--db D [--key-file F] [--finish]", "re-seal identities under a new key"},
	{config.APIKeyAdd, "--db D --name N [--channel sms|whatsapp|email|social|open311]", "make a key for a gateway or integration (printed once, on the last line)"},
	{config.APIKeyList, "--db D", "list the API keys"},
	{config.APIKeyRevoke, "--db D --id N", "revoke an API key"},
	{config.Backup, "--db D --to FILE", "copy the embedded database while it is in use (PostgreSQL: pg_dump)"},
	{config.Restore, "--from FILE --db D", "bring a backup back as a new database file"},
	{config.PPIDMain, "--db D [--unit C | --clear]", "show or name the unit whose PPID answers information requests for units without one"},
}

// printUsage writes the list of commands.
func printUsage(w io.Writer) {
	fmt.Fprint(w, "Lapor: public complaint handling.\n\nUsage:\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  lapor %s %s\t%s\n", c.name, c.args, c.summary)
	}
	_ = tw.Flush()
	fmt.Fprint(w, `
--db takes a file path (embedded SQLite) or a postgres:// URL. Every setting
is a flag and an environment variable (--db is LAPOR_DB); the command line
wins over the environment. "lapor <command> --help" lists the settings of a
command, "lapor help settings" all of them.
`)
}

// printCommandHelp writes the synopsis and the settings of one command.
func printCommandHelp(w io.Writer, name string) {
	for _, c := range commands {
		if c.name == name {
			fmt.Fprintf(w, "Usage: lapor %s %s\n\n%s.\n\n", c.name, c.args, strings.ToUpper(c.summary[:1])+c.summary[1:])
		}
	}
	fmt.Fprint(w, "Settings: flag, environment variable (used when the flag is not given), default.\n\n")
	config.Lapor.PrintUsage(w, name)
}

// printAllSettings writes every setting, command by command.
func printAllSettings(w io.Writer) {
	fmt.Fprint(w, "Every setting is a flag and an environment variable; the command line wins.\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\nlapor %s:\n", c.name)
		config.Lapor.PrintUsage(w, c.name)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		printUsage(stderr)
		return errors.New("no command given")
	}
	name, err := dispatch(ctx, args, stdin, stdout, stderr)
	if errors.Is(err, config.ErrHelp) {
		printCommandHelp(stdout, name)
		return nil
	}
	return err
}

// dispatch runs the command args name, and returns its name.
func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (string, error) {
	sub := func(n int) string { return strings.Join(args[:n], " ") }
	switch args[0] {
	case "serve":
		return config.Serve, cmdServe(ctx, args[1:], stdout, stderr)
	case "migrate":
		return config.Migrate, cmdMigrate(ctx, args[1:], stdout)
	case "worker":
		return config.Worker, cmdWorker(ctx, args[1:], stdout, stderr)
	case "unit":
		if len(args) > 1 && args[1] == "add" {
			return sub(2), cmdUnitAdd(ctx, args[2:], stdout)
		}
	case "user":
		if len(args) > 1 && args[1] == "add" {
			return sub(2), cmdUserAdd(ctx, args[2:], stdin, stdout)
		}
	case "categories":
		if len(args) > 1 && args[1] == "import" {
			return sub(2), cmdCategoriesImport(ctx, args[2:], stdout)
		}
	case "audit":
		if len(args) > 1 && args[1] == "verify" {
			return sub(2), cmdAuditVerify(ctx, args[2:], stdout)
		}
	case "key":
		if len(args) > 1 && args[1] == "rotate" {
			return sub(2), cmdKeyRotate(ctx, args[2:], stdout)
		}
	case "apikey":
		if len(args) > 1 {
			switch args[1] {
			case "add":
				return sub(2), cmdAPIKeyAdd(ctx, args[2:], stdout)
			case "list":
				return sub(2), cmdAPIKeyList(ctx, args[2:], stdout)
			case "revoke":
				return sub(2), cmdAPIKeyRevoke(ctx, args[2:], stdout)
			}
		}
	case "ppid":
		if len(args) > 1 && args[1] == "main" {
			return sub(2), cmdPPIDMain(ctx, args[2:], stdout)
		}
	case "backup":
		return config.Backup, cmdBackup(ctx, args[1:], stdout)
	case "restore":
		return config.Restore, cmdRestore(ctx, args[1:], stdout)
	case "help", "-h", "-help", "--help":
		return "", help(args[1:], stdout)
	}
	printUsage(stderr)
	return "", fmt.Errorf("unknown command %q", args[0])
}

// help prints the list of commands (lapor help), every setting (lapor help
// settings), or one command's settings (lapor help serve, lapor help unit add).
func help(args []string, stdout io.Writer) error {
	topic := strings.Join(args, " ")
	switch {
	case topic == "":
		printUsage(stdout)
		fmt.Fprintln(stdout)
		printAllSettings(stdout)
		return nil
	case topic == "settings":
		printAllSettings(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == topic {
			printCommandHelp(stdout, topic)
			return nil
		}
	}
	return fmt.Errorf("no help on %q: see lapor help", topic)
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
