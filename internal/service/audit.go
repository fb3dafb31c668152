package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/checkpoint"

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

// VerifyTimelines checks every timeline without the chain key: plain
// hashes as before, and keyed ones are reported as unchecked. Use
// VerifyChains with the key for the full check.
func VerifyTimelines(ctx context.Context, st *store.Store, limit int) (AuditResult, error) {
	return VerifyChains(ctx, st, nil, limit)
}

// VerifyChains checks every report's timeline: each event's hash (plain,
// domain.EventHash, or keyed under key, domain.KeyedEventHash, which also
// covers the submitted content and the event's files), the link to the
// event before, the re-key step of a timeline begun with plain hashes, the
// bytes of every file against its digest, and that the report row agrees
// with the timeline: as many events as it counts, the state, unit, privacy,
// title and rating the timeline leads to. With key nil, plain timelines are
// checked as before the chain was keyed. At most limit broken reports are
// listed (0: no limit).
func VerifyChains(ctx context.Context, st *store.Store, key domain.ChainKey, limit int) (AuditResult, error) {
	res, _, err := verify(ctx, st, key, limit, nil, false)
	return res, err
}

// VerifyAgainstCheckpoint is VerifyChains that also holds every timeline
// to the last checkpoint (nil: none yet): each report it lists must still
// exist and its timeline still pass through the head it recorded, so a
// deleted report or a deleted tail (with the row fixed to match) is
// caught. It returns the heads seen now, for the next checkpoint.
func VerifyAgainstCheckpoint(ctx context.Context, st *store.Store, key domain.ChainKey, limit int, last *checkpoint.Checkpoint) (AuditResult, map[string]checkpoint.Head, error) {
	return verify(ctx, st, key, limit, last, true)
}

func verify(ctx context.Context, st *store.Store, key domain.ChainKey, limit int, last *checkpoint.Checkpoint, collect bool) (AuditResult, map[string]checkpoint.Head, error) {
	var res AuditResult
	var heads map[string]checkpoint.Head
	if collect {
		heads = map[string]checkpoint.Head{}
	}
	add := func(b *BrokenLink) {
		if limit > 0 && len(res.Broken) >= limit {
			res.More = true
		} else {
			res.Broken = append(res.Broken, *b)
		}
	}
	seen := map[string]bool{}
	err := st.WalkTimelines(ctx, func(r store.ChainReport, events []domain.Event) error {
		res.Reports++
		res.Events += len(events)
		b := checkTimeline(key, r, events)
		if last != nil {
			seen[r.TrackingID] = true
			if b == nil {
				b = checkHead(r, events, last)
			}
		}
		if b != nil {
			add(b)
		}
		if collect && len(events) > 0 {
			e := events[len(events)-1]
			heads[r.TrackingID] = checkpoint.Head{Seq: e.Seq, Hash: e.Hash}
		}
		return ctx.Err()
	})
	if err != nil || last == nil {
		return res, heads, err
	}
	var gone []string
	for id := range last.Heads {
		if !seen[id] {
			gone = append(gone, id)
		}
	}
	slices.Sort(gone)
	for _, id := range gone {
		add(&BrokenLink{TrackingID: id, Problem: fmt.Sprintf("the checkpoint of %s lists this report and it is gone: it was deleted",
			last.At.Format(time.RFC3339))})
	}
	return res, heads, nil
}

// checkHead holds a whole timeline to the head the last checkpoint saw.
func checkHead(r store.ChainReport, events []domain.Event, last *checkpoint.Checkpoint) *BrokenLink {
	h, ok := last.Heads[r.TrackingID]
	if !ok {
		return nil // filed since
	}
	at := last.At.Format(time.RFC3339)
	if h.Seq > len(events) {
		e := events[len(events)-1]
		return &BrokenLink{TrackingID: r.TrackingID, Seq: e.Seq, Type: e.Type,
			Problem: fmt.Sprintf("the timeline ends here but the checkpoint of %s saw it at event %d: later events were removed", at, h.Seq)}
	}
	if e := events[h.Seq-1]; e.Hash != h.Hash {
		return &BrokenLink{TrackingID: r.TrackingID, Seq: e.Seq, Type: e.Type,
			Problem: fmt.Sprintf("differs from the event the checkpoint of %s saw here: the timeline was rewritten", at)}
	}
	return nil
}

func checkTimeline(key domain.ChainKey, r store.ChainReport, events []domain.Event) *BrokenLink {
	if len(events) == 0 {
		return &BrokenLink{TrackingID: r.TrackingID, Problem: "the report has no events: its timeline was deleted"}
	}
	if b := checkChain(key, r, events); b != nil {
		return b
	}
	return checkRow(r, events)
}

