package store

import (
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
)

// The sets of statuses the queries filter on are derived from the domain's
// rules (domain.Statuses with Status.Open), never written out again here,
// so a new status or a changed rule reaches the SQL.
var (
	// closedStatusesSQL lists the statuses on which nobody owes an action.
	closedStatusesSQL = statusListSQL(func(s domain.Status) bool { return !s.Open() })
	// overdueKindsSQL lists the clocks whose breach makes a report overdue
	// (domain.DueKind.Breachable). The partial index reports_overdue has
	// the same list as its condition, so the planner can use it; a test
	// keeps the two the same.
	overdueKindsSQL = literalList(domain.DueKinds, domain.DueKind.Breachable)
)

// statusListSQL is the SQL list of literals ('a','b') of the statuses
// keep accepts. The statuses are the domain's own constants: one that would
// need quoting, or an empty list (which SQL cannot write), is a programming
// error caught when the package loads.
func statusListSQL(keep func(domain.Status) bool) string {
	return literalList(domain.Statuses, keep)
}

// literalList is the SQL list of literals of the values keep accepts.
func literalList[T ~string](values []T, keep func(T) bool) string {
	var out []string
	for _, v := range values {
		if !keep(v) {
			continue
		}
		if v == "" || strings.ContainsAny(string(v), `'\`) {
			panic("store: " + string(v) + " cannot be an SQL literal")
		}
		out = append(out, "'"+string(v)+"'")
	}
	if len(out) == 0 {
		panic("store: empty list of literals")
	}
	return strings.Join(out, ",")
}
