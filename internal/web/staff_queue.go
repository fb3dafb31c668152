package web

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

type queueData struct {
	Bulk  *bulkForm // admins only
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
	bulk, err := w.bulkFormFor(r, p, "queue")
	if err != nil {
		return err
	}
	now := w.svc.Now()
	d := queueData{Bulk: bulk, Total: res.Total, Pager: newPager(r.URL, pg, perPage, res.Total)}
	for _, it := range res.Items {
		li := listItem{Report: it.Report, Unit: it.Unit, Category: it.Category,
			When: it.Report.CreatedAt, WhenKey: "web.queue.received", WaitKey: "web.queue.waiting",
			DueAt: it.Report.Schedule.DueAt, Select: bulk != nil}
		li.markDue(it.Report, now, w.svc.Location())
		d.Items = append(d.Items, li)
	}
	p.Title = i18n.T(p.Lang, "web.queue.title")
	p.Nav = "queue"
	p.Wide = true
	p.Flash = staffFlash(p.Lang, r.URL.Query())
	p.Data = d
	w.render(rw, r, p, "staff_queue", http.StatusOK)
	return nil
}
