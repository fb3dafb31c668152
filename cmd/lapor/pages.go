package main

import (
	"log/slog"

	"github.com/lapor-id/lapor/internal/config"
	"github.com/lapor-id/lapor/internal/ratelimit"
	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/web"
)

// serverOptions wires the optional parts of the server: the web pages, with
// their settings from v, and the rate limits.
func serverOptions(svc *service.Service, log *slog.Logger, v *config.Values, limits *ratelimit.Set) server.Options {
	return server.Options{Logger: log, Limits: limits, Pages: web.New(svc, log, webOptions(v, limits))}
}

// webOptions are the pages' settings (--tile-url, --map-center, --base-url
// ...), already checked when serve started. Cookies are marked Secure behind
// a proxy only when the request comes from one of the trusted proxies.
func webOptions(v *config.Values, limits *ratelimit.Set) web.Options {
	center := config.Get[config.MapCenter](v, "map-center")
	return web.Options{
		TileURL:         v.String("tile-url"),
		TileAttribution: v.String("tile-attribution"),
		MapLat:          center.Lat,
		MapLon:          center.Lon,
		MapZoom:         center.Zoom,
		BaseURL:         v.String("base-url"),
		MailSender:      mailSenderName(v), // worker.go
		TrustedProxy:    limits.TrustedProxy,
		DuplicateStep:   true,
	}
}
