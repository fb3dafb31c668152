package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// common are the flags every command that opens the database takes.
type common struct {
	db      string
	keyFile string
	tz      string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.db, "db", "lapor.db", "database: a SQLite file path or a postgres:// URL")
	fs.StringVar(&c.keyFile, "key-file", "", "file holding the sealing keys (default: beside the database)")
	fs.StringVar(&c.tz, "tz", "Asia/Makassar", "the instance's time zone; working days are counted in it")
}

// parse reads flags, then fills every flag not given on the command line
// from its environment variable LAPOR_<NAME>.
func parse(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%v (see lapor help)", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || err != nil {
			return
		}
		env := "LAPOR_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(env); ok {
			if e := f.Value.Set(v); e != nil {
				err = fmt.Errorf("%s: %v", env, e)
			}
		}
	})
	return err
}

func (c *common) keyPath() string {
	if c.keyFile != "" {
		return c.keyFile
	}
	if store.IsPostgresURL(c.db) {
		return "lapor.key"
	}
	return c.db + ".key"
}

func (c *common) location() (*time.Location, error) {
	loc, err := time.LoadLocation(c.tz)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", c.tz)
	}
	return loc, nil
}

// open connects to the database (migrating it) and loads the sealing key.
func (c *common) open(ctx context.Context, log *slog.Logger) (*service.Service, *store.Store, error) {
	loc, err := c.location()
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, c.db)
	if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", redact(c.db), err)
	}
	sealer, created, err := seal.LoadOrCreate(c.keyPath())
	if err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("sealing key %s: %w", c.keyPath(), err)
	}
	if created {
		abs, _ := filepath.Abs(c.keyPath())
		log.Warn("created a new sealing key; back it up: without it reporters' identities cannot be read", "file", abs)
	}
	svc := service.New(st, sealer, service.Config{Location: loc, Logger: log})
	return svc, st, nil
}

// redact hides a password in a database URL.
func redact(dsn string) string {
	if !store.IsPostgresURL(dsn) {
		return dsn
	}
	if at := strings.LastIndex(dsn, "@"); at > 0 {
		if i := strings.Index(dsn, "://"); i > 0 && i+3 < at {
			userinfo := dsn[i+3 : at]
			if u, _, ok := strings.Cut(userinfo, ":"); ok {
				return dsn[:i+3] + u + ":***" + dsn[at:]
			}
		}
	}
	return dsn
}
