package main

import (
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/web"
)

// serverOptions wires the optional parts of the server: the web pages.
func serverOptions(svc *service.Service, log *slog.Logger) server.Options {
	return server.Options{Logger: log, Pages: web.New(svc, log, webOptions(log)).Register}
}

// webOptions reads the pages' settings from the environment:
//
//	LAPOR_TILE_URL          map tiles, e.g. https://tile.example.org/{z}/{x}/{y}.png (empty: no map)
//	LAPOR_TILE_ATTRIBUTION  the tile server's required credit line
//	LAPOR_MAP_CENTER        where the map opens: "lat,lon" or "lat,lon,zoom" (default Bontang)
//	LAPOR_BASE_URL          public address for QR codes, e.g. https://lapor.bontangkota.go.id
//	LAPOR_TRUST_PROXY       "1" behind a TLS proxy that sets X-Forwarded-Proto
func webOptions(log *slog.Logger) web.Options {
	o := web.Options{
		TileURL:         strings.TrimSpace(os.Getenv("LAPOR_TILE_URL")),
		TileAttribution: os.Getenv("LAPOR_TILE_ATTRIBUTION"),
		BaseURL:         strings.TrimSpace(os.Getenv("LAPOR_BASE_URL")),
	}
	switch strings.ToLower(os.Getenv("LAPOR_TRUST_PROXY")) {
	case "1", "true", "yes":
		o.TrustProxy = true
	}
	if o.TileURL != "" && (!strings.Contains(o.TileURL, "{z}") || !strings.Contains(o.TileURL, "{x}") ||
		!strings.Contains(o.TileURL, "{y}") || !(strings.HasPrefix(o.TileURL, "https://") || strings.HasPrefix(o.TileURL, "http://"))) {
		log.Warn("LAPOR_TILE_URL ignored: it must be an http(s) URL with {z}, {x} and {y}", "value", o.TileURL)
		o.TileURL = ""
	}
	if c := os.Getenv("LAPOR_MAP_CENTER"); c != "" {
		parts := strings.Split(c, ",")
		lat, err1 := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
		var lon float64
		err2 := strconv.ErrSyntax
		if len(parts) > 1 {
			lon, err2 = strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
		}
		if err1 == nil && err2 == nil && lat >= -85 && lat <= 85 && lon >= -180 && lon <= 180 {
			o.MapLat, o.MapLon = lat, lon
			if len(parts) > 2 {
				if z, err := strconv.Atoi(strings.TrimSpace(parts[2])); err == nil && z >= 3 && z <= 19 {
					o.MapZoom = z
				}
			}
		} else {
			log.Warn("LAPOR_MAP_CENTER ignored: expected lat,lon[,zoom]", "value", c)
		}
	}
	return o
}
