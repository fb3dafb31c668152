package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/seal"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// cmdKeyRotate rotates the sealing key without downtime (see seal/rotate.go):
//
//	lapor key rotate            add a new primary key and re-seal every value under it
//	lapor key rotate --finish   re-seal what servers sealed under an old key meanwhile,
//	                            then drop from the file every key no value uses
func cmdKeyRotate(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	v, err := c.load(config.KeyRotate, args)
	if err != nil {
		return err
	}
	finish := v.Bool("finish")
	path := c.keyPath()
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("key file %s: %w (give --key-file or LAPOR_KEY_FILE)", path, err)
	}
	if finish {
		// A server that has not re-read the file yet may still seal new
		// values under an old key; removing it now would lose them.
		if fi, err := os.Stat(path); err == nil {
			if wait := 2*seal.ReloadInterval - time.Since(fi.ModTime()); wait > 0 {
				return fmt.Errorf("the key file changed %s ago; running servers re-read it every %s: run --finish again after %s",
					time.Since(fi.ModTime()).Round(time.Second), seal.ReloadInterval, wait.Round(time.Second))
			}
		}
	}
	st, err := store.Open(ctx, c.db)
	if err != nil {
		return fmt.Errorf("open database %s: %w", redact(c.db), err)
	}
	defer st.Close()
	if !finish {
		k, err := seal.AddPrimary(path)
		if err != nil {
			return fmt.Errorf("add a key to %s: %w", path, err)
		}
		fmt.Fprintf(stdout, "new primary key %s written to %s (old keys kept)\n", k.ID, path)
	}
	sealer, err := seal.OpenFile(path)
	if err != nil {
		return fmt.Errorf("key file %s: %w", path, err)
	}
	counts, err := service.ResealAll(ctx, st, sealer)
	printCounts(stdout, counts)
	if err != nil {
		return fmt.Errorf("re-seal: %w", err)
	}
	usage, err := service.SealedKeyUsage(ctx, st)
	if err != nil {
		return err
	}
	primary := sealer.PrimaryID()
	var old []string
	for _, id := range sealer.KeyIDs()[1:] {
		if usage[id] > 0 {
			old = append(old, fmt.Sprintf("%s (%d values)", id, usage[id]))
		}
	}
	if unknown := unknownKeys(usage, sealer.KeyIDs()); len(unknown) > 0 {
		fmt.Fprintf(stdout, "warning: values sealed under keys missing from the file: %s\n", strings.Join(unknown, ", "))
	}
	if !finish {
		fmt.Fprintf(stdout, "every sealed value is now under key %s.\n", primary)
		fmt.Fprintf(stdout, "Back up %s now. Running servers pick up the new key within %s.\n", path, seal.ReloadInterval)
		fmt.Fprintln(stdout, "Then run `lapor key rotate --finish` to remove the old keys from the file.")
		return nil
	}
	if len(old) > 0 {
		return fmt.Errorf("old keys still in use: %s; are all servers running with the new key file? Run --finish again", strings.Join(old, ", "))
	}
	removed, err := seal.RemoveKeys(path, func(id string) bool { return usage[id] > 0 || id == primary })
	if err != nil {
		return err
	}
	if len(removed) == 0 {
		fmt.Fprintf(stdout, "no old key to remove; %s holds only key %s\n", path, primary)
		return nil
	}
	fmt.Fprintf(stdout, "removed old keys %s from %s; it now holds only key %s.\n", strings.Join(removed, ", "), path, primary)
	fmt.Fprintln(stdout, "Back up the key file now. Database backups made before the rotation still need the old key file: keep it with them.")
	return nil
}

func printCounts(w io.Writer, counts map[string]int) {
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "re-sealed %d values in %s\n", counts[n], n)
	}
}

func unknownKeys(usage map[string]int, known []string) []string {
	var out []string
	for id := range usage {
		if !slices.Contains(known, id) {
			if id == "" {
				id = "(unreadable)"
			}
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
