package service

import (
	"errors"
	"time"

	"context"

	"github.com/lapor-id/lapor/internal/domain"
)

// ReportView is a report as one viewer may see it.
type ReportView struct {
	Report        *domain.Report
	Access        Access
	Unit          *domain.Unit     // routed to
	RequestedUnit *domain.Unit     // suggested by the reporter
	Category      *domain.Category // may be nil
	Reporter      *domain.Identity // nil unless this viewer may see it
	Timeline      []EventView
	Attachments   []domain.Attachment
	Actions       []domain.Action      // what this viewer may do now
	Overdue       bool                 // past a verification or follow-up deadline now
	Expected      Expected             // the dates to expect (expected.go)
	Supports      int                  // how many backed the report (support.go)
	Source        *domain.ReportSource // the post it came from (social.go); shown only with the Reporter
	// Information is what an information request asks for (from its
	// submission event); nil for other kinds.
	Information *domain.Information
	// Suggestions are the units and categories the routing model puts
	// first, for an admin who may still route or categorise the report
	// (triage.go); nil otherwise or before a model is built.
	Suggestions *Suggestions
	// Duplicates are the open public reports that look like the same
	// problem, for an admin who may mark the report as a duplicate
	// (duplicates.go).
	Duplicates []Duplicate
}

// EventView is a timeline entry without anything the viewer may not see.
type EventView struct {
	Seq         int
	Type        domain.EventType
	ActorRole   domain.Role
	ActorUnit   *domain.Unit
	Unit        *domain.Unit
	FromStatus  domain.Status
	ToStatus    domain.Status
	Message     string
	Reason      string
	Params      domain.Params // what the event's text is rendered from (eventtext.go)
	Rating      int
	Internal    bool
	CreatedAt   time.Time
	Attachments []domain.Attachment
}

// Report returns what v may see of a report, or not found.
func (s *Service) Report(ctx context.Context, trackingID string, v Viewer) (_ *ReportView, err error) {
	defer domain.Wrap(&err, "service.Report(%q)", trackingID)
	read := publicRead(ctx, v)
	r, units, a, err := s.loadReport(read, trackingID, v)
	if errors.Is(err, domain.ErrNotFound) && read != ctx && s.store.ReplicaHealthy() {
		// Filed a moment ago (its QR code scanned at once): a replica may
		// not have it yet, the primary does.
		read = ctx
		r, units, a, err = s.loadReport(read, trackingID, v)
	}
	if err != nil {
		return nil, err
	}
	ctx = read
	rv, err := s.view(ctx, r, v, a, units)
	if err != nil {
		return nil, err
	}
	s.withSuggestions(ctx, v, rv)
	return rv, nil
}

func (s *Service) view(ctx context.Context, r *domain.Report, v Viewer, a Access, units []domain.Unit) (*ReportView, error) {
	byID := map[int64]*domain.Unit{}
	for i := range units {
		byID[units[i].ID] = &units[i]
	}
	unit := func(id *int64) *domain.Unit {
		if id == nil {
			return nil
		}
		return byID[*id]
	}
	rv := &ReportView{Report: r, Access: a, Unit: unit(r.UnitID), RequestedUnit: unit(r.RequestedUnit),
		Overdue: r.Schedule.Overdue(s.now())}
	if r.CategoryID != nil {
		cats, err := s.store.CategoriesByID(ctx, []int64{*r.CategoryID})
		if err != nil {
			return nil, err
		}
		rv.Category = cats[*r.CategoryID]
	}
	// Identity: the reporter sees their own; staff see it unless the
	// report is anonymous; the public sees a name only if the reporter
	// chose to show it.
	switch {
	case a == AccessReporter || (a == AccessStaff && !r.Anonymous):
		id, err := s.openIdentity(r)
		if err != nil {
			s.log.Error("open identity", "tracking_id", r.TrackingID, "err", err)
		} else {
			rv.Reporter = id
		}
		if rv.Source, err = s.reportSource(ctx, r); err != nil {
			s.log.Error("open report source", "tracking_id", r.TrackingID, "err", err)
		}
	case a == AccessPublic && r.ShowName && !r.Anonymous:
		if id, err := s.openIdentity(r); err == nil && id != nil {
			rv.Reporter = &domain.Identity{Name: id.Name}
		}
	}
	events, err := s.store.Events(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	files, err := s.store.Attachments(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	filesByEvent := map[int64][]domain.Attachment{}
	for _, f := range files {
		filesByEvent[f.EventID] = append(filesByEvent[f.EventID], f)
	}
	if len(events) > 0 && r.Kind == domain.KindInformationRequest {
		rv.Information = domain.InformationOf(events[0].Params)
	}
	n := 0 // attachments numbered for the public view
	for _, e := range events {
		if e.Internal && a != AccessStaff {
			continue
		}
		ev := EventView{Seq: e.Seq, Type: e.Type, ActorRole: e.ActorRole, ActorUnit: unit(e.ActorUnitID),
			Unit: unit(e.UnitID), FromStatus: e.FromStatus, ToStatus: e.ToStatus, Message: e.Message,
			Reason: e.Reason, Params: e.Params, Rating: e.Rating, Internal: e.Internal, CreatedAt: e.CreatedAt,
			Attachments: filesByEvent[e.ID]}
		legacyTitleEdit(&ev)
		if a == AccessPublic {
			publicEvent(&ev, &n)
		}
		rv.Timeline = append(rv.Timeline, ev)
		rv.Attachments = append(rv.Attachments, ev.Attachments...)
	}
	supports, err := s.store.SupportCounts(ctx, []int64{r.ID})
	if err != nil {
		return nil, err
	}
	rv.Supports = supports[r.ID]
	rv.Expected = s.expected(r, events)
	rv.Actions = s.allowedActions(r, v, a)
	if a == AccessPublic {
		maskPublicView(rv) // mask.go
	}
	return rv, nil
}

func (s *Service) allowedActions(r *domain.Report, v Viewer, a Access) []domain.Action {
	role := viewerRole(v, a)
	if role == "" {
		return nil
	}
	var out []domain.Action
	for _, act := range domain.ActionsFor(role, r.Status) {
		if act == domain.ActionSetConfidential && r.Confidential {
			continue
		}
		if act == domain.ActionReopen && !s.canReopen(r) {
			continue
		}
		if !s.infoActionShown(r, act) {
			continue
		}
		out = append(out, act)
	}
	return out
}

// viewerRole is the role in which v acts on a report it can see.
func viewerRole(v Viewer, a Access) domain.Role {
	switch {
	case a == AccessStaff && v.User != nil:
		return v.User.Role
	case a == AccessReporter:
		return domain.RoleReporter
	}
	return ""
}

// Attachment returns a file of a report the viewer may see.
func (s *Service) Attachment(ctx context.Context, trackingID string, id int64, v Viewer) (_ domain.Attachment, err error) {
	defer domain.Wrap(&err, "service.Attachment(%q, %v)", trackingID, id)
	r, units, a, err := s.loadReport(ctx, trackingID, v)
	if err != nil {
		return domain.Attachment{}, err
	}
	// Files attached to internal notes stay with staff.
	rv, err := s.view(ctx, r, v, a, units)
	if err != nil {
		return domain.Attachment{}, err
	}
	for _, f := range rv.Attachments {
		if f.ID == id {
			data, err := s.store.AttachmentData(ctx, r.ID, id)
			data.Name = f.Name // as this viewer may see it
			return data, err
		}
	}
	return domain.Attachment{}, domain.ErrNotFound
}