// checkChain walks the hash chain and names its first break.
func checkChain(key domain.ChainKey, r store.ChainReport, events []domain.Event) *BrokenLink {
	submittedTitle, _, _ := domain.ReplayContent(r.Title, events)
	content := r.Content
	content.Title = submittedTitle
	files := map[int64][]domain.FileDigest{} // by event id
	for _, f := range r.Files {
		files[f.EventID] = append(files[f.EventID], f.FileDigest)
	}
	if key != nil && r.Rekey == nil && events[0].Chain == domain.ChainPlain {
		// Name a break in the plain hashes before the missing re-key step:
		// it says more about what was changed.
		n := 1
		for n < len(events) && events[n].Chain == domain.ChainPlain {
			n++
		}
		if b := checkChain(nil, r, events[:n]); b != nil {
			return b
		}
	}
	prev := ""
	for i, e := range events {
		b := &BrokenLink{TrackingID: r.TrackingID, Seq: e.Seq, Type: e.Type}
		broken := func(format string, args ...any) *BrokenLink { b.Problem = fmt.Sprintf(format, args...); return b }
		if e.Seq != i+1 {
			return broken("expected event %d here: an event was removed or renumbered", i+1)
		}
		if e.PrevHash != prev {
			return broken("does not link to the event before it: that event was changed or replaced")
		}
		for _, f := range r.Files {
			if f.EventID == e.ID && f.DataSHA256 != f.SHA256 {
				return broken("the bytes of its file %q do not match the file's digest: the file was replaced", f.Name)
			}
		}
		switch e.Chain {
		case domain.ChainPlain:
			if key != nil && r.Rekey == nil {
				return broken("its hash is plain and the timeline has no re-key step: the timeline was rewritten without the chain key, or its re-key record was deleted")
			}
			if key != nil && e.Seq > r.Rekey.Seq {
				return broken("its hash is plain but the timeline was re-keyed at event %d: it was written without the chain key", r.Rekey.Seq)
			}
			if domain.EventHash(r.TrackingID, e) != e.Hash {
				return broken("its content does not match its hash: the event was edited")
			}
			if key != nil && e.Seq == r.Rekey.Seq {
				var upTo []domain.FileDigest
				for _, ev := range events[:i+1] {
					upTo = append(upTo, files[ev.ID]...)
				}
				if domain.RekeyHash(key, r.TrackingID, e.Seq, e.Hash, content, upTo) != r.Rekey.Hash {
					return broken("the re-key step recorded here does not match: the timeline up to here, the report's submitted content (title, body, location, kind, dates, name shown, channel, unit asked for) or a file's digest was changed")
				}
			}
		case domain.ChainKeyed:
			if key == nil {
				return broken("its hash is keyed: give the chain key to check it")
			}
			if i > 0 && events[i-1].Chain == domain.ChainPlain && (r.Rekey == nil || r.Rekey.Seq != i) {
				return broken("a keyed event follows plain ones without a re-key step: the re-key record was deleted or changed")
			}
			var c *domain.SubmittedContent
			if e.Seq == 1 {
				c = &content
			}
			if domain.KeyedEventHash(key, r.TrackingID, e, c, files[e.ID]) != e.Hash {
				if e.Seq == 1 {
					return broken("does not match its keyed hash: the event, the report's submitted content (title, body, location, kind, dates, name shown, channel, unit asked for) or a file's digest was changed")
				}
				return broken("does not match its keyed hash: the event or a file's digest was changed")
			}
		default:
			return broken("unknown chain version %d: the event was edited", e.Chain)
		}
		prev = e.Hash
	}
	if key != nil && r.Rekey != nil && (r.Rekey.Seq < 1 || r.Rekey.Seq > len(events) || events[r.Rekey.Seq-1].Chain != domain.ChainPlain) {
		last := events[len(events)-1]
		return &BrokenLink{TrackingID: r.TrackingID, Seq: last.Seq, Type: last.Type,
			Problem: fmt.Sprintf("the timeline was re-keyed at event %d, which is not a plain event of it: events were removed or the re-key record was forged", r.Rekey.Seq)}
	}
	return nil
}

// checkRow compares the report row with where its timeline leads.
func checkRow(r store.ChainReport, events []domain.Event) *BrokenLink {
	last := events[len(events)-1]
	if int64(len(events)) != r.Version {
		return &BrokenLink{TrackingID: r.TrackingID, Seq: last.Seq, Type: last.Type,
			Problem: fmt.Sprintf("the timeline ends here but the report counts %d events: later events were removed", r.Version)}
	}
	rowEdited := func(what string) *BrokenLink {
		return &BrokenLink{TrackingID: r.TrackingID, Seq: last.Seq, Type: last.Type, Problem: what + ": the report row was edited"}
	}
	st, unit, confidential := domain.Replay(events)
	if st != r.Status {
		return rowEdited(fmt.Sprintf("the report's state %q is not where its timeline leads (%q)", r.Status, st))
	}
	if (unit == nil) != (r.UnitID == nil) || (unit != nil && *unit != *r.UnitID) {
		return rowEdited("the report's unit is not the one its timeline routed it to")
	}
	if confidential != r.Confidential {
		return rowEdited("the report's confidentiality differs from its timeline")
	}
	if anonymous := strings.Contains(events[0].Reason, domain.FlagAnonymous); anonymous != r.Anonymous {
		return &BrokenLink{TrackingID: r.TrackingID, Seq: events[0].Seq, Type: events[0].Type,
			Problem: "the report's anonymity differs from its submission: the report row was edited"}
	}
	_, title, rating := domain.ReplayContent(r.Title, events)
	if title != r.Title {
		return rowEdited(fmt.Sprintf("the report's title %q is not the one its timeline leads to (%q)", r.Title, title))
	}
	if rating != r.Rating {
		return rowEdited(fmt.Sprintf("the report's rating %d is not the one its timeline gives (%d)", r.Rating, rating))
	}
	return nil
}
