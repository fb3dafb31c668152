package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// errAuditFailed is returned (exit status 1) when a timeline is broken.
var errAuditFailed = errors.New("audit failed: the timelines above were changed outside Lapor")

// cmdAuditVerify checks the hash chain of every report's timeline and names
// the first broken link of each broken report. It reads only; it needs no
// sealing key.
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
	res, err := service.VerifyTimelines(ctx, st, v.Int("limit"))
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
