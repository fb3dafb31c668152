package store

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// Keyset pagination: a cursor holds the sort key of the last report of a
// page, and the next page starts after it. Unlike an offset it costs the
// same on page 1 and page 5,000, and a report filed while someone pages
// through a list neither repeats one nor hides one.

// orders are the ORDER BY clauses of the sorts sortOf names; each is
// served by an index (due first by the expressions of reports_due_order).
var orders = map[string]string{
	"n": " ORDER BY created_at DESC, id DESC",
	"o": " ORDER BY created_at, id",
	"u": " ORDER BY updated_at DESC, id DESC",
	"d": " ORDER BY (due_at IS NULL), due_at, id",
	"p": " ORDER BY supports DESC, id DESC", // most supported (reports_supports_order); pages by offset only
}

// sortOf names the order of a filter, as the cursor records it.
func sortOf(f Filter) string {
	switch {
	case f.MostSupported:
		return "p"
	case searchSorted(f):
		return "s"
	case f.DueFirst:
		return "d"
	case f.Updated:
		return "u"
	case f.Oldest:
		return "o"
	}
	return "n"
}

// Cursor is the cursor after last in the order of f, for Filter.After.
func (f Filter) Cursor(last *domain.Report) string {
	var v int64
	switch sortOf(f) {
	case "d":
		v = -1
		if last.Schedule.DueAt != nil {
			v = micro(*last.Schedule.DueAt)
		}
	case "u":
		v = micro(last.UpdatedAt)
	case "s": // 1 after the tracking ID's report, which precedes the text matches
		if domain.NormalizeTrackingID(strings.TrimSpace(f.Query)) == last.TrackingID {
			v = 1
		}
	default:
		v = micro(last.CreatedAt)
	}
	raw := fmt.Sprintf("%s:%d:%d", sortOf(f), v, last.ID)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func badCursor() error { return domain.InvalidField("after", "field.cursor.invalid") }

// keysetCondition is the WHERE condition of the page after cursor: the
// rows that come after it in f's order, written so the order's index
// serves it (a range on its first column, then the tie on the id).
func keysetCondition(f Filter, cursor string) (string, []any, error) {
	c, err := parseCursor(cursor, sortOf(f))
	if err != nil {
		return "", nil, err
	}
	v, id := c.v, c.id
	switch c.sort {
	case "n":
		return "created_at <= ? AND (created_at < ? OR id < ?)", []any{v, v, id}, nil
	case "o":
		return "created_at >= ? AND (created_at > ? OR id > ?)", []any{v, v, id}, nil
	case "u":
		return "updated_at <= ? AND (updated_at < ? OR id < ?)", []any{v, v, id}, nil
	}
	if v == -1 { // among the reports without a deadline, which come last
		return "due_at IS NULL AND id > ?", []any{id}, nil
	}
	return "(due_at IS NULL OR (due_at >= ? AND (due_at > ? OR id > ?)))", []any{v, v, id}, nil
}

// keyset is a decoded cursor: the order, its sort key and the id.
type keyset struct {
	sort  string
	v, id int64
}

// parseCursor decodes a cursor made for the order sort.
func parseCursor(cursor, sort string) (keyset, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(raw) > 64 {
		return keyset{}, badCursor()
	}
	parts := strings.Split(string(raw), ":")
	if len(parts) != 3 || parts[0] != sort || sort == "p" { // most supported pages by offset
		return keyset{}, badCursor()
	}
	v, err1 := strconv.ParseInt(parts[1], 10, 64)
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || id < 0 || v < -1 || v > micro(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)) {
		return keyset{}, badCursor()
	}
	if sort == "s" && v != 0 && v != 1 {
		return keyset{}, badCursor()
	}
	return keyset{parts[0], v, id}, nil
}
