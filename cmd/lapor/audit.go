package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/lapor-id/lapor/internal/checkpoint"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/seal"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// errAuditFailed is returned (exit status 1) when a timeline is broken.
var errAuditFailed = errors.New("audit failed: the timelines above were changed outside Lapor")

// cmdAuditVerify checks the hash chain of every report's timeline and names
// the first broken link of each broken report. It reads only; it needs the
// chain key (beside the sealing key), not the sealing key.
func cmdAuditVerify(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	v, err := c.load(config.Audit, args)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, c.db)
	if err != nil {
		return fmt.Errorf("open database %s: %w", redact(c.db), err)
	}
	defer st.Close()
	key, err := c.auditKey(ctx, st)
	if err != nil {
		return err
	}
	if key == nil {
		fmt.Fprintln(stdout, "NOTE: no chain key and no keyed timelines: plain hashes only, which anyone who can write to the database can recompute")
	}
	cpPath := v.String("audit-checkpoint")
	var res service.AuditResult
	if cpPath == "" {
		res, err = service.VerifyChains(ctx, st, key, v.Int("limit"))
	} else {
		res, err = c.verifyWithCheckpoint(ctx, st, key, v.Int("limit"), cpPath, stdout)
	}
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if res.OK() {
		fmt.Fprintf(stdout, "OK: %d reports, %d events; every timeline is whole\n", res.Reports, res.Events)
		return nil
	}
	for _, b := range res.Broken {
		fmt.Fprintf(stdout, "BROKEN %s\n", b)
	}
	more := ""
	if res.More {
		more = " (list cut at --limit)"
	}
	fmt.Fprintf(stdout, "%d reports, %d events checked; %d broken%s\n", res.Reports, res.Events, len(res.Broken), more)
	return errAuditFailed
}

// auditKey reads the chain key. Without the file the audit can check only
// plain hashes, which is all there is on a database that never had a key;
// on one with keyed timelines a missing key is an error.
func (c *common) auditKey(ctx context.Context, st *store.Store) (domain.ChainKey, error) {
	path := seal.ChainKeyPath(c.keyPath())
	key, err := seal.LoadChainKey(path)
	if errors.Is(err, os.ErrNotExist) {
		keyed, err := st.HasKeyedEvents(ctx)
		if err != nil {
			return nil, err
		}
		if keyed {
			return nil, fmt.Errorf("the timelines are keyed but there is no chain key at %s: restore it from the backup (or point --key-file at the sealing key beside it)", path)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("chain key: %w", err)
	}
	return key, nil
}

// verifyWithCheckpoint holds the timelines to the last checkpoint of the
// file at path and, when every one checks out, appends a new checkpoint.
// A broken audit appends nothing: a checkpoint anchors only a whole state.
func (c *common) verifyWithCheckpoint(ctx context.Context, st *store.Store, key domain.ChainKey, limit int, path string, stdout io.Writer) (service.AuditResult, error) {
	sign, _, err := seal.LoadOrCreateCheckpointKey(seal.CheckpointKeyPath(c.keyPath()))
	if err != nil {
		return service.AuditResult{}, err
	}
	last, err := checkpoint.ReadLast(path, sign.Public().(ed25519.PublicKey))
	if err != nil {
		return service.AuditResult{}, fmt.Errorf("checkpoint file %s: %w", path, err)
	}
	res, heads, err := service.VerifyAgainstCheckpoint(ctx, st, key, limit, last)
	if err != nil || !res.OK() {
		return res, err
	}
	if err := checkpoint.Append(path, sign, checkpoint.Checkpoint{At: time.Now(), Heads: heads}); err != nil {
		return res, fmt.Errorf("checkpoint file %s: %w", path, err)
	}
	fmt.Fprintf(stdout, "checkpoint of %d reports appended to %s\n", len(heads), path)
	return res, nil
}
