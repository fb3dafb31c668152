package service

import (
	"time"

	"context"
	"errors"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
	"github.com/lapor-id/lapor/internal/workdays"
)

// filesAllowed lists actions that may carry attachments.
var filesAllowed = map[domain.Action]bool{
	domain.ActionFollowUp: true, domain.ActionReply: true, domain.ActionCompleteInfo: true,
	domain.ActionNote: true, domain.ActionReopen: true, domain.ActionAnswer: true,
}

// Act carries out an action on a report for viewer v. The order of
// checks is: can v see it (404), may v act at all (401/403), is the input
// valid (400), does the state allow it (409).
func (s *Service) Act(ctx context.Context, trackingID string, v Viewer, in domain.ActionInput, uploads []Upload) (_ *ReportView, err error) {
	defer domain.Wrap(&err, "service.Act(%q)", trackingID)
	r, units, a, err := s.loadReport(ctx, trackingID, v)
	if err != nil {
		return nil, err
	}
	if v, err = s.scopePPID(ctx, v, units); err != nil { // for the re-check inside the transaction
		return nil, err
	}
	in.Normalize()
	role := viewerRole(v, a)
	if role == "" {
		return nil, domain.ErrUnauthorized
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if !domain.Permits(role, in.Action) {
		return nil, domain.Errorf(domain.CodeForbidden, "error.action_forbidden", string(in.Action))
	}
	if len(uploads) > 0 && !filesAllowed[in.Action] {
		return nil, domain.InvalidField("attachments", "field.attachments.not_allowed")
	}
	if err := checkInfoAction(r, in, len(uploads)); err != nil {
		return nil, err
	}
	var target *domain.Unit
	if in.Unit != "" && (in.Action == domain.ActionVerify || in.Action == domain.ActionReroute || in.Action == domain.ActionForward) {
		u, err := s.store.UnitByCode(ctx, in.Unit)
		if errors.Is(err, domain.ErrNotFound) {
			return nil, domain.InvalidField("unit", "field.unit.unknown")
		} else if err != nil {
			return nil, err
		}
		target = &u
	}
	var dup *duplicateLink
	if in.Action == domain.ActionMarkDuplicate {
		if dup, err = s.duplicateLink(ctx, r, in.Original); err != nil {
			return nil, err
		}
	}
	var cat *categoryChange
	if in.Action == domain.ActionSetCategory {
		if cat, err = s.categoryChange(ctx, r, in.Category); err != nil {
			return nil, err
		}
	}
	if r.Anonymous && role == domain.RoleReporter {
		uploads = anonymousUploads(uploads) // privacy.go
	}
	files, err := prepareUploads(uploads)
	if err != nil {
		return nil, err
	}
	policyCat := r.CategoryID
	if cat != nil {
		policyCat = &cat.to.ID // the deadlines become those of the new category
	}
	s.refreshPolicy(ctx, policyCat) // deadlines are computed with the latest calendar
	now := s.now()
	updated, _, err := s.store.Act(ctx, r.TrackingID, func(cur *domain.Report) (*store.Change, error) {
		// Re-check with the state inside the transaction.
		if s.access(cur, v, units) == AccessNone {
			return nil, domain.ErrNotFound
		}
		ch, err := s.decide(cur, v, in, target, cat, files, now)
		if err == nil && dup != nil {
			dup.apply(ch)
		}
		return ch, err
	})
	if err != nil {
		return nil, err
	}
	if s.cfg.Observer != nil {
		s.cfg.Observer.Acted(in.Action)
	}
	return s.view(ctx, updated, v, s.access(updated, v, units), units)
}

// decide computes an action's change from the report's current state.
func (s *Service) decide(r *domain.Report, v Viewer, in domain.ActionInput, target *domain.Unit, cat *categoryChange, files []store.NewAttachment, now time.Time) (*store.Change, error) {
	to, evType, err := domain.Transition(in.Action, r.Status)
	if err != nil {
		return nil, err
	}
	ch := &store.Change{
		Status: to, UnitID: r.UnitID, Confidential: r.Confidential, Title: r.Title, Rating: r.Rating,
		ReopenCount: r.ReopenCount, VerifiedAt: r.VerifiedAt, CompletedAt: r.CompletedAt, Files: files,
	}
	ev := domain.Event{Type: evType, FromStatus: r.Status, ToStatus: to, Message: in.Message, CreatedAt: now}
	if v.User != nil {
		ev.ActorRole = v.User.Role
		ev.ActorUserID = &v.User.ID
		if v.User.Role == domain.RoleOfficer || v.User.Role == domain.RolePPID {
			ev.ActorUnitID = v.User.UnitID
		}
	} else {
		ev.ActorRole = domain.RoleReporter
	}
	switch in.Action {
	case domain.ActionVerify:
		ch.UnitID, ev.UnitID = &target.ID, &target.ID
		t := now
		ch.VerifiedAt = &t
	case domain.ActionReroute, domain.ActionForward:
		if r.UnitID != nil && *r.UnitID == target.ID {
			return nil, domain.InvalidField("unit", "field.unit.same")
		}
		ch.UnitID, ev.UnitID = &target.ID, &target.ID
	case domain.ActionReturn:
		ch.UnitID = nil
	case domain.ActionArchive:
		ev.Reason = in.Reason
	case domain.ActionMarkDuplicate:
		ev.Reason = "duplicate"
		ev.Params = domain.Params{domain.ParamDuplicateOf: in.Original}
	case domain.ActionSetConfidential:
		if r.Confidential {
			return nil, domain.Errorf(domain.CodeConflict, "error.already_confidential")
		}
		ch.Confidential = true
	case domain.ActionEditTitle:
		if in.Title == r.Title {
			return nil, domain.InvalidField("title", "field.title.unchanged")
		}
		// The old title stays in the timeline; the new one is the report's.
		ev.Params = domain.Params{domain.ParamOldTitle: r.Title, domain.ParamNewTitle: in.Title}
		ch.Title = in.Title
	case domain.ActionSetCategory:
		if !sameID(r.CategoryID, cat.oldID) {
			return nil, domain.Errorf(domain.CodeConflict, "error.concurrent_change")
		}
		if r.CategoryID != nil && *r.CategoryID == cat.to.ID {
			return nil, domain.InvalidField("category", "field.category.same")
		}
		ch.Category = &cat.to.ID
		// Codes for programs and names as they were, for the timeline's text.
		ev.Params = domain.Params{domain.ParamNewCategory: cat.to.Code, domain.ParamNewCategoryName: cat.to.Name}
		if cat.from != nil {
			ev.Params[domain.ParamOldCategory] = cat.from.Code
			ev.Params[domain.ParamOldCategoryName] = cat.from.Name
		}
	case domain.ActionNote:
		ev.Internal = true
	case domain.ActionComplete:
		ch.Rating = in.Rating
		ev.Rating = in.Rating
		t := now
		ch.CompletedAt = &t
	case domain.ActionReopen:
		if !s.canReopen(r) {
			return nil, domain.Errorf(domain.CodeConflict, "error.reopen_closed")
		}
		ch.ReopenCount++
		ch.CompletedAt = nil
		ch.Rating = 0 // the rating belonged to the completion now withdrawn
	}
	if domain.InfoOnly(in.Action) {
		if err := s.decideInfo(r, in, ch, &ev, now); err != nil {
			return nil, err
		}
	}
	ch.Event = ev
	if in.Note != "" {
		// The note for the unit is its own staff-only event, so that every
		// reader that hides internal notes hides it too.
		note := ev
		note.Type, note.FromStatus, note.Message, note.Internal = domain.EventNoted, to, in.Note, true
		note.UnitID, note.Reason, note.Params, note.Rating = nil, "", nil, 0
		ch.Also = append(ch.Also, note)
	}
	return ch, nil
}

// canReopen: once, within the reopen window of working days.
func (s *Service) canReopen(r *domain.Report) bool {
	if r.Status != domain.StatusCompleted || r.ReopenCount > 0 || r.CompletedAt == nil {
		return false
	}
	cal := s.Calendar()
	last := cal.AddWorkingDays(workdays.DateOf(*r.CompletedAt, cal.Location()), s.cfg.ReopenWindow)
	return !workdays.DateOf(s.now(), cal.Location()).After(last)
}

// categoryChange is a set_category's categories: the report's current one
// (from, nil when it has none; oldID as read) and the one asked for.
type categoryChange struct {
	oldID *int64
	from  *domain.Category
	to    domain.Category
}

// categoryChange looks up the category code asks for and the report's
// current category.
func (s *Service) categoryChange(ctx context.Context, r *domain.Report, code string) (*categoryChange, error) {
	to, err := s.offeredCategory(ctx, code)
	if err != nil {
		return nil, err
	}
	c := &categoryChange{oldID: r.CategoryID, to: to}
	if r.CategoryID != nil {
		cats, err := s.store.CategoriesByID(ctx, []int64{*r.CategoryID})
		if err != nil {
			return nil, err
		}
		c.from = cats[*r.CategoryID]
	}
	return c, nil
}

func sameID(a, b *int64) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }
