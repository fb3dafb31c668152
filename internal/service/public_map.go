package service

import (
	"context"
	"sync"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// The public map (/peta): the public reports that have a map point, for
// the clustered markers, and the public reports by kecamatan and
// kelurahan, for the list that works without JavaScript or a tile server.

// MaxMapPoints bounds the markers of the map: the newest public reports
// with a point.
const MaxMapPoints = 20000

// PlacePreview is how many of each kelurahan's newest reports the list of
// places names, found among the placeWalk newest public reports.
const (
	PlacePreview = 5
	placeWalk    = 50000
)

// mapCacheFrom is how many points or places make them worth keeping for
// mapCacheTTL instead of reading them at every request.
const (
	mapCacheFrom = 2000
	mapCacheTTL  = 2 * time.Minute
)

// MapPoint is a public report on the map; its title masked.
type MapPoint struct {
	TrackingID string
	Title      string
	Status     domain.Status
	Lat, Lon   float64
}

// MapPoints are the markers of the public map.
type MapPoints struct {
	Points    []MapPoint
	Truncated bool // there are more than MaxMapPoints; the newest are given
}

// PlaceItem is one report in the list of places.
type PlaceItem struct {
	TrackingID, Title string // the title masked
	Status            domain.Status
}

// Place is a kelurahan ("" when the reports name none) with its count and
// newest reports.
type Place struct {
	Kelurahan string
	Count     int
	Reports   []PlaceItem
}

// KecamatanPlaces is a kecamatan ("" when none is named) and its places.
type KecamatanPlaces struct {
	Kecamatan string
	Count     int
	Places    []Place
}

// cached keeps one computed answer of a large instance for a while.
// When it has gone stale it is still given while one refresh runs in
// the background, so a flood of readers never waits for the computation;
// only the first reader of an instance, or after a long pause, does.
type cached[T any] struct {
	mu         sync.Mutex
	at         time.Time
	val        *T
	refreshing bool
	busy       sync.Mutex // one computation at a time
}

// staleFor is how many TTLs an answer may be given stale while it is
// refreshed; older, a reader waits for a fresh one.
const staleFor = 6

// get returns the kept answer while it is fresh (or stale, refreshing
// it), else computes it and keeps it when compute says it is big.
func (c *cached[T]) get(ctx context.Context, clock func() time.Time, ttl time.Duration, compute func(context.Context) (*T, bool, error)) (*T, error) {
	now := clock()
	c.mu.Lock()
	if v := c.val; v != nil && !now.Before(c.at) && now.Sub(c.at) < staleFor*ttl {
		if now.Sub(c.at) >= ttl && !c.refreshing {
			c.refreshing = true
			go c.refresh(context.WithoutCancel(ctx), clock, compute)
		}
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()
	c.busy.Lock()
	defer c.busy.Unlock()
	now = clock()
	c.mu.Lock()
	if v := c.val; v != nil && !now.Before(c.at) && now.Sub(c.at) < ttl { // computed while this one waited
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()
	v, big, err := compute(ctx)
	if err != nil {
		return nil, err
	}
	c.keep(v, big, now)
	return v, nil
}

func (c *cached[T]) refresh(ctx context.Context, clock func() time.Time, compute func(context.Context) (*T, bool, error)) {
	c.busy.Lock()
	defer c.busy.Unlock()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	now := clock()
	v, big, err := compute(ctx)
	c.mu.Lock()
	c.refreshing = false
	c.mu.Unlock()
	if err == nil {
		c.keep(v, big, now)
	}
}

func (c *cached[T]) keep(v *T, big bool, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.val, c.at = nil, at
	if big {
		c.val = v
	}
}

// publicCaches are the public pages' caches; copies of the service share
// them.
type publicCaches struct {
	stats  cached[PublicStats]
	points cached[MapPoints]
	places cached[[]KecamatanPlaces]
}

// PublicMapPoints lists the public reports that have a map point, newest
// first, up to MaxMapPoints.
func (s *Service) PublicMapPoints(ctx context.Context, v Viewer) (_ *MapPoints, err error) {
	defer domain.Wrap(&err, "service.PublicMapPoints")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return nil, err
	}
	return s.public.points.get(ctx, s.now, mapCacheTTL, func(ctx context.Context) (*MapPoints, bool, error) {
		pts, err := s.store.PublicPoints(ctx, MaxMapPoints+1)
		if err != nil {
			return nil, false, err
		}
		out := &MapPoints{Points: make([]MapPoint, 0, min(len(pts), MaxMapPoints)), Truncated: len(pts) > MaxMapPoints}
		for _, p := range pts[:min(len(pts), MaxMapPoints)] {
			out.Points = append(out.Points, MapPoint{TrackingID: p.TrackingID, Title: domain.MaskPersonal(p.Title),
				Status: p.Status, Lat: p.Lat, Lon: p.Lon})
		}
		return out, len(out.Points) >= mapCacheFrom, nil
	})
}

// PublicPlaces lists the public reports by kecamatan and kelurahan (as
// the reports name them, by name), each place with its count and its
// PlacePreview newest reports.
func (s *Service) PublicPlaces(ctx context.Context, v Viewer) (_ []KecamatanPlaces, err error) {
	defer domain.Wrap(&err, "service.PublicPlaces")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return nil, err
	}
	out, err := s.public.places.get(ctx, s.now, mapCacheTTL, func(ctx context.Context) (*[]KecamatanPlaces, bool, error) {
		counts, err := s.store.PublicPlaces(ctx)
		if err != nil {
			return nil, false, err
		}
		// Names are typed by reporters (or chosen from the admins' list):
		// masked as the report's page masks them.
		out := []KecamatanPlaces{}
		type key struct{ kec, kel string }
		at := map[key][2]int{}
		total := 0
		for i, c := range counts {
			if i == 0 || c.Kecamatan != counts[i-1].Kecamatan {
				out = append(out, KecamatanPlaces{Kecamatan: domain.MaskPersonal(c.Kecamatan)})
			}
			k := &out[len(out)-1]
			at[key{c.Kecamatan, c.Kelurahan}] = [2]int{len(out) - 1, len(k.Places)}
			k.Places = append(k.Places, Place{Kelurahan: domain.MaskPersonal(c.Kelurahan), Count: c.N})
			k.Count += c.N
			total += c.N
		}
		// The newest reports of each place, from one walk of the newest
		// public reports: a place named by none of the newest shows its
		// count alone.
		missing := 0
		for _, c := range counts {
			missing += min(c.N, PlacePreview)
		}
		err = s.store.PublicNewest(ctx, placeWalk, func(r store.PlaceReport) bool {
			i, ok := at[key{r.Kecamatan, r.Kelurahan}]
			if !ok {
				return true // filed since the count
			}
			p := &out[i[0]].Places[i[1]]
			if len(p.Reports) < PlacePreview {
				p.Reports = append(p.Reports, PlaceItem{TrackingID: r.TrackingID, Title: domain.MaskPersonal(r.Title), Status: r.Status})
				missing--
			}
			return missing > 0
		})
		if err != nil {
			return nil, false, err
		}
		return &out, total >= statCacheFrom, nil
	})
	if err != nil {
		return nil, err
	}
	return *out, nil
}
