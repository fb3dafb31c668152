package service

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// Citizen accounts are kept so that a copy of the database cannot tie an
// account to a report (issue 9, item 4): the e-mail is sealed and found by
// a keyed digest; a link to a report carries a keyed tag of the account
// and the link's number instead of the account; session and account times
// are days, not moments. The digests use a random secret stored sealed in
// the database (so a key rotation re-seals it and the digests stay).

// lookupSecretName names the secret in instance_secrets.
const lookupSecretName = "lookup"

// dayGrain is how finely a citizen's account and session times are kept.
const dayGrain = 24 * time.Hour

// linkBatch is how many link tags of an account are asked for at once.
const linkBatch = 16

type lookupHolder struct {
	mu     sync.Mutex
	secret []byte
}

func secretAAD(name string) []byte         { return []byte("secret:" + name) }
func citizenEmailAAD(lookup string) []byte { return []byte("citizen-email:" + lookup) }
func accountRefAAD(tag string) []byte      { return []byte("account-ref:" + tag) }

// coarse is t to the day (UTC): what a citizen's account and sessions keep.
func coarse(t time.Time) time.Time { return t.UTC().Truncate(dayGrain) }

// lookupSecret returns the instance's digest secret, creating it on first
// use; two nodes creating it at once agree on the one stored first.
func (s *Service) lookupSecret(ctx context.Context) ([]byte, error) {
	h := s.lookup
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.secret != nil {
		return h.secret, nil
	}
	sealed, err := s.store.InstanceSecret(ctx, lookupSecretName)
	if errors.Is(err, domain.ErrNotFound) {
		fresh := make([]byte, 32)
		if _, err := rand.Read(fresh); err != nil {
			return nil, err
		}
		if err := s.store.AddInstanceSecret(ctx, lookupSecretName, s.sealer.Seal(fresh, secretAAD(lookupSecretName))); err != nil {
			return nil, err
		}
		sealed, err = s.store.InstanceSecret(ctx, lookupSecretName)
	}
	if err != nil {
		return nil, err
	}
	secret, err := s.sealer.Open(sealed, secretAAD(lookupSecretName))
	if err != nil {
		return nil, fmt.Errorf("open the instance's lookup secret: %w", err)
	}
	h.secret = secret
	return secret, nil
}

// lookupDigest is a keyed digest of data for one purpose.
func (s *Service) lookupDigest(ctx context.Context, purpose, data string) (string, error) {
	secret, err := s.lookupSecret(ctx)
	if err != nil {
		return "", err
	}
	derive := hmac.New(sha256.New, secret)
	derive.Write([]byte("lapor lookup\x00" + purpose))
	mac := hmac.New(sha256.New, derive.Sum(nil))
	mac.Write([]byte(data))
	return hex.EncodeToString(mac.Sum(nil)), nil
}

func (s *Service) emailLookup(ctx context.Context, email string) (string, error) {
	return s.lookupDigest(ctx, "citizen-email", email)
}

// linkTags are the tags of an account's links number from to from+n-1.
func (s *Service) linkTags(ctx context.Context, accountID int64, from, n int) ([]string, error) {
	out := make([]string, n)
	for i := range out {
		tag, err := s.lookupDigest(ctx, "account-link", strconv.FormatInt(accountID, 10)+":"+strconv.Itoa(from+i))
		if err != nil {
			return nil, err
		}
		out[i] = tag
	}
	return out, nil
}

// accountLinks returns every link of an account: its tags are numbered
// from 0 without gaps (a link is never removed), so the walk stops at the
// first batch that is not full.
func (s *Service) accountLinks(ctx context.Context, accountID int64) ([]store.AccountReport, error) {
	var out []store.AccountReport
	for from := 0; ; from += linkBatch {
		tags, err := s.linkTags(ctx, accountID, from, linkBatch)
		if err != nil {
			return nil, err
		}
		found, err := s.store.AccountReportsByTag(ctx, tags)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
		if len(found) < linkBatch {
			return out, nil
		}
	}
}

// addLink stores a sealed reference under the account's next free tag;
// link(tag) seals for that tag, and store writes it (ErrTagTaken: the
// next number is tried).
func (s *Service) addLink(ctx context.Context, accountID int64, write func(tag string) error) error {
	links, err := s.accountLinks(ctx, accountID)
	if err != nil {
		return err
	}
	for n := len(links); n < len(links)+64; n++ {
		tags, err := s.linkTags(ctx, accountID, n, 1)
		if err != nil {
			return err
		}
		if err := write(tags[0]); !errors.Is(err, store.ErrTagTaken) {
			return err
		}
	}
	return errors.New("no free link tag for the account")
}
