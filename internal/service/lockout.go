package service

import (
	"context"
	"time"
)

// Sign-in guard, one for every entrance (API, pages) and for staff and
// citizens alike. An attempt is admitted by two fences before its
// password is compared: a per-address rate (in memory, per node:
// Config.LoginLimit) and the lock-out counted in the database, shared by
// every node. Both are keyed by a digest of the address, whether or not
// an account has it, so the answers never tell which addresses exist.

// accountKind names whose sign-in is guarded.
type accountKind string

const (
	staffAccount   accountKind = "staff"
	citizenAccount accountKind = "citizen"
)

// loginKey is the digest a sign-in of kind with email is counted under.
func (s *Service) loginKey(kind accountKind, email string) string {
	return s.sealer.Digest("login:"+string(kind), []byte(email))
}

// admitLogin lets one sign-in attempt go on to its password, counting it
// first; it returns the key to clear once the attempt succeeds. A refused
// attempt gets the same answer for every address.
func (s *Service) admitLogin(ctx context.Context, kind accountKind, email string) (string, error) {
	key := s.loginKey(kind, email)
	if l := s.cfg.LoginLimit; l != nil {
		if ok, wait := l.Allow(key); !ok {
			return "", lockedError(wait)
		}
	}
	now := s.now()
	until, err := s.store.CountLoginAttempt(ctx, key, now, lockFor)
	if err != nil {
		return "", err
	}
	if until != nil {
		return "", lockedError(until.Sub(now))
	}
	return key, nil
}

// lockFor is the lock-out after failures attempts in a row: none below
// LockAfter, then a minute, doubling with each further failure up to
// MaxLock.
func lockFor(failures int) time.Duration {
	if failures < LockAfter {
		return 0
	}
	return min(time.Minute<<min(failures-LockAfter, 10), MaxLock)
}
