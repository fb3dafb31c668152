package store

import (
	"context"
	"database/sql"

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

// PublicPoints returns up to limit public reports (verified, not
// confidential) that have a map point, newest first.
func (s *Store) PublicPoints(ctx context.Context, limit int) (_ []PublicPoint, err error) {
	defer domain.Wrap(&err, "store.PublicPoints")
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT tracking_id, title, status, lat, lon FROM reports
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

// PlaceReport is one of the newest public reports of a place (kecamatan
// and kelurahan as the report names them), with the place's count.
type PlaceReport struct {
	Kecamatan, Kelurahan string
	Count                int // public reports of the place
	TrackingID, Title    string
	Status               domain.Status
}

// PublicPlaces returns, for each place named by public reports, its
// count and its perPlace newest reports, ordered by kecamatan, kelurahan
// and newest first. One pass over the public reports (the index
// reports_public_places holds what it groups by).
func (s *Store) PublicPlaces(ctx context.Context, perPlace int) (_ []PlaceReport, err error) {
	defer domain.Wrap(&err, "store.PublicPlaces")
	// The window runs over the index's columns alone; only the few rows
	// kept are read whole.
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT x.kecamatan, x.kelurahan, x.n, r.tracking_id, r.title, r.status FROM (
			SELECT kecamatan, kelurahan, id,
				ROW_NUMBER() OVER (PARTITION BY kecamatan, kelurahan ORDER BY id DESC) AS rn,
				COUNT(*) OVER (PARTITION BY kecamatan, kelurahan) AS n
			FROM reports WHERE confidential = ? AND status IN (`+publicStatuses+`)) x
		JOIN reports r ON r.id = x.id
		WHERE x.rn <= ? ORDER BY x.kecamatan, x.kelurahan, x.rn`), false, perPlace)
	return collect(rows, err, func(row interface{ Scan(...any) error }) (PlaceReport, error) {
		var p PlaceReport
		var st string
		var n sql.NullInt64
		err := row.Scan(&p.Kecamatan, &p.Kelurahan, &n, &p.TrackingID, &p.Title, &st)
		p.Count, p.Status = int(n.Int64), domain.Status(st)
		return p, err
	})
}
