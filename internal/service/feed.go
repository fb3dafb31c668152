package service

import (
	"context"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// The public feeds (/feed.atom, per unit, per category) and the sitemap:
// what the public list shows, with the text masked as on the report's
// page (maskPublicView) and the reporter named only when they chose so.

// FeedLength is how many reports a feed carries, newest first.
const FeedLength = 50

// feedSummary bounds the part of a report's text a feed entry carries.
const feedSummary = 600

// FeedEntry is one public report in a feed.
type FeedEntry struct {
	TrackingID string
	Title      string // masked
	Summary    string // the beginning of the text, masked
	Kind       domain.Kind
	Status     domain.Status
	Unit       *domain.Unit
	Category   *domain.Category
	Author     string // the reporter's name when they chose to show it; else ""
	Published  time.Time
	Updated    time.Time
}

// Feed is the newest public reports of a unit, a category, or all.
type Feed struct {
	Unit     *domain.Unit     // the unit asked for, with its sub-units
	Category *domain.Category // the category asked for, with those under it
	Entries  []FeedEntry
	Updated  time.Time // the newest entry's, or now when there is none
}

// PublicFeed lists the newest public reports for a feed; q.Unit and
// q.Category narrow it (an unknown code: field.unit.unknown,
// field.category.unknown), its other fields are ignored.
func (s *Service) PublicFeed(ctx context.Context, v Viewer, q PublicQuery) (_ *Feed, err error) {
	defer domain.Wrap(&err, "service.PublicFeed")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return nil, err
	}
	units, cats, err := s.publicDirectory(ctx)
	if err != nil {
		return nil, err
	}
	filter, err := s.publicFilter(PublicQuery{Unit: q.Unit, Category: q.Category}, units, cats)
	if err != nil {
		return nil, err
	}
	filter.Limit = FeedLength
	reports, err := s.store.NewestReports(ctx, filter)
	if err != nil {
		return nil, err
	}
	unitByID, catByID := map[int64]*domain.Unit{}, map[int64]*domain.Category{}
	out := &Feed{Updated: s.now()}
	for i := range units {
		unitByID[units[i].ID] = &units[i]
		if q.Unit != "" && units[i].Code == domain.NormalizeCode(q.Unit) {
			out.Unit = &units[i]
		}
	}
	for i := range cats {
		catByID[cats[i].ID] = &cats[i]
		if q.Category != "" && cats[i].Code == domain.NormalizeCode(q.Category) {
			out.Category = &cats[i]
		}
	}
	for i, r := range reports {
		if r.Confidential || !r.Status.Public() { // the filter keeps them out; never rely on one fence
			continue
		}
		e := FeedEntry{TrackingID: r.TrackingID, Title: domain.MaskPersonal(r.Title), Summary: summary(domain.MaskPersonal(r.Body)),
			Kind: r.Kind, Status: r.Status, Published: r.CreatedAt, Updated: r.UpdatedAt}
		if r.UnitID != nil {
			e.Unit = unitByID[*r.UnitID]
		}
		if r.CategoryID != nil {
			e.Category = catByID[*r.CategoryID]
		}
		if r.ShowName && !r.Anonymous {
			if id, err := s.openIdentity(r); err == nil && id != nil {
				e.Author = id.Name
			}
		}
		if i == 0 || e.Updated.After(out.Updated) {
			out.Updated = e.Updated
		}
		out.Entries = append(out.Entries, e)
	}
	return out, nil
}

// summary is the beginning of a text, cut at a word.
func summary(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= feedSummary {
		return text
	}
	cut := string(r[:feedSummary])
	if i := strings.LastIndexByte(cut, ' '); i > feedSummary/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// SitemapPageSize is the most addresses one sitemap file holds (the
// sitemaps protocol's limit).
const SitemapPageSize = 50000

// SitemapEntry is a public report's address in the sitemap.
type SitemapEntry struct {
	TrackingID string
	Updated    time.Time
}

// SitemapPages is how many sitemap files of reports there are: file n
// holds the public reports whose id is in [n*SitemapPageSize,
// (n+1)*SitemapPageSize), so no file is ever over the limit and none
// needs counting.
func (s *Service) SitemapPages(ctx context.Context, v Viewer) (_ int, err error) {
	defer domain.Wrap(&err, "service.SitemapPages")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return 0, err
	}
	last, err := s.store.LastReportID(ctx)
	if err != nil {
		return 0, err
	}
	return int(last/SitemapPageSize) + 1, nil
}

// Sitemap hands fn the public reports of sitemap file n, in id order.
func (s *Service) Sitemap(ctx context.Context, v Viewer, n int, fn func(SitemapEntry) error) (err error) {
	defer domain.Wrap(&err, "service.Sitemap(%d)", n)
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return err
	}
	if n < 0 {
		return domain.ErrNotFound
	}
	return s.store.PublicAddresses(ctx, int64(n)*SitemapPageSize, int64(n+1)*SitemapPageSize, func(id string, at time.Time) error {
		return fn(SitemapEntry{TrackingID: id, Updated: at})
	})
}
