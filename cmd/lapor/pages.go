package main

import (
	"log/slog"

	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
)

// serverOptions wires the optional parts of the server.
func serverOptions(svc *service.Service, log *slog.Logger) server.Options {
	return server.Options{Logger: log}
}
