package service

import (
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// inboxNarrow adds the inbox's narrower filters to filter: a category
// and everything under it, a channel, and the dates a report was filed
// between (whole days in the instance's time zone, both ends included).
func inboxNarrow(filter *store.Filter, q InboxQuery, sc inboxScope, f domain.FieldErrors) {
	if code := domain.NormalizeCode(q.Category); code != "" {
		filter.CategoryIDs = []int64{}
		for _, c := range sc.cats {
			if c.Code == code {
				filter.CategoryIDs = domain.CategoryDescendants(sc.cats, c.ID)
			}
		}
		if len(filter.CategoryIDs) == 0 {
			f.Add("category", "field.category.unknown")
		}
	}
	if ch := strings.TrimSpace(q.Channel); ch != "" {
		filter.Channel = domain.Channel(ch)
		if !domain.Channel(ch).Valid() {
			f.Add("channel", "field.channel.unknown")
		}
	}
	from, okFrom := inboxDate(q.From, sc.loc, "from", f)
	to, okTo := inboxDate(q.To, sc.loc, "to", f)
	if okFrom {
		filter.FiledFrom = &from
	}
	if okTo {
		end := to.AddDate(0, 0, 1)
		filter.FiledBefore = &end
	}
	if okFrom && okTo && to.Before(from) {
		f.Add("to", "field.date_range.reversed")
	}
}

// inboxDate reads a date of the inbox's filter; ok is false when it is
// empty or wrong (then an error is added for field).
func inboxDate(s string, loc *time.Location, field string, f domain.FieldErrors) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	d, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil || d.Year() < 2000 || d.Year() > 9999 {
		f.Add(field, "field.date.invalid")
		return time.Time{}, false
	}
	return d, true
}
