package service

import (
	"context"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// The public register of answered information requests (issue 13): what
// was asked, the outcome, its ground, the dates and, when granted, where
// the information is. Only public requests (verified, not confidential)
// are in it, never an identity, and free text is masked as on every public
// page (domain.MaskPersonal).

// MaxRegisterPerPage is the largest page of the register.
const MaxRegisterPerPage = 100

// RegisterEntry is one answered request.
type RegisterEntry struct {
	TrackingID  string
	Title       string
	Requested   string
	Unit        *domain.Unit
	SubmittedAt time.Time
	AnsweredAt  time.Time
	Outcome     string
	Ground      string // 17a..17j, refused or partly granted
	Holder      string // not held
	Link        string // granted or partly granted
	Objection   string // the superior's outcome, when an objection was answered
}

// InformationRegister lists the answered public information requests,
// newest filed first; page from 1, perPage 1..MaxRegisterPerPage (0: 20).
func (s *Service) InformationRegister(ctx context.Context, v Viewer, page, perPage int) (_ []RegisterEntry, err error) {
	defer domain.Wrap(&err, "service.InformationRegister")
	ctx = publicRead(ctx, v)
	if err := authorize(v, domain.PermReadPublic); err != nil {
		return nil, err
	}
	f := domain.FieldErrors{}
	if page < 0 || page > 100000 {
		f.Add("page", "field.page.invalid")
	}
	if perPage < 0 || perPage > MaxRegisterPerPage {
		f.Add("per_page", "field.per_page.too_large")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	page = max(page, 1)
	if perPage == 0 {
		perPage = 20
	}
	// Answered requests are followed_up (in the objection window), waiting
	// for the superior, or completed; a request back at the PPID after an
	// overturned objection shows its earlier answer until the new one.
	reports, _, err := s.store.ListReports(ctx, store.Filter{Kind: domain.KindInformationRequest, Public: true,
		Status: []domain.Status{domain.StatusFollowedUp, domain.StatusReporterReplied, domain.StatusCompleted, domain.StatusDispositioned},
		Limit:  perPage, Offset: (page - 1) * perPage})
	if err != nil {
		return nil, err
	}
	units, err := s.publicUnits(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*domain.Unit{}
	for i := range units {
		byID[units[i].ID] = &units[i]
	}
	out := []RegisterEntry{}
	for _, r := range reports {
		events, err := s.store.Events(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		e, ok := registerEntry(r, events)
		if !ok {
			continue
		}
		if r.UnitID != nil {
			e.Unit = byID[*r.UnitID]
		}
		out = append(out, e)
	}
	return out, nil
}

// registerEntry reads the latest answer (and objection answer) from a
// request's timeline; ok is false when it has none yet.
func registerEntry(r *domain.Report, events []domain.Event) (RegisterEntry, bool) {
	e := RegisterEntry{TrackingID: r.TrackingID, Title: domain.MaskPersonal(r.Title), SubmittedAt: r.CreatedAt}
	answered := false
	for _, ev := range events {
		switch ev.Type {
		case domain.EventSubmitted:
			if info := domain.InformationOf(ev.Params); info != nil {
				e.Requested = domain.MaskPersonal(info.Requested)
			}
		case domain.EventAnswered:
			answered = true
			e.AnsweredAt, e.Outcome, e.Ground = ev.CreatedAt, ev.Params[domain.ParamOutcome], ev.Params[domain.ParamGround]
			e.Holder, e.Link, e.Objection = domain.MaskPersonal(ev.Params[domain.ParamHolder]), "", ""
			if e.Outcome == domain.OutcomeGranted || e.Outcome == domain.OutcomePartlyGranted {
				e.Link = ev.Params[domain.ParamLink]
			}
		case domain.EventObjectionAnswered:
			e.Objection = ev.Params[domain.ParamOutcome]
		}
	}
	return e, answered
}
