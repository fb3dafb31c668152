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
)

// statusListSQL is the SQL list of literals ('a','b') of the statuses
// keep accepts. The statuses are the domain's own constants: one that would
// need quoting, or an empty list (which SQL cannot write), is a programming
// error caught when the package loads.
func statusListSQL(keep func(domain.Status) bool) string {
	var out []string
	for _, st := range domain.Statuses {
		if !keep(st) {
			continue
		}
		if st == "" || strings.ContainsAny(string(st), `'\`) {
			panic("store: status " + string(st) + " cannot be an SQL literal")
		}
		out = append(out, "'"+string(st)+"'")
	}
	if len(out) == 0 {
		panic("store: empty status list")
	}
	return strings.Join(out, ",")
}
