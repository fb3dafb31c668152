package store

import (
	"context"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// PublicPoint is a public report with a map point, as the public map
// shows it.
type PublicPoint struct {
	TrackingID string
	Title      string
	Status     domain.Status
	Lat, Lon   float64
}

// newestPublic is the FROM of the walks of public reports in id order:
// on SQLite along the primary key (a planner that took an index of the
// public filter instead would sort every public report for a page).
func (s *Store) newestPublic() string {
	if s.dialect == SQLite {
		return "reports NOT INDEXED"
	}
	return "reports"
}

// PublicPoints returns up to limit public reports (verified, not
// confidential) that have a map point, newest first.
func (s *Store) PublicPoints(ctx context.Context, limit int) (_ []PublicPoint, err error) {
	defer domain.Wrap(&err, "store.PublicPoints")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT tracking_id, title, status, lat, lon FROM `+s.newestPublic()+`
		WHERE confidential = ? AND status IN (`+publicStatuses+`) AND lat IS NOT NULL AND lon IS NOT NULL
		ORDER BY id DESC LIMIT ?`), false, limit)
	return collect(rows, err, func(row interface{ Scan(...any) error }) (PublicPoint, error) {
		var p PublicPoint
		var st string
		err := row.Scan(&p.TrackingID, &p.Title, &st, &p.Lat, &p.Lon)
		p.Status = domain.Status(st)
		return p, err
	})
}

// PlaceCount is how many public reports name a place (kecamatan and
// kelurahan as the report names them, "" for none).
type PlaceCount struct {
	Kecamatan, Kelurahan string
	N                    int
}

// PublicPlaces counts the public reports of each place, by kecamatan and
// kelurahan: one pass over the index reports_public_places, in its order.
func (s *Store) PublicPlaces(ctx context.Context) (_ []PlaceCount, err error) {
	defer domain.Wrap(&err, "store.PublicPlaces")
	from := "reports"
	if s.dialect == SQLite {
		from = "reports INDEXED BY reports_public_places"
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT kecamatan, kelurahan, COUNT(*) FROM `+from+`
		WHERE confidential = ? AND status IN (`+publicStatuses+`)
		GROUP BY kecamatan, kelurahan ORDER BY kecamatan, kelurahan`), false)
	return collect(rows, err, func(row interface{ Scan(...any) error }) (PlaceCount, error) {
		var p PlaceCount
		err := row.Scan(&p.Kecamatan, &p.Kelurahan, &p.N)
		return p, err
	})
}

// PlaceReport is a public report with the place it names.
type PlaceReport struct {
	Kecamatan, Kelurahan string
	TrackingID, Title    string
	Status               domain.Status
}

// PublicNewest hands fn the public reports newest first, up to limit,
// until fn answers false.
func (s *Store) PublicNewest(ctx context.Context, limit int, fn func(PlaceReport) bool) (err error) {
	defer domain.Wrap(&err, "store.PublicNewest")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT kecamatan, kelurahan, tracking_id, title, status FROM `+s.newestPublic()+`
		WHERE confidential = ? AND status IN (`+publicStatuses+`) ORDER BY id DESC LIMIT ?`), false, limit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p PlaceReport
		var st string
		if err := rows.Scan(&p.Kecamatan, &p.Kelurahan, &p.TrackingID, &p.Title, &st); err != nil {
			return err
		}
		p.Status = domain.Status(st)
		if !fn(p) {
			return nil
		}
	}
	return rows.Err()
}

// NewestReports returns up to f.Limit (at most 200) reports f matches,
// newest filed first, without counting them: for the feeds. Without a
// unit to narrow it, SQLite walks the index of filing time and stops at
// the limit; its planner, left to itself, may take an index of the status
// and sort every public report instead.
func (s *Store) NewestReports(ctx context.Context, f Filter) (_ []*domain.Report, err error) {
	defer domain.Wrap(&err, "store.NewestReports")
	cond, args, none := s.reportsWhere(f)
	if none {
		return nil, nil
	}
	from := "reports"
	if s.dialect == SQLite && f.UnitIDs == nil {
		from = "reports INDEXED BY reports_created"
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 20
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT `+reportColumns+` FROM `+from+cond+` ORDER BY created_at DESC, id DESC LIMIT ?`),
		append(args, f.Limit)...)
	return collect(rows, err, scanReport)
}

// PublicAddresses hands fn the tracking ID and last change of each public
// report with an id in [from, end), in id order: one range of the primary
// key, no other column read, for a sitemap file.
func (s *Store) PublicAddresses(ctx context.Context, from, end int64, fn func(trackingID string, updated time.Time) error) (err error) {
	defer domain.Wrap(&err, "store.PublicAddresses")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT tracking_id, updated_at FROM `+s.newestPublic()+`
		WHERE id >= ? AND id < ? AND confidential = ? AND status IN (`+publicStatuses+`) ORDER BY id`), from, end, false)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var at int64
		if err := rows.Scan(&id, &at); err != nil {
			return err
		}
		if err := fn(id, fromMicro(at)); err != nil {
			return err
		}
	}
	return rows.Err()
}
