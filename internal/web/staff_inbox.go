package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

const perPage = 25

// listItem is one report in a staff list, with how long it has waited.
type listItem struct {
	Report   *domain.Report
	Unit     *domain.Unit
	Category *domain.Category
	When     time.Time
	WhenKey  string // what When is: received, updated
	WaitKey  string // how the time since When reads: waiting, ago
	Overdue  bool
	DueAt    *time.Time // the current deadline, for open reports
}

type pager struct {
	Page, Pages int
	Prev, Next  string
}

func newPager(u *url.URL, page, total int) pager {
	pg := pager{Page: page, Pages: max(1, (total+perPage-1)/perPage)}
	link := func(n int) string {
		q := u.Query()
		q.Set("page", strconv.Itoa(n))
		q.Del("ok")
		return u.Path + "?" + encodeQuery(q)
	}
	if page > 1 {
		pg.Prev = link(page - 1)
	}
	if page < pg.Pages {
		pg.Next = link(page + 1)
	}
	return pg
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

type queueData struct {
	Items []listItem
	Total int
	Pager pager
}

// staffQueue is the admin's verification queue: unverified reports,
// oldest first, with how long each has waited.
func (w *Web) staffQueue(rw http.ResponseWriter, r *http.Request, p *page) error {
	pg := pageParam(r)
	res, err := w.svc.Inbox(r.Context(), p.viewer(),
		service.InboxQuery{Status: string(domain.StatusSubmitted), Oldest: true, Page: pg, PerPage: perPage})
	if err != nil {
		return err
	}
	now := w.svc.Now()
	d := queueData{Total: res.Total, Pager: newPager(r.URL, pg, res.Total)}
	for _, it := range res.Items {
		d.Items = append(d.Items, listItem{Report: it.Report, Unit: it.Unit, Category: it.Category,
			When: it.Report.CreatedAt, WhenKey: "web.queue.received", WaitKey: "web.queue.waiting",
			Overdue: it.Report.Schedule.Overdue(now)}) // the stored deadline (pauses, settings, holidays)
	}
	p.Title = i18n.T(p.Lang, "web.queue.title")
	p.Nav = "queue"
	p.Wide = true
	p.Flash = staffFlash(p.Lang, r.URL.Query())
	p.Data = d
	w.render(rw, r, p, "staff_queue", http.StatusOK)
	return nil
}

type inboxTab struct {
	Name, URL string
	Count     int
	Current   bool
}

type inboxData struct {
	Tab        string
	Tabs       []inboxTab
	Items      []listItem
	Total      int
	Pager      pager
	UnitName   string
	UnitFilter bool
	Units      []unitOption
	Kinds      []domain.Kind
	Statuses   []domain.Status
}

// inboxTabs map a tab to the state it lists.
var inboxTabs = []struct{ name, status string }{
	{"new", string(domain.StatusDispositioned)},
	{"replied", string(domain.StatusReporterReplied)},
	{"awaiting", string(domain.StatusFollowedUp)},
	{"all", ""},
}

// staffInbox lists reports by tab, with filters and search. Officers see
// their unit (and its sub-units); admins and supervisors see everything.
func (w *Web) staffInbox(rw http.ResponseWriter, r *http.Request, p *page) error {
	q := r.URL.Query()
	v := p.viewer()
	officer := p.Staff.Role == domain.RoleOfficer
	tab := q.Get("tab")
	status := ""
	found := false
	for _, t := range inboxTabs {
		if t.name == tab {
			status, found = t.status, true
		}
	}
	if !found {
		tab, status = "all", ""
		if officer {
			tab, status = "new", string(domain.StatusDispositioned)
		}
	}
	if tab == "all" {
		status = q.Get("status")
	}
	for _, k := range []string{"q", "kind", "status", "unit", "sort", "overdue"} {
		if x := q.Get(k); x != "" {
			p.Form.Values.Set(k, x)
		}
	}
	units, err := w.units(r.Context())
	if err != nil {
		return err
	}
	d := inboxData{Tab: tab, Kinds: domain.Kinds, Statuses: domain.Statuses, UnitFilter: !officer, Units: unitOptions(units)}
	if officer && p.Staff.UnitID != nil {
		for _, u := range units {
			if u.ID == *p.Staff.UnitID {
				d.UnitName = u.Name
			}
		}
	}
	query := service.InboxQuery{Kind: q.Get("kind"), Q: q.Get("q"), Status: status, Page: pageParam(r), PerPage: perPage,
		DueFirst: q.Get("sort") == "due", Overdue: q.Get("overdue") == "1"}
	if !officer {
		query.Unit = q.Get("unit")
	}
	for _, t := range inboxTabs {
		count := -1
		cq := query
		cq.Status, cq.Page, cq.PerPage = t.status, 1, 1
		if t.name == "all" {
			cq.Status = ""
		}
		if res, err := w.svc.Inbox(r.Context(), v, cq); err == nil {
			count = res.Total
		}
		cq.Overdue = query.Overdue
		link := url.Values{"tab": {t.name}}
		for _, k := range []string{"q", "kind", "unit", "sort", "overdue"} {
			if x := q.Get(k); x != "" {
				link.Set(k, x)
			}
		}
		d.Tabs = append(d.Tabs, inboxTab{Name: t.name, URL: "/staf/kotak-masuk?" + encodeQuery(link), Count: count, Current: t.name == tab})
	}
	res, err := w.svc.Inbox(r.Context(), v, query)
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
	} else {
		now := w.svc.Now()
		d.Total = res.Total
		d.Pager = newPager(r.URL, query.Page, res.Total)
		for _, it := range res.Items {
			li := listItem{Report: it.Report, Unit: it.Unit, Category: it.Category, When: it.Report.UpdatedAt, WhenKey: "web.inbox.updated", WaitKey: "web.inbox.ago"}
			// The stored deadline: it counts pauses, settings and holidays,
			// and does not move when a note or a reminder is added.
			li.Overdue = it.Report.Schedule.Overdue(now)
			if it.Report.Status.Open() {
				li.DueAt = it.Report.Schedule.DueAt
			}
			d.Items = append(d.Items, li)
		}
	}
	p.Title = i18n.T(p.Lang, "web.inbox.title_all")
	if d.UnitName != "" {
		p.Title = i18n.T(p.Lang, "web.inbox.title_unit", d.UnitName)
	}
	p.Nav = "inbox"
	p.Wide = true
	p.Flash = staffFlash(p.Lang, q)
	p.Data = d
	w.render(rw, r, p, "staff_inbox", http.StatusOK)
	return nil
}
