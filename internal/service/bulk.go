package service

import (
	"context"
	"errors"

	"github.com/lapor-id/lapor/internal/domain"
)

// MaxBulk is how many reports one bulk request may name: enough for a
// morning's queue, small enough that one request stays short.
const MaxBulk = 100

// ActionRoute is the bulk form's "route to a unit": verify for a report
// still waiting for verification, reroute for one already routed.
const ActionRoute domain.Action = "route"

// bulkActions are the actions an admin may take on many reports at once.
var bulkActions = map[domain.Action]bool{
	ActionRoute: true, domain.ActionVerify: true, domain.ActionReroute: true, domain.ActionArchive: true,
}

// BulkFailure is one report a bulk action left unchanged, and why.
type BulkFailure struct {
	TrackingID string
	Err        error
}

// BulkResult says which reports a bulk action changed and which it did not.
type BulkResult struct {
	Done   []string
	Failed []BulkFailure
}

// BulkAct takes one action on several reports. Each report goes through
// Act on its own, in its own transaction, so each gets its one event and
// its own checks; a report the action does not fit is left unchanged and
// listed with the reason, and the others still go ahead.
func (s *Service) BulkAct(ctx context.Context, v Viewer, trackingIDs []string, in domain.ActionInput) (_ *BulkResult, err error) {
	defer domain.Wrap(&err, "service.BulkAct(%d)", len(trackingIDs))
	if err := authorize(v, domain.PermBulkAct); err != nil {
		return nil, err
	}
	ids, err := bulkIDs(trackingIDs)
	if err != nil {
		return nil, err
	}
	in.Normalize()
	if !bulkActions[in.Action] {
		return nil, domain.InvalidField("action", "field.bulk.action")
	}
	// The input is checked once, so that a wrong unit or reason is one
	// clear error, not the same failure on every report.
	check := in
	if check.Action == ActionRoute {
		check.Action = domain.ActionVerify
	}
	if err := check.Validate(); err != nil {
		return nil, err
	}
	if check.Action == domain.ActionVerify || check.Action == domain.ActionReroute {
		if _, err := s.store.UnitByCode(ctx, in.Unit); errors.Is(err, domain.ErrNotFound) {
			return nil, domain.InvalidField("unit", "field.unit.unknown")
		} else if err != nil {
			return nil, err
		}
	}
	res := &BulkResult{}
	for _, id := range ids {
		if err := s.bulkOne(ctx, v, id, in); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if domain.ErrorCode(err) == domain.CodeInternal {
				s.log.Error("bulk action on one report failed", "report", id, "action", string(in.Action), "err", err)
			}
			res.Failed = append(res.Failed, BulkFailure{TrackingID: id, Err: err})
			continue
		}
		res.Done = append(res.Done, id)
	}
	return res, nil
}

// bulkOne acts on one report, choosing verify or reroute for a route by
// the state the report is in now (Act checks the state again inside its
// transaction).
func (s *Service) bulkOne(ctx context.Context, v Viewer, id string, in domain.ActionInput) error {
	if in.Action == ActionRoute {
		r, _, _, err := s.loadReport(ctx, id, v)
		if err != nil {
			return err
		}
		in.Action = domain.ActionReroute
		if r.Status == domain.StatusSubmitted {
			in.Action = domain.ActionVerify
		}
	}
	_, err := s.Act(ctx, id, v, in, nil)
	return err
}

// bulkIDs normalizes and de-duplicates the tracking IDs, keeping their
// order, and refuses none or more than MaxBulk.
func bulkIDs(raw []string) ([]string, error) {
	seen := map[string]bool{}
	var ids []string
	for _, x := range raw {
		id := domain.NormalizeTrackingID(x)
		if id == "" {
			if x == "" {
				continue
			}
			return nil, domain.InvalidField("reports", "field.bulk.bad_id")
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, domain.InvalidField("reports", "field.bulk.none")
	}
	if len(ids) > MaxBulk {
		return nil, domain.Errorf(domain.CodeInvalid, "error.bulk_too_many", MaxBulk)
	}
	return ids, nil
}
