package service

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
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
// addresses have accounts; the new account then signs in. An address
// that has one keeps it unchanged.
func (s *Service) RegisterCitizen(ctx context.Context, email, password string) (err error) {
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
	c := domain.Citizen{Email: email, PasswordHash: hash, CreatedAt: s.now()}
	if err := s.store.CreateCitizen(ctx, &c); err != nil && !errors.Is(err, store.ErrEmailTaken) {
		return err
	}
	return nil
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
	c, err := s.store.CitizenByEmail(ctx, email)
	if errors.Is(err, domain.ErrNotFound) {
		auth.VerifyDummy(password)
		return "", nil, loginFailed()
	} else if err != nil {
		return "", nil, err
	}
	if !auth.VerifyPassword(c.PasswordHash, password) {
		return "", nil, loginFailed()
	}
	if err := s.store.ClearLoginAttempts(ctx, key); err != nil {
		return "", nil, err
	}
	token, err := s.openSession(ctx, citizenSessions, c.ID)
	if err != nil {
		return "", nil, err
	}
	return token, &c, nil
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
	return &c, nil
}

// LogoutCitizen ends one citizen session.
func (s *Service) LogoutCitizen(ctx context.Context, token string) (err error) {
	defer domain.Wrap(&err, "service.LogoutCitizen")
	return s.closeSession(ctx, citizenSessions, token)
}

// accountRef is what a sealed account reference holds: the tracking ID
// and the receipt, so the account can act as the reporter.
type accountRef struct {
	TrackingID string `json:"t"`
	Receipt    string `json:"r"`
}

func accountAAD(accountID int64) []byte {
	return []byte("account:" + strconv.FormatInt(accountID, 10))
}

// sealAccountRef seals a report reference for an account; only this
// instance's keys open it, and only for the same account.
func (s *Service) sealAccountRef(accountID int64, trackingID, receipt string) []byte {
	pt, _ := json.Marshal(accountRef{TrackingID: trackingID, Receipt: receipt})
	return s.sealer.Seal(pt, accountAAD(accountID))
}

func (s *Service) openAccountRef(accountID int64, sealed []byte) (accountRef, error) {
	var ref accountRef
	pt, err := s.sealer.Open(sealed, accountAAD(accountID))
	if err != nil {
		return ref, err
	}
	err = json.Unmarshal(pt, &ref)
	return ref, err
}

// submitForAccount files a report and links it to a citizen account. The
// report itself never holds the account: the link is a sealed reference in
// account_reports, so neither staff nor a copy of the database can tie an
// anonymous report to an account's e-mail.
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
	if _, err := s.store.LinkAccountReport(ctx, accountID, s.sealAccountRef(accountID, rc.TrackingID, rc.Receipt)); err != nil {
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
	refs, err := s.store.AccountReports(ctx, accountID)
	if err != nil {
		return nil, err
	}
	var out []MyReport
	for _, ar := range refs {
		ref, err := s.openAccountRef(accountID, ar.SealedRef)
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
	ar, err := s.store.AccountReportByID(ctx, accountID, ref)
	if err != nil {
		return "", "", err
	}
	r, err := s.openAccountRef(accountID, ar.SealedRef)
	if err != nil {
		return "", "", domain.ErrNotFound
	}
	return r.TrackingID, r.Receipt, nil
}
