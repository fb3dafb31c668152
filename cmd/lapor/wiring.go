package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/lapor-id/lapor/internal/server"
	"github.com/lapor-id/lapor/internal/service"
)

// serverOptions wires the optional parts of the server.
func serverOptions(svc *service.Service, log *slog.Logger) server.Options {
	return server.Options{Logger: log}
}

func loadDemo(ctx context.Context, svc *service.Service, stdout io.Writer) error { return nil }

func cmdCategoriesImport(ctx context.Context, args []string, stdout io.Writer) error { return nil }
