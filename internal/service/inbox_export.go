package service

import (
	"context"

	"github.com/lapor-id/lapor/internal/domain"
)

// ExportCap is the most reports one export of the inbox holds.
const ExportCap = 10000

// InboxExport lists every report of an inbox query, up to ExportCap, in
// the query's order, for a CSV or XLSX file; more is true when the
// query matches more than that. It reads page after page by cursor, so a
// report filed meanwhile neither repeats one nor pushes one out. The
// items carry what the inbox shows, which never includes a reporter's
// identity.
func (s *Service) InboxExport(ctx context.Context, v Viewer, q InboxQuery) (items []InboxItem, more bool, err error) {
	defer domain.Wrap(&err, "service.InboxExport")
	q.Page, q.PerPage, q.After = 1, 100, ""
	for {
		page, err := s.Inbox(ctx, v, q)
		if err != nil {
			return nil, false, err
		}
		items = append(items, page.Items...)
		if len(items) >= ExportCap {
			return items[:ExportCap], len(items) > ExportCap || page.Next != "", nil
		}
		if page.Next == "" {
			return items, false, nil
		}
		q.After = page.Next
		q.Page++
	}
}
