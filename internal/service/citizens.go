package service

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/store"
)

// Citizen sessions last longer than staff ones: a phone stays logged in.
const (
	CitizenSessionMax  = 30 * 24 * time.Hour
	CitizenSessionIdle = 14 * 24 * time.Hour
)

// Now is the service's current time (its injected clock), for pages that
// show how long ago something happened or when it is due.
func (s *Service) Now() time.Time { return s.now() }

// RegisterCitizen creates an optional reporter account. It answers the
// same whether or not the address already has one (and takes as long:
// the password is hashed either way), so registering tells nobody which
// addresses have accounts: "check your e-mail". A new account is sent a
// verification link (in lang) and signs in once it is followed; an
// account not yet verified is sent a new link; an address whose account
// is verified keeps it unchanged and is sent nothing.
func (s *Service) RegisterCitizen(ctx context.Context, email, password string, lang i18n.Lang) (err error) {
	defer domain.Wrap(&err, "service.RegisterCitizen")
	email = strings.ToLower(strings.TrimSpace(email))
	f := domain.FieldErrors{}
	if email == "" {
		f.Add("email", "field.required")
	} else if !domain.ValidEmail(email) {
		f.Add("email", "field.email.invalid")
	}
	if err := auth.CheckPassword(password); err != nil {
		f.Add("password", "field.password.weak")
	}
	if err := f.Err(); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	id, verified, err := s.createCitizen(ctx, email, hash)
	if err != nil || verified {
		return err
	}
	if !i18n.Valid(string(lang)) {
		lang = i18n.ID
	}
	return s.sendVerification(ctx, id, email, lang)
}

// createCitizen stores an account with its e-mail sealed (bound to its
// digest, so the sealed address of one row does not open in another). The
// day it was made is all it keeps of the time, so it cannot be matched
// against a report filed at once from it.
// It returns the account's id, new or not, and whether it is verified.
func (s *Service) createCitizen(ctx context.Context, email, hash string) (int64, bool, error) {
	lookup, err := s.emailLookup(ctx, email)
	if err != nil {
		return 0, false, err
	}
	c := store.Citizen{EmailLookup: lookup, SealedEmail: s.sealer.Seal([]byte(email), citizenEmailAAD(lookup)),
		PasswordHash: hash, CreatedAt: coarse(s.now())}
	err = s.store.CreateCitizen(ctx, &c)
	if errors.Is(err, store.ErrEmailTaken) {
		old, err := s.store.CitizenByLookup(ctx, lookup)
		return old.ID, old.Verified, err
	}
	return c.ID, false, err
}

// LoginCitizen checks an account's credentials and opens a session.
func (s *Service) LoginCitizen(ctx context.Context, email, password string) (_ string, _ *domain.Citizen, err error) {
	defer domain.Wrap(&err, "service.LoginCitizen")
	email = strings.ToLower(strings.TrimSpace(email))
	f := domain.FieldErrors{}
	if email == "" {
		f.Add("email", "field.required")
	}
	if password == "" {
		f.Add("password", "field.required")
	}
	if err := f.Err(); err != nil {
		return "", nil, err
	}
	if len(email) > domain.MaxEmail || len(password) > auth.MaxPasswordLen*4 {
		return "", nil, domain.Errorf(domain.CodeUnauthorized, "error.login_failed")
	}
	key, err := s.admitLogin(ctx, citizenAccount, email)
	if err != nil {
		return "", nil, err
	}
	lookup, err := s.emailLookup(ctx, email)
	if err != nil {
		return "", nil, err
	}
	c, err := s.store.CitizenByLookup(ctx, lookup)
	if errors.Is(err, domain.ErrNotFound) {
		auth.VerifyDummy(password)
		return "", nil, loginFailed()
	} else if err != nil {
		return "", nil, err
	}
	if !auth.VerifyPassword(c.PasswordHash, password) {
		return "", nil, loginFailed()
	}
	if !c.Verified {
		// Only the holder of the password learns that the address awaits its link.
		return "", nil, domain.Errorf(domain.CodeUnauthorized, "error.account_unverified")
	}
	if err := s.store.ClearLoginAttempts(ctx, key); err != nil {
		return "", nil, err
	}
	token, err := s.openSession(ctx, citizenSessions, c.ID)
	if err != nil {
		return "", nil, err
	}
	return token, &domain.Citizen{ID: c.ID, Email: email, CreatedAt: c.CreatedAt}, nil
}

// AuthenticateCitizen returns the account a session token belongs to.
func (s *Service) AuthenticateCitizen(ctx context.Context, token string) (_ *domain.Citizen, err error) {
	defer domain.Wrap(&err, "service.AuthenticateCitizen")
	id, err := s.checkSession(ctx, citizenSessions, token)
	if err != nil {
		return nil, err
	}
	c, err := s.store.CitizenByID(ctx, id)
	if err != nil {
		return nil, domain.ErrUnauthorized
	}
	email, err := s.sealer.Open(c.SealedEmail, citizenEmailAAD(c.EmailLookup))
	if err != nil {
		s.log.Error("open a citizen's e-mail", "err", err)
		return nil, domain.ErrUnauthorized
	}
	return &domain.Citizen{ID: c.ID, Email: string(email), CreatedAt: c.CreatedAt}, nil
}

