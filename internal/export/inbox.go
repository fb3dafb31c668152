package export

import (
	"time"

	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// Inbox is a staff inbox as a table, one line per report: what the list
// shows and no more (never a reporter's name or contact), times in the
// instance's time zone, kinds, states and channels in the reader's words.
func Inbox(items []service.InboxItem, lang i18n.Lang, loc *time.Location, now time.Time) *Table {
	t := NewTable(i18n.T(lang, "export.sheet.inbox"), lang, "tracking_id", "kind", "status", "title", "category",
		"unit", "unit_name", "kecamatan", "kelurahan", "channel", "submitted_at", "updated_at", "due_at", "overdue")
	for _, it := range items {
		r := it.Report
		var category, unit, unitName, due any
		if it.Category != nil {
			category = it.Category.Name
		}
		if it.Unit != nil {
			unit, unitName = it.Unit.Code, it.Unit.Name
		}
		if r.Schedule.DueAt != nil && r.Status.Open() {
			due = r.Schedule.DueAt.In(loc)
		}
		overdue := i18n.T(lang, "export.no")
		if it.Overdue {
			overdue = i18n.T(lang, "export.yes")
		}
		t.Rows = append(t.Rows, []any{r.TrackingID, i18n.T(lang, "web.kind."+string(r.Kind)),
			i18n.T(lang, "web.status."+string(r.Status)), r.Title, category, unit, unitName, r.Location.Kecamatan,
			r.Location.Kelurahan, i18n.T(lang, "web.channel."+string(r.Channel)), r.CreatedAt.In(loc), r.UpdatedAt.In(loc),
			due, overdue})
	}
	return t
}
