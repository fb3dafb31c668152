package export

import (
	"fmt"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// FigureColumns are the codes of an evaluation's figures, in order; the
// JSON API uses the same names.
var FigureColumns = []string{"received", "followed_up", "followed_up_on_time", "followed_up_late", "missed",
	"transferred", "pending", "on_time_rate", "median_days_to_follow_up", "completed", "reopened", "rated",
	"average_rating", "overdue_backlog", "oldest_overdue_days", "grade"}

// FigureCells are a unit's figures as cells, in FigureColumns' order; the
// grade is its label in lang.
func FigureCells(f evaluation.Figures, lang i18n.Lang) []any {
	num := func(p *float64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	var grade any
	if f.Grade != "" {
		grade = i18n.T(lang, "grade."+f.Grade)
	}
	return []any{f.Received, f.FollowedUp, f.FollowedUpOnTime, f.Late, f.Missed, f.Transferred, f.Pending,
		num(f.OnTimeRate), num(f.MedianDays), f.Completed, f.Reopened, f.Rated, num(f.AverageRating),
		f.OverdueBacklog, f.OldestOverdueDays, grade}
}

// FileName names an export of a period, without extension.
func FileName(what string, from, to fmt.Stringer) string {
	return fmt.Sprintf("%s-%s-%s", what, from, to)
}

// Evaluation is the figures per unit with a total line, and the monthly
// trend when the evaluation has one.
func Evaluation(ev *service.Evaluation, lang i18n.Lang) []*Table {
	t := NewTable(i18n.T(lang, "export.sheet.evaluation"), lang, append([]string{"unit", "unit_name"}, FigureColumns...)...)
	for _, row := range ev.Rows {
		t.Rows = append(t.Rows, append([]any{row.Unit.Code, row.Unit.Name}, FigureCells(row.Figures, lang)...))
	}
	t.Rows = append(t.Rows, append([]any{"", i18n.T(lang, "export.total")}, FigureCells(ev.Total, lang)...))
	out := []*Table{t}
	if len(ev.Trend) > 0 {
		tr := NewTable(i18n.T(lang, "export.sheet.trend"), lang, append([]string{"month"}, FigureColumns...)...)
		for _, m := range ev.Trend {
			tr.Rows = append(tr.Rows, append([]any{m.Month}, FigureCells(m.Figures, lang)...))
		}
		out = append(out, tr)
	}
	return append(out, Information(ev, lang))
}

// InformationColumns are the codes of the information request figures
// (evaluation/information.go), then one column of refusals per Article 17
// ground.
var InformationColumns = []string{"info_received", "info_answered", "info_answered_on_time", "info_extended",
	"info_granted", "info_partly_granted", "info_refused", "info_not_held", "info_objections", "info_upheld", "info_overturned"}

// Information is the information request figures per unit, with a total
// line: a sheet of its own beside the complaint figures.
func Information(ev *service.Evaluation, lang i18n.Lang) *Table {
	codes := append([]string{"unit", "unit_name"}, InformationColumns...)
	t := NewTable(i18n.T(lang, "export.sheet.information"), lang, codes...)
	for _, g := range domain.RefusalGrounds {
		t.Codes = append(t.Codes, "refused_"+g)
		t.Labels = append(t.Labels, i18n.T(lang, "export.info_refused_ground", g))
	}
	cells := func(f evaluation.InfoFigures) []any {
		out := []any{f.Received, f.Answered, f.AnsweredOnTime, f.Extended, f.Granted, f.PartlyGranted, f.Refused,
			f.NotHeld, f.Objections, f.Upheld, f.Overturned}
		for _, g := range domain.RefusalGrounds {
			out = append(out, f.RefusedByGround[g])
		}
		return out
	}
	for _, row := range ev.Rows {
		t.Rows = append(t.Rows, append([]any{row.Unit.Code, row.Unit.Name}, cells(row.Information)...))
	}
	t.Rows = append(t.Rows, append([]any{"", i18n.T(lang, "export.total")}, cells(ev.Total.Information)...))
	return t
}

// Sanctions is the sanction list, one line per overdue report, times in
// the instance's time zone.
func Sanctions(sl *service.SanctionList, lang i18n.Lang, loc *time.Location) *Table {
	t := NewTable(i18n.T(lang, "export.sheet.sanctions"), lang, "unit", "unit_name", "tracking_id", "title",
		"stage_started_at", "due_at", "resolved_at", "overdue_days", "overdue_stages", "timeline_url")
	for _, u := range sl.Units {
		for _, r := range u.Reports {
			var resolved any
			if r.ResolvedAt != nil {
				resolved = r.ResolvedAt.In(loc)
			}
			t.Rows = append(t.Rows, []any{u.Unit.Code, u.Unit.Name, r.TrackingID, r.Title, r.StageStart.In(loc),
				r.DueAt.In(loc), resolved, r.OverdueDays, r.Stages, TimelineURL(r.TrackingID)})
		}
	}
	return t
}

// TimelineURL is where a report's timeline, the evidence of a breach, is.
func TimelineURL(trackingID string) string { return "/api/v1/reports/" + trackingID }
