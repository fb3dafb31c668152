package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

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
	MoreThan   bool   // more than Total reports match
	FirstPage  string // the list from its first page, for a page past the end
	Pager      pager
	UnitName   string
	UnitFilter bool
	Units      []unitOption
	Kecamatan  []domain.Area // every kecamatan, hidden ones too: old reports name them
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
	officer := p.Staff.Role == domain.RoleOfficer
	tab, status := chosenTab(q, officer)
	for _, k := range []string{"q", "kind", "status", "unit", "sort", "overdue", "kecamatan"} {
		if x := q.Get(k); x != "" {
			p.Form.Values.Set(k, x)
		}
	}
	units, err := w.units(r.Context())
	if err != nil {
		return err
	}
	d := inboxData{Tab: tab, Kinds: domain.Kinds, Statuses: domain.Statuses, UnitFilter: !officer, Units: unitOptions(units)}
	areas, err := w.svc.Areas(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	for _, a := range areas {
		if a.IsKecamatan() {
			d.Kecamatan = append(d.Kecamatan, a)
		}
	}
	if officer && p.Staff.UnitID != nil {
		for _, u := range units {
			if u.ID == *p.Staff.UnitID {
				d.UnitName = u.Name
			}
		}
	}
	query := service.InboxQuery{Kind: q.Get("kind"), Q: q.Get("q"), Status: status, Page: pageParam(r), PerPage: perPage,
		DueFirst: q.Get("sort") == "due", Updated: q.Get("sort") != "due", Overdue: q.Get("overdue") == "1"}
	if !officer {
		query.Unit = q.Get("unit")
	}
	badKecamatan := domain.FieldErrors{}
	if id := parseAreaID(badKecamatan, "kecamatan", q.Get("kecamatan")); id != nil {
		query.Kecamatan = *id
	}
	d.Tabs = w.countedTabs(r, p.viewer(), query, tab)
	query.After = q.Get("after")
	d.FirstPage = pageLink(r.URL, 0, "")
	res, err := w.svc.Inbox(r.Context(), p.viewer(), query)
	if err == nil {
		err = badKecamatan.Err()
	}
	code := http.StatusOK
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		code = httperr.PageStatusOf(err)
	} else {
		d.Total, d.MoreThan, d.Pager, d.Items = res.Total, res.MoreThan, keysetPager(r.URL, query.Page, res.Total, res.Next), inboxItems(res.Items, w.svc.Now(), w.svc.Location())
	}
	p.Title = i18n.T(p.Lang, "web.inbox.title_all")
	if d.UnitName != "" {
		p.Title = i18n.T(p.Lang, "web.inbox.title_unit", d.UnitName)
	}
	p.Nav = "inbox"
	p.Wide = true
	p.Flash = staffFlash(p.Lang, q)
	p.Data = d
	w.render(rw, r, p, "staff_inbox", code)
	return nil
}

// chosenTab is the tab asked for and the status it lists; an unknown tab
// is officers' new reports, or everything for the others. The tab "all"
// lists the status chosen in the filters.
func chosenTab(q url.Values, officer bool) (tab, status string) {
	tab = q.Get("tab")
	for _, t := range inboxTabs {
		if t.name == tab {
			if tab == "all" {
				return tab, q.Get("status")
			}
			return tab, t.status
		}
	}
	if officer {
		return "new", string(domain.StatusDispositioned)
	}
	return "all", q.Get("status")
}

// countedTabs are the tabs with how many reports each holds under the
// same filters (-1 when that cannot be counted) and a link keeping them.
func (w *Web) countedTabs(r *http.Request, v service.Viewer, query service.InboxQuery, current string) []inboxTab {
	q := r.URL.Query()
	statuses := make([]string, len(inboxTabs))
	for i, t := range inboxTabs {
		statuses[i] = t.status
	}
	counts, err := w.svc.InboxCounts(r.Context(), v, query, statuses)
	var tabs []inboxTab
	for i, t := range inboxTabs {
		count := -1 // a query the page shows as an error counts nothing
		if err == nil {
			count = counts[i].Total
		}
		link := url.Values{"tab": {t.name}}
		for _, k := range []string{"q", "kind", "unit", "sort", "overdue", "kecamatan"} {
			if x := q.Get(k); x != "" {
				link.Set(k, x)
			}
		}
		tabs = append(tabs, inboxTab{Name: t.name, URL: "/staf/kotak-masuk?" + encodeQuery(link), Count: count, Current: t.name == current})
	}
	return tabs
}

// inboxItems are the rows of the inbox, each with when it last changed.
func inboxItems(items []service.InboxItem, now time.Time, loc *time.Location) []listItem {
	var out []listItem
	for _, it := range items {
		li := listItem{Report: it.Report, Unit: it.Unit, Category: it.Category, When: it.Report.UpdatedAt, WhenKey: "web.inbox.updated", WaitKey: "web.inbox.ago"}
		// The stored deadline: it counts pauses, settings and holidays,
		// and does not move when a note or a reminder is added.
		if it.Report.Status.Open() {
			li.DueAt = it.Report.Schedule.DueAt
		}
		li.markDue(it.Report, now, loc)
		out = append(out, li)
	}
	return out
}
