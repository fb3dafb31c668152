package service

import (
	"context"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// ReceivedView is what anyone holding a tracking ID may learn of a report
// that is not public yet because it waits for verification: that it was
// received, when, and by when it is to be verified. Nothing of what it
// says.
type ReceivedView struct {
	TrackingID string
	Status     domain.Status // submitted, or on_hold (the admin asked the reporter for more)
	ReceivedAt time.Time
	VerifyBy   time.Time
}

// Received answers for a report waiting for verification (submitted or on
// hold), to whoever scans its receipt's QR code before the admin verified
// it. Every other report, and an unknown ID, is not found: the public view
// (Report) serves the reports it may show.
func (s *Service) Received(ctx context.Context, trackingID string) (_ *ReceivedView, err error) {
	defer domain.Wrap(&err, "service.Received(%q)", trackingID)
	id := domain.NormalizeTrackingID(trackingID)
	if id == "" {
		return nil, domain.ErrNotFound
	}
	r, err := s.store.ReportByTrackingID(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Status != domain.StatusSubmitted && r.Status != domain.StatusOnHold {
		return nil, domain.ErrNotFound
	}
	events, err := s.store.Events(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	e := s.expected(r, events)
	return &ReceivedView{TrackingID: r.TrackingID, Status: r.Status, ReceivedAt: r.CreatedAt, VerifyBy: e.VerifyBy}, nil
}
