package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/service"
)

// cmdAPIKeyAdd makes a key and prints it alone on its last line, so a
// script can take it with tail -n 1; it is never shown again.
func cmdAPIKeyAdd(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	v, err := c.load(config.APIKeyAdd, args)
	if err != nil {
		return err
	}
	svc, st, err := c.open(ctx, quietLogger(), nil)
	if err != nil {
		return err
	}
	defer st.Close()
	k, key, err := svc.AddAPIKey(ctx, service.Operator, v.String("name"), v.String("channel"))
	if err != nil {
		return err
	}
	channel := k.Channel
	if channel == "" {
		channel = "any channel"
	}
	fmt.Fprintf(stdout, "API key %d (%s, %s) added; copy it now, it is not shown again:\n%s\n", k.ID, k.Name, channel, key)
	return nil
}

// cmdAPIKeyList prints every key's number, name, channel and state.
func cmdAPIKeyList(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	if _, err := c.load(config.APIKeyList, args); err != nil {
		return err
	}
	svc, st, err := c.open(ctx, quietLogger(), nil)
	if err != nil {
		return err
	}
	defer st.Close()
	keys, err := svc.APIKeys(ctx, service.Operator)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCHANNEL\tCREATED\tSTATE")
	for _, k := range keys {
		channel, state := k.Channel, "active"
		if channel == "" {
			channel = "any"
		}
		if k.RevokedAt != nil {
			state = "revoked " + k.RevokedAt.Format("2006-01-02 15:04 MST")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", k.ID, k.Name, channel, k.CreatedAt.Format("2006-01-02 15:04 MST"), state)
	}
	return tw.Flush()
}

// cmdAPIKeyRevoke revokes a key: gateways holding it are refused at once.
func cmdAPIKeyRevoke(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	v, err := c.load(config.APIKeyRevoke, args)
	if err != nil {
		return err
	}
	if v.Int("id") <= 0 {
		return fmt.Errorf("give the key's number with --id (lapor apikey list shows it)")
	}
	svc, st, err := c.open(ctx, quietLogger(), nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := svc.RevokeAPIKey(ctx, service.Operator, int64(v.Int("id"))); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "API key %d revoked\n", v.Int("id"))
	return nil
}
