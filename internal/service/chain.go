package service

import (
	"context"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// RekeyPlainChains upgrades the timelines written before the chain was
// keyed: each one whose plain hashes still check out gets a re-key step
// (domain.RekeyHash) that seals its events so far, its submitted content
// and its files under key; the events after it are keyed as they are
// written. A timeline already broken is left as it is, for the audit to
// name. It returns how many timelines were sealed.
func RekeyPlainChains(ctx context.Context, st *store.Store, key domain.ChainKey) (int, error) {
	return st.RekeyPlainChains(ctx, func(r store.ChainReport, events []domain.Event) (store.ChainRekey, bool) {
		n := 0
		for n < len(events) && events[n].Chain == domain.ChainPlain {
			n++
		}
		if n < len(events) || checkChain(nil, r, events) != nil {
			// Keyed events after plain ones without a re-key step are not
			// Lapor's writing: seal nothing, the audit reports it.
			return store.ChainRekey{}, false
		}
		submittedTitle, _, _ := domain.ReplayContent(r.Title, events)
		content := r.Content
		content.Title = submittedTitle
		files := make([]domain.FileDigest, len(r.Files))
		for i, f := range r.Files {
			files[i] = f.FileDigest
		}
		return store.ChainRekey{Seq: n, Hash: domain.RekeyHash(key, r.TrackingID, n, events[n-1].Hash, content, files)}, true
	})
}
