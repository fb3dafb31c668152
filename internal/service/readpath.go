package service

import (
	"context"

	"github.com/lapor-id/lapor/internal/store"
)

// publicRead lets the reads of an anonymous visitor come from a read
// replica (store.PublicRead), which may be a moment behind. A staff
// member, a citizen, a reporter with the receipt and the system read the
// primary, so each sees its own writes at once.
func publicRead(ctx context.Context, v Viewer) context.Context {
	if anonymous(v) && ctx.Value(freshKey{}) == nil {
		return store.PublicRead(ctx)
	}
	return ctx
}

type freshKey struct{}

// Fresh asks that the reads of ctx see what was just written: the page a
// visitor sees right after pressing Dukung reads the primary, so it shows
// their support.
func Fresh(ctx context.Context) context.Context { return context.WithValue(ctx, freshKey{}, true) }

// anonymous reports whether v is a visitor nobody knows: no staff
// member, citizen account, receipt or the system.
func anonymous(v Viewer) bool {
	return v.User == nil && v.Citizen == nil && v.ReceiptHash == "" && !v.system
}
