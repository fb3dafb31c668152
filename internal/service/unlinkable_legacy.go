package service

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/lapor-id/lapor/internal/store"
)

// convertLegacyAccounts seals what accounts made before they were
// unlinkable left in clear: each e-mail becomes its digest and sealed form,
// each link loses its account for a tag. It runs at start, in batches; a
// second node or a second start finds nothing left to do. (SQLite keeps
// the old bytes in free pages until they are reused: `VACUUM` after the
// upgrade clears them; the README says so.)
func (s *Service) convertLegacyAccounts(ctx context.Context) error {
	sealed, linked := 0, 0
	for {
		batch, err := s.store.LegacyCitizens(ctx)
		if err != nil || len(batch) == 0 {
			if err != nil {
				return err
			}
			break
		}
		for _, c := range batch {
			lookup, err := s.emailLookup(ctx, c.EmailLookup)
			if err != nil {
				return err
			}
			if err := s.store.SealLegacyCitizen(ctx, c.ID, lookup, s.sealer.Seal([]byte(c.EmailLookup), citizenEmailAAD(lookup))); err != nil {
				return err
			}
			sealed++
		}
	}
	for {
		batch, err := s.store.LegacyLinks(ctx)
		if err != nil || len(batch) == 0 {
			if err != nil {
				return err
			}
			break
		}
		for _, l := range batch {
			if err := s.unlinkLegacy(ctx, l); err != nil {
				return err
			}
			linked++
		}
	}
	if sealed+linked > 0 {
		s.log.Info("sealed the accounts of an earlier version", "accounts", sealed, "links", linked)
	}
	return nil
}

// legacyRef is what a link sealed before held, bound to its account id.
type legacyRef struct {
	TrackingID string `json:"t"`
	Receipt    string `json:"r"`
}

func (s *Service) unlinkLegacy(ctx context.Context, l store.LegacyLink) error {
	pt, err := s.sealer.Open(l.SealedRef, []byte(fmt.Sprintf("account:%d", l.AccountID)))
	if err != nil {
		return fmt.Errorf("open the link %d of an earlier version: %w", l.ID, err)
	}
	var old legacyRef
	if err := json.Unmarshal(pt, &old); err != nil {
		return fmt.Errorf("read the link %d of an earlier version: %w", l.ID, err)
	}
	ref := accountRef{AccountID: l.AccountID, TrackingID: old.TrackingID, Receipt: old.Receipt}
	return s.addLink(ctx, l.AccountID, func(tag string) error {
		return s.store.UnlinkLegacyLink(ctx, l.ID, tag, s.sealAccountRef(tag, ref))
	})
}
