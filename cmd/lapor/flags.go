package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/ratelimit"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// common are the settings of every command (internal/config).
type common struct {
	db       string
	keyFile  string
	loc      *time.Location
	observer service.Observer       // serve's metrics; nil elsewhere
	whatsapp service.WhatsAppConfig // serve's WhatsApp webhook (channels.go); zero elsewhere
}

// load reads the settings of command from args and the environment, once:
// a bad value is an error naming the setting. It fills c from them.
func (c *common) load(command string, args []string) (*config.Values, error) {
	v, err := config.Lapor.Load(command, args, os.Getenv)
	if err != nil {
		return nil, err
	}
	c.db = v.String("db")
	c.keyFile = v.String("key-file")
	c.loc = config.Get[*time.Location](v, "tz")
	return v, nil
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

// open connects to the database (migrating it) and loads the sealing key;
// loginLimit bounds sign-ins per e-mail address (serve's, nil elsewhere).
func (c *common) open(ctx context.Context, log *slog.Logger, loginLimit *ratelimit.Limiter) (*service.Service, *store.Store, error) {
	st, err := store.Open(ctx, c.db)
	if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", redact(c.db), err)
	}
	sealer, created, err := seal.LoadOrCreate(c.keyPath(), func() (bool, error) { return st.HasSealedValues(ctx) })
	if err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("sealing key %s: %w", c.keyPath(), err)
	}
	if created {
		abs, _ := filepath.Abs(c.keyPath())
		log.Warn("created a new sealing key; back it up: without it reporters' identities cannot be read", "file", abs)
	}
	if err := c.openChain(ctx, log, st); err != nil {
		st.Close()
		return nil, nil, err
	}
	svc := service.New(st, sealer, service.Config{Location: c.loc, Logger: log, LoginLimit: loginLimit, Observer: c.observer,
		WhatsApp: c.whatsapp})
	if err := svc.Start(ctx); err != nil {
		st.Close()
		return nil, nil, err
	}
	return svc, st, nil
}

// openChain loads (or, on a database without keyed timelines, creates) the
// chain key beside the sealing key, has the store key every event with
// it, and re-keys the timelines still on plain hashes.
func (c *common) openChain(ctx context.Context, log *slog.Logger, st *store.Store) error {
	path := seal.ChainKeyPath(c.keyPath())
	key, created, err := seal.LoadOrCreateChainKey(path, func() (bool, error) { return st.HasKeyedEvents(ctx) })
	if err != nil {
		return fmt.Errorf("chain key %s: %w", path, err)
	}
	if created {
		abs, _ := filepath.Abs(path)
		log.Warn("created a new timeline chain key; back it up with the sealing key: without it `lapor audit verify` cannot check the timelines", "file", abs)
	}
	st.SetChainKey(key)
	pending, err := st.HasUnsealedPlainChains(ctx)
	if err != nil {
		return err
	}
	if pending {
		n, err := service.RekeyPlainChains(ctx, st, key)
		if err != nil {
			return fmt.Errorf("re-key timelines: %w", err)
		}
		log.Info("re-keyed timelines written with plain hashes", "reports", n)
	}
	// Said once, so later starts skip the look at every first event.
	return st.MarkPlainChainsSealed(ctx, time.Now())
}

// redact hides a password in a database URL.
func redact(dsn string) string {
	dsn = passwordParam.ReplaceAllString(dsn, "${1}***")
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

// passwordParam finds a password given as a parameter: ?password=... in a
// URL, or password=... in a key=value connection string.
var passwordParam = regexp.MustCompile(`(?i)((?:^|[?&\s])(?:ssl)?password=)[^&\s]*`)
