package main

import (
	"context"
	"io"

	"github.com/lapor-id/lapor/internal/service"
)

func loadDemo(ctx context.Context, svc *service.Service, stdout io.Writer) error { return nil }

func cmdCategoriesImport(ctx context.Context, args []string, stdout io.Writer) error { return nil }
