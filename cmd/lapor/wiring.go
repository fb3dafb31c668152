package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/lapor-id/lapor/internal/catalog"
	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/demo"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/store"
)

// loadDemo fills an empty database with the demo city and prints the
// staff logins it made; their passwords are shown only here.
func loadDemo(ctx context.Context, svc *service.Service, stdout io.Writer) error {
	start := time.Now()
	logins, err := demo.Load(ctx, svc, start)
	if errors.Is(err, demo.ErrNotEmpty) {
		fmt.Fprintln(stdout, "database already has data; demo not loaded")
		return nil
	}
	if err != nil {
		return err
	}
	reports, err := svc.Inbox(ctx, service.Operator, service.InboxQuery{PerPage: 1})
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Demo city Bontang loaded. Staff logins (passwords are shown only once):")
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  EMAIL\tPASSWORD\tROLE\tUNIT")
	for _, l := range logins {
		unit := l.Unit
		if unit == "" {
			unit = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", l.Email, l.Password, l.Role, unit)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d reports created over the last twelve months (in %.1fs).\n", reports.Total, time.Since(start).Seconds())
	return nil
}

// cmdCategoriesImport stores a category tree: the given lapor.go.id-style
// file, or the list embedded in the binary. Importing again updates names
// and adds what is new; nothing is deleted.
func cmdCategoriesImport(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	v, err := c.load(config.Categories, args)
	if err != nil {
		return err
	}
	file := v.String("file")
	source := "the built-in lapor.go.id list"
	var tree []store.CategoryNode
	if file == "" {
		tree = catalog.Default()
	} else {
		f, err := os.Open(file)
		if err != nil {
			return fmt.Errorf("open category file: %w", err)
		}
		tree, err = catalog.ParseLaporCategories(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		source = file
	}
	st, err := store.Open(ctx, c.db)
	if err != nil {
		return fmt.Errorf("open database %s: %w", redact(c.db), err)
	}
	defer st.Close()
	n, err := st.ImportCategories(ctx, tree, time.Now())
	if err != nil {
		return fmt.Errorf("import categories: %w", err)
	}
	fmt.Fprintf(stdout, "imported %d categories (%d top-level) from %s\n", n, len(tree), source)
	return nil
}
