package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/triage"
)

// cmdTriageEval measures the routing suggestions on the instance's history
// (docs/triage.md): for every month after the first, a model trained on
// the reports filed before it suggests for the reports filed in it.
func cmdTriageEval(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	if _, err := c.load(config.TriageEval, args); err != nil {
		return err
	}
	svc, st, err := c.open(ctx, quietLogger(), nil)
	if err != nil {
		return err
	}
	defer st.Close()
	ev, units, err := svc.EvaluateTriage(ctx, service.Operator)
	if err != nil {
		return err
	}
	writeTriageEval(stdout, ev, func(id int64) string {
		if u, ok := units[id]; ok {
			return u.Code
		}
		return fmt.Sprint(id)
	})
	return nil
}

func writeTriageEval(w io.Writer, ev triage.Evaluation, code func(int64) string) {
	pct := func(hits, tests int) string { return fmt.Sprintf("%5.1f%%", 100*triage.Rate(hits, tests)) }
	fmt.Fprintf(w, "Routing suggestions: trained on the past, tested on the next month, %d months tested\n", ev.Months)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\treports\ttop-1\ttop-3\n")
	fmt.Fprintf(tw, "units\t%d\t%s\t%s\n", ev.UnitTests, pct(ev.UnitTop1, ev.UnitTests), pct(ev.UnitTop3, ev.UnitTests))
	fmt.Fprintf(tw, "categories\t%d\t%s\t%s\n", ev.CategoryTests, pct(ev.CategoryTop1, ev.CategoryTests), pct(ev.CategoryTop3, ev.CategoryTests))
	_ = tw.Flush()
	if len(ev.Confused) == 0 {
		fmt.Fprintln(w, "No unit was mistaken for another.")
		return
	}
	fmt.Fprintln(w, "Units most often mistaken (reports of the first put first on the second):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, c := range ev.Confused {
		if i == 10 {
			break
		}
		fmt.Fprintf(tw, "  %d\t%s\t-> %s\n", c.Count, code(c.Want), code(c.Got))
	}
	_ = tw.Flush()
}
