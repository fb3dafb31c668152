package api

import (
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// dueJSON is the deadline part of a report or inbox row: the deadline of
// the current stage (nil once closed), which clock it belongs to, whether
// a verification or follow-up deadline has passed, and the end of the
// 60-day completion limit (nil while that clock is paused).
type dueJSON struct {
	DueAt          *time.Time     `json:"due_at"`
	DueKind        domain.DueKind `json:"due_kind,omitempty"`
	Overdue        bool           `json:"overdue"`
	OmbudsmanDueAt *time.Time     `json:"ombudsman_due_at,omitempty"`
}

func presentDue(r *domain.Report, overdue bool) dueJSON {
	return dueJSON{DueAt: r.Schedule.DueAt, DueKind: r.Schedule.DueKind, Overdue: overdue,
		OmbudsmanDueAt: r.Schedule.OmbudsmanDueAt}
}
