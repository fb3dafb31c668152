package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/export"
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
	Bulk       *bulkForm // admins only
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
	Categories []catNode
	Channels   []domain.Channel
	PerPages   []int
	PerPage    int
	ExportCSV  string // the list as a file, with the same filters
	ExportXLSX string
}

// inboxFilterParams are the query parameters of the inbox's filters,
// kept in the form and in every link of the list.
var inboxFilterParams = []string{"q", "kind", "status", "unit", "kecamatan", "category", "channel", "from", "to", "sort", "overdue", "per"}

// inboxPerPages are the page sizes the inbox offers; the first is the default.
var inboxPerPages = []int{perPage, 50, 100}

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
	for _, k := range inboxFilterParams {
		if x := q.Get(k); x != "" {
			p.Form.Values.Set(k, x)
		}
	}
	units, err := w.units(r.Context())
	if err != nil {
		return err
	}
	cats, err := w.categories(r.Context())
	if err != nil {
		return err
	}
	d := inboxData{Tab: tab, Kinds: domain.Kinds, Statuses: domain.Statuses, UnitFilter: !officer, Units: unitOptions(units),
		Categories: categoryTree(cats), Channels: domain.Channels(), PerPages: inboxPerPages}
	if d.Kecamatan, err = w.kecamatanList(r.Context(), p.viewer()); err != nil {
		return err
	}
	if officer && p.Staff.UnitID != nil {
		for _, u := range units {
			if u.ID == *p.Staff.UnitID {
				d.UnitName = u.Name
			}
		}
	}
	query := inboxQuery(q, officer, status)
	query.Page = pageParam(r)
	d.PerPage = query.PerPage
	d.ExportCSV, d.ExportXLSX = exportLink(r.URL, "csv"), exportLink(r.URL, "xlsx")
	d.Tabs = w.countedTabs(r, p.viewer(), query, tab)
	query.After = q.Get("after")
	d.FirstPage = pageLink(r.URL, 0, "")
	res, err := w.svc.Inbox(r.Context(), p.viewer(), query)
	code := http.StatusOK
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		code = httperr.PageStatusOf(err)
	} else {
		d.Total, d.MoreThan, d.Pager, d.Items = res.Total, res.MoreThan, keysetPager(r.URL, query.Page, query.PerPage, res.Total, res.Next), inboxItems(res.Items, w.svc.Now(), w.svc.Location())
	}
	if d.Bulk, err = w.bulkFormFor(r, p, "inbox"); err != nil {
		return err
	}
	for i := range d.Items {
		d.Items[i].Select = d.Bulk != nil
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

// inboxQuery is the inbox's query from the filters in the URL (its page
// aside); an officer's inbox is always their own unit's.
func inboxQuery(q url.Values, officer bool, status string) service.InboxQuery {
	query := service.InboxQuery{Kind: q.Get("kind"), Q: q.Get("q"), Status: status, PerPage: inboxPerPages[0],
		Category: q.Get("category"), Channel: q.Get("channel"), From: q.Get("from"), To: q.Get("to"),
		DueFirst: q.Get("sort") == "due", Updated: q.Get("sort") != "due", Overdue: q.Get("overdue") == "1"}
	if n, err := strconv.Atoi(q.Get("per")); err == nil && slices.Contains(inboxPerPages, n) {
		query.PerPage = n
	}
	if !officer {
		query.Unit = q.Get("unit")
	}
	query.Kecamatan = service.KecamatanParam(q.Get("kecamatan"))
	return query
}

// exportLink is the inbox at u as a file in format: its filters and tab,
// without the page.
func exportLink(u *url.URL, format string) string {
	q := url.Values{"format": {format}}
	for _, k := range append([]string{"tab"}, inboxFilterParams...) {
		if x := u.Query().Get(k); x != "" && k != "per" {
			q.Set(k, x)
		}
	}
	return "/staf/kotak-masuk/unduh?" + encodeQuery(q)
}

// inboxDownload: GET /staf/kotak-masuk/unduh?format=csv|xlsx&<the inbox's
// filters>: every report the filtered inbox lists, up to
// service.ExportCap, as a file for a spreadsheet.
func (w *Web) inboxDownload(rw http.ResponseWriter, r *http.Request, p *page) error {
	q := r.URL.Query()
	format := q.Get("format")
	if format != "csv" && format != "xlsx" {
		return domain.InvalidField("format", "field.format.unknown")
	}
	officer := p.Staff.Role == domain.RoleOfficer
	_, status := chosenTab(q, officer)
	items, _, err := w.svc.InboxExport(r.Context(), p.viewer(), inboxQuery(q, officer, status))
	if err != nil {
		return err
	}
	now := w.svc.Now()
	name := "kotak-masuk-" + now.In(w.svc.Location()).Format("2006-01-02")
	return export.Write(rw, format, name, export.People, export.Inbox(items, p.Lang, w.svc.Location(), now))
}
