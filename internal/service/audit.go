package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// AuditResult is the outcome of checking every report's timeline.
type AuditResult struct {
	Reports int          // reports checked
	Events  int          // events checked
	Broken  []BrokenLink // the first broken link of each broken report, in report order
	More    bool         // more broken reports than the limit asked for
}

// OK reports whether every timeline is whole.
func (a AuditResult) OK() bool { return len(a.Broken) == 0 }

// BrokenLink names where a report's timeline stops being trustworthy.
type BrokenLink struct {
	TrackingID string
	Seq        int              // seq of the first event that does not check out (0: none)
	Type       domain.EventType // that event's type, when there is one
	Problem    string           // plain English, for the operator
}

func (b BrokenLink) String() string {
	s := fmt.Sprintf("report %s", b.TrackingID)
	if b.Seq > 0 {
		s += fmt.Sprintf(", event %d", b.Seq)
	}
	if b.Type != "" {
		s += fmt.Sprintf(" (%s)", b.Type)
	}
	return s + ": " + b.Problem
}

// VerifyTimelines checks the hash chain of every report's timeline (see
// domain.EventHash), and that the report row agrees with it: as many events
// as the report counts, and the state the timeline leads to. It needs no
// sealing key. At most limit broken reports are listed (0: no limit).
func VerifyTimelines(ctx context.Context, st *store.Store, limit int) (AuditResult, error) {
	var res AuditResult
	err := st.WalkTimelines(ctx, func(r store.ChainReport, events []domain.Event) error {
		res.Reports++
		res.Events += len(events)
		if b := checkTimeline(r, events); b != nil {
			if limit > 0 && len(res.Broken) >= limit {
				res.More = true
			} else {
				res.Broken = append(res.Broken, *b)
			}
		}
		return ctx.Err()
	})
	return res, err
}

func checkTimeline(r store.ChainReport, events []domain.Event) *BrokenLink {
	if len(events) == 0 {
		return &BrokenLink{TrackingID: r.TrackingID, Problem: "the report has no events: its timeline was deleted"}
	}
	if i := domain.VerifyChain(r.TrackingID, events); i >= 0 {
		e := events[i]
		b := &BrokenLink{TrackingID: r.TrackingID, Seq: e.Seq, Type: e.Type}
		prev := ""
		if i > 0 {
			prev = events[i-1].Hash
		}
		switch {
		case e.Seq != i+1:
			b.Problem = fmt.Sprintf("expected event %d here: an event was removed or renumbered", i+1)
		case e.PrevHash != prev:
			b.Problem = "does not link to the event before it: that event was changed or replaced"
		default:
			b.Problem = "its content does not match its hash: the event was edited"
		}
		return b
	}
	last := events[len(events)-1]
	if int64(len(events)) != r.Version {
		return &BrokenLink{TrackingID: r.TrackingID, Seq: last.Seq, Type: last.Type,
			Problem: fmt.Sprintf("the timeline ends here but the report counts %d events: later events were removed", r.Version)}
	}
	st, unit, confidential := domain.Replay(events)
	if st != r.Status {
		return &BrokenLink{TrackingID: r.TrackingID, Seq: last.Seq, Type: last.Type,
			Problem: fmt.Sprintf("the report's state %q is not where its timeline leads (%q): the report row was edited", r.Status, st)}
	}
	if (unit == nil) != (r.UnitID == nil) || (unit != nil && *unit != *r.UnitID) {
		return &BrokenLink{TrackingID: r.TrackingID, Seq: last.Seq, Type: last.Type,
			Problem: "the report's unit is not the one its timeline routed it to: the report row was edited"}
	}
	if confidential != r.Confidential {
		return &BrokenLink{TrackingID: r.TrackingID, Seq: last.Seq, Type: last.Type,
			Problem: "the report's confidentiality differs from its timeline: the report row was edited"}
	}
	if anonymous := strings.Contains(events[0].Reason, domain.FlagAnonymous); anonymous != r.Anonymous {
		return &BrokenLink{TrackingID: r.TrackingID, Seq: events[0].Seq, Type: events[0].Type,
			Problem: "the report's anonymity differs from its submission: the report row was edited"}
	}
	return nil
}
