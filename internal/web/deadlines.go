package web

import (
	"time"

	"github.com/lapor-id/lapor/internal/deadline"
	"github.com/lapor-id/lapor/internal/service"
)

// days are the deadline settings that apply to a report (its kind and
// category), as the admins set them.
func (w *Web) days(rv *service.ReportView) deadline.Days { return rv.Days }

// stageDue is the deadline of the report's current stage: the stored one,
// which counts holidays, pauses and the admins' settings, or, for a report
// written before deadlines were stored, one computed from the settings.
func (w *Web) stageDue(rv *service.ReportView, start time.Time, n int) time.Time {
	if at := rv.Report.Schedule.DueAt; at != nil {
		return *at
	}
	return w.svc.Calendar().Deadline(start, n)
}
