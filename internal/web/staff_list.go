package web

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

const perPage = 25

// listItem is one report in a staff list, with how long it has waited.
type listItem struct {
	Report   *domain.Report
	Unit     *domain.Unit
	Category *domain.Category
	When     time.Time
	WhenKey  string     // what When is: received, updated
	WaitKey  string     // how the time since When reads: waiting, ago
	Overdue  bool       // past its deadline now
	DueToday bool       // not yet past its deadline, which falls today in the city
	DueAt    *time.Time // the current deadline, for open reports
	Select   bool       // has a checkbox of the bulk form
}

// markDue sets whether the report is past its stored deadline (which
// counts pauses, settings and holidays, and does not move when a note or
// a reminder is added) or due later today in the city's time.
func (li *listItem) markDue(r *domain.Report, now time.Time, loc *time.Location) {
	li.Overdue = r.Schedule.Overdue(now)
	due := r.Schedule.DueAt
	if li.Overdue || due == nil || !r.Schedule.DueKind.Breachable() || !r.Status.Open() {
		return
	}
	y, m, d := now.In(loc).Date()
	dy, dm, dd := due.In(loc).Date()
	li.DueToday = y == dy && m == dm && d == dd
}

type pager struct {
	Page, Pages int
	Prev, Next  string
	// Keep is the list's query without its page: the hidden fields of
	// the form that goes to a page by its number.
	Keep []keptParam
}

// keptParam is one query parameter a page's form carries along.
type keptParam struct{ Name, Value string }

func newPager(u *url.URL, page, per, total int) pager {
	pg := pager{Page: page, Pages: max(1, (total+per-1)/per)}
	if page > 1 {
		pg.Prev = pageLink(u, page-1, "")
	}
	if page < pg.Pages {
		pg.Next = pageLink(u, page+1, "")
	}
	q := u.Query()
	for _, k := range slices.Sorted(maps.Keys(q)) {
		if k != "page" && k != "after" && k != "ok" {
			pg.Keep = append(pg.Keep, keptParam{k, q.Get(k)})
		}
	}
	return pg
}

// keysetPager is newPager whose next link carries the cursor of the next
// page (keyset pagination: as fast on page 400 as on page 2); next is
// empty on the last page.
func keysetPager(u *url.URL, page, per, total int, next string) pager {
	pg := newPager(u, page, per, total)
	pg.Next = ""
	if next != "" {
		pg.Next = pageLink(u, page+1, next)
		pg.Pages = max(pg.Pages, page+1)
	}
	return pg
}

// pageLink is the list at u on another page: the same filters, page n
// (none when n is 0, the first), after the cursor when one is given, and
// without a notice meant for the page it came from.
func pageLink(u *url.URL, n int, after string) string {
	q := u.Query()
	q.Del("ok")
	q.Del("page")
	q.Del("after")
	if n > 0 {
		q.Set("page", strconv.Itoa(n))
	}
	if after != "" {
		q.Set("after", after)
	}
	return u.Path + "?" + encodeQuery(q)
}

// encodeQuery encodes a query with %20 for spaces: html/template would
// turn a "+" into "&#43;" in an attribute, which reads badly in the page.
func encodeQuery(v url.Values) string { return strings.ReplaceAll(v.Encode(), "+", "%20") }

func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100000 {
		return 1
	}
	return n
}

// staffFlash turns ?ok=... after a redirect into a notice.
func staffFlash(lang i18n.Lang, q url.Values) string {
	ok := q.Get("ok")
	switch {
	case domain.Action(ok).Known():
		return i18n.T(lang, "web.flash."+ok)
	case ok == "unit_added" || ok == "user_added":
		return i18n.T(lang, "web.flash."+ok)
	case ok == "imported":
		n, _ := strconv.Atoi(q.Get("n"))
		return i18n.T(lang, "web.flash.imported", n)
	}
	return ""
}
