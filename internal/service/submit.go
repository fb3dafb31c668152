package service

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// Receipt is what a reporter gets back: the public tracking ID and the
// secret that lets them act on the report.
type Receipt struct {
	TrackingID string
	Receipt    string
	Status     domain.Status
}

// Submit validates and stores a new report. It returns only once the
// report is durably committed. A citizen logged into an account gets the
// report on their list (citizens.go); the report itself never holds the
// account.
func (s *Service) Submit(ctx context.Context, v Viewer, sub domain.Submission, uploads []Upload) (_ Receipt, err error) {
	defer domain.Wrap(&err, "service.Submit")
	if err := authorize(v, domain.PermSubmit); err != nil {
		return Receipt{}, err
	}
	if v.Citizen == nil {
		return s.submit(ctx, sub, uploads)
	}
	return s.submitForAccount(ctx, v.Citizen.ID, sub, uploads)
}

func (s *Service) submit(ctx context.Context, sub domain.Submission, uploads []Upload) (Receipt, error) {
	p, err := s.prepareSubmission(ctx, sub, uploads)
	if err != nil {
		return Receipt{}, err
	}
	if err := s.store.CreateReport(ctx, p.report, p.event, p.files); err != nil {
		return Receipt{}, err
	}
	s.filed(p.report)
	return p.receiptOf(), nil
}

// filed tells the observer of a report now stored.
func (s *Service) filed(r *domain.Report) {
	if s.cfg.Observer != nil {
		s.cfg.Observer.Filed(r.Channel)
	}
}

// preparedReport is a validated submission ready to be stored.
type preparedReport struct {
	report  *domain.Report
	event   *domain.Event
	files   []store.NewAttachment
	receipt string
}

// receiptOf is the reporter's receipt once the report is stored (its
// tracking ID may have been redrawn on a collision).
func (p *preparedReport) receiptOf() Receipt {
	return Receipt{TrackingID: p.report.TrackingID, Receipt: p.receipt, Status: p.report.Status}
}

// prepareSubmission validates sub and builds the report, its submission
// event and its files, for every entrance that files a report.
func (s *Service) prepareSubmission(ctx context.Context, sub domain.Submission, uploads []Upload) (*preparedReport, error) {
	sub.Normalize()
	now := s.now()
	if err := sub.Validate(now.In(s.cfg.Location)); err != nil {
		return nil, err
	}
	r := &domain.Report{
		Kind: sub.Kind, Status: domain.StatusSubmitted, Title: sub.Title, Body: sub.Body,
		IncidentDate: sub.IncidentDate, Location: sub.Location, Anonymous: sub.Anonymous,
		Confidential: sub.Confidential, ShowName: sub.ShowName, Channel: sub.Channel,
		CreatedAt: now, UpdatedAt: now,
	}
	f := domain.FieldErrors{}
	if sub.Category != "" {
		switch c, err := s.offeredCategory(ctx, sub.Category); {
		case err == nil:
			r.CategoryID = &c.ID
		case domain.AsError(err).Fields["category"] != "":
			f.Add("category", domain.AsError(err).Fields["category"]) // beside the other fields' problems
		default:
			return nil, err
		}
	}
	if sub.Unit != "" {
		u, err := s.store.UnitByCode(ctx, sub.Unit)
		if errors.Is(err, domain.ErrNotFound) {
			f.Add("unit", "field.unit.unknown")
		} else if err != nil {
			return nil, err
		} else {
			r.RequestedUnit = &u.ID
		}
	}
	if err := s.chooseArea(ctx, &r.Location, f); err != nil {
		return nil, err
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if sub.Anonymous {
		uploads = anonymousUploads(uploads) // privacy.go: file names can name the reporter
	}
	files, err := prepareUploads(uploads)
	if err != nil {
		return nil, err
	}
	r.TrackingID = domain.NewTrackingID()
	receipt, hash := domain.NewReceipt()
	r.ReceiptHash = hash
	if !sub.Reporter.Empty() {
		r.SealedIdentity, err = s.sealIdentity(sub.Reporter, r.ReceiptHash)
		if err != nil {
			return nil, err
		}
	}
	ev := &domain.Event{Type: domain.EventSubmitted, ActorRole: domain.RoleReporter, ToStatus: domain.StatusSubmitted,
		Reason: domain.SubmissionFlags(r.Anonymous, r.Confidential), Params: sub.Information.Params(), CreatedAt: now}
	s.refreshPolicy(ctx, r.CategoryID) // the verification deadline uses the latest calendar
	return &preparedReport{report: r, event: ev, files: files, receipt: receipt}, nil
}

// The identity is bound to the receipt hash (fixed for the report's
// life) so a sealed identity copied onto another report will not open.
func (s *Service) sealIdentity(id domain.Identity, receiptHash string) ([]byte, error) {
	pt, err := json.Marshal(id)
	if err != nil {
		return nil, err
	}
	return s.sealer.Seal(pt, []byte("identity:"+receiptHash)), nil
}

func (s *Service) openIdentity(r *domain.Report) (*domain.Identity, error) {
	if len(r.SealedIdentity) == 0 {
		return nil, nil
	}
	pt, err := s.sealer.Open(r.SealedIdentity, []byte("identity:"+r.ReceiptHash))
	if err != nil {
		return nil, err
	}
	var id domain.Identity
	if err := json.Unmarshal(pt, &id); err != nil {
		return nil, err
	}
	return &id, nil
}