// LogoutCitizen ends one citizen session.
func (s *Service) LogoutCitizen(ctx context.Context, token string) (err error) {
	defer domain.Wrap(&err, "service.LogoutCitizen")
	return s.closeSession(ctx, citizenSessions, token)
}

// accountRef is what a sealed account reference holds: the account (so a
// link opens only for it), the tracking ID and the receipt, so the account
// can act as the reporter.
type accountRef struct {
	AccountID  int64  `json:"a"`
	TrackingID string `json:"t"`
	Receipt    string `json:"r"`
}

// sealAccountRef seals a report reference for an account under a link's
// tag; only this instance's keys open it.
func (s *Service) sealAccountRef(tag string, ref accountRef) []byte {
	pt, _ := json.Marshal(ref)
	return s.sealer.Seal(pt, accountRefAAD(tag))
}

// openAccountRef opens a link of accountID; another account's link does
// not open.
func (s *Service) openAccountRef(accountID int64, ar store.AccountReport) (accountRef, error) {
	var ref accountRef
	pt, err := s.sealer.Open(ar.SealedRef, accountRefAAD(ar.Tag))
	if err != nil {
		return ref, err
	}
	if err := json.Unmarshal(pt, &ref); err != nil {
		return ref, err
	}
	if ref.AccountID != accountID {
		return accountRef{}, domain.ErrNotFound
	}
	return ref, nil
}

// submitForAccount files a report and links it to a citizen account. The
// report itself never holds the account: the link is a sealed reference in
// account_reports under a tag only the instance can compute, so neither
// staff nor a copy of the database can tie an anonymous report to an
// account.
func (s *Service) submitForAccount(ctx context.Context, accountID int64, sub domain.Submission, uploads []Upload) (Receipt, error) {
	if _, err := s.store.CitizenByID(ctx, accountID); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return Receipt{}, domain.ErrUnauthorized
		}
		return Receipt{}, err
	}
	rc, err := s.submit(ctx, sub, uploads)
	if err != nil {
		return rc, err
	}
	ref := accountRef{AccountID: accountID, TrackingID: rc.TrackingID, Receipt: rc.Receipt}
	err = s.addLink(ctx, accountID, func(tag string) error {
		_, err := s.store.LinkAccountReport(ctx, tag, s.sealAccountRef(tag, ref))
		return err
	})
	if err != nil {
		// The report is filed and the reporter holds the receipt; only
		// the convenience of the list is lost.
		s.log.Error("link report to account", "err", err)
	}
	return rc, nil
}

// MyReport is one entry of a citizen's "Laporan saya".
type MyReport struct {
	Ref        int64 // id of the link, for MyReportReceipt
	TrackingID string
	Report     *domain.Report
}

// MyReports lists the reports filed from an account, newest first.
func (s *Service) MyReports(ctx context.Context, v Viewer) (_ []MyReport, err error) {
	defer domain.Wrap(&err, "service.MyReports")
	if err := authorize(v, domain.PermOwnReports); err != nil {
		return nil, err
	}
	accountID := v.Citizen.ID
	refs, err := s.accountLinks(ctx, accountID)
	if err != nil {
		return nil, err
	}
	var out []MyReport
	for _, ar := range refs {
		ref, err := s.openAccountRef(accountID, ar)
		if err != nil {
			s.log.Error("open account reference", "err", err)
			continue
		}
		r, err := s.store.ReportByTrackingID(ctx, ref.TrackingID)
		if err != nil {
			if errors.Is(err, domain.ErrNotFound) {
				continue
			}
			return nil, err
		}
		out = append(out, MyReport{Ref: ar.ID, TrackingID: ref.TrackingID, Report: r})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Report.CreatedAt.After(out[j].Report.CreatedAt) })
	return out, nil
}

// MyReportReceipt returns the tracking ID and receipt of a report linked to
// the account, so the account holder can act as its reporter.
func (s *Service) MyReportReceipt(ctx context.Context, v Viewer, ref int64) (_ string, _ string, err error) {
	defer domain.Wrap(&err, "service.MyReportReceipt(%v)", ref)
	if err := authorize(v, domain.PermOwnReports); err != nil {
		return "", "", err
	}
	accountID := v.Citizen.ID
	ar, err := s.store.AccountReportByID(ctx, ref)
	if err != nil {
		return "", "", err
	}
	r, err := s.openAccountRef(accountID, ar)
	if err != nil {
		return "", "", domain.ErrNotFound
	}
	return r.TrackingID, r.Receipt, nil
}
