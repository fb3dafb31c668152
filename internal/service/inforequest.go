package service

import (
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/store"
)

// The information request's steps (issue 13; domain/inforequest.go): the
// PPID extends once and answers, the requester objects inside the window,
// the superior answers the objection. Their fields go into the event's
// Params, which the hash chain covers.

// checkInfoAction refuses, before any change, an action the report's kind
// does not take, and an answer that gives the information neither as a
// file nor as a link.
func checkInfoAction(r *domain.Report, in domain.ActionInput, files int) error {
	if !domain.KindAllows(r.Kind, in.Action) {
		return domain.Errorf(domain.CodeConflict, "info.error.wrong_kind", string(in.Action))
	}
	if in.Action == domain.ActionAnswer && (in.Outcome == domain.OutcomeGranted || in.Outcome == domain.OutcomePartlyGranted) &&
		in.Link == "" && files == 0 {
		return domain.InvalidField("link", "field.info.link_or_file")
	}
	return nil
}

// decideInfo fills the change and event of an information action; the
// state rules have already allowed it.
func (s *Service) decideInfo(r *domain.Report, in domain.ActionInput, ch *store.Change, ev *domain.Event, now time.Time) error {
	switch in.Action {
	case domain.ActionExtend:
		if r.Schedule.Notices.Has(domain.NoticeExtended) {
			return domain.Errorf(domain.CodeConflict, "info.error.extended_twice")
		}
		ev.Message = in.Reason // the reason is the reporter's to read
		if r.Schedule.DueAt != nil {
			due := s.Calendar().Deadline(*r.Schedule.DueAt, domain.InfoExtensionDays)
			ev.Params = domain.Params{domain.ParamExtendedUntil: due.UTC().Format(time.RFC3339)}
		}
	case domain.ActionAnswer:
		ev.Params = domain.Params{domain.ParamOutcome: in.Outcome}
		for k, v := range map[string]string{domain.ParamGround: in.Ground, domain.ParamHolder: in.Holder, domain.ParamLink: in.Link} {
			if v != "" {
				ev.Params[k] = v
			}
		}
	case domain.ActionObject:
		if !s.objectionOpen(r, now) {
			return domain.Errorf(domain.CodeConflict, "info.error.objection_window")
		}
		ev.Params = domain.Params{domain.ParamGround: in.Ground}
	case domain.ActionObjectionAnswer:
		ev.Params = domain.Params{domain.ParamOutcome: in.Outcome}
		if in.Outcome == domain.OutcomeOverturned {
			// The PPID must provide: back to the unit, with a new clock.
			ch.Status, ev.ToStatus, ch.CompletedAt = domain.StatusDispositioned, domain.StatusDispositioned, nil
			return nil
		}
		t := now
		ch.CompletedAt = &t
		komisi := s.Calendar().Deadline(now, domain.InfoKomisiDays)
		ev.Params[domain.ParamKomisiUntil] = komisi.UTC().Format(time.RFC3339)
	}
	return nil
}

// objectionOpen reports whether the requester may object at now: within
// InfoObjectionWindowDays of the answer (the answered request's clock is
// that window), or of the answer deadline once it is missed.
func (s *Service) objectionOpen(r *domain.Report, now time.Time) bool {
	sc := r.Schedule
	if r.Kind != domain.KindInformationRequest || sc.DueAt == nil {
		return false
	}
	switch {
	case r.Status == domain.StatusFollowedUp && sc.DueKind == domain.DueAutoComplete:
		return !now.After(*sc.DueAt)
	case r.Status == domain.StatusDispositioned && sc.DueKind == domain.DueFollowUp:
		end := s.Calendar().Deadline(*sc.DueAt, domain.InfoObjectionWindowDays)
		return now.After(*sc.DueAt) && !now.After(end)
	}
	return false
}

// infoActionShown reports whether a button for a should be shown on r.
func (s *Service) infoActionShown(r *domain.Report, a domain.Action) bool {
	if !domain.KindAllows(r.Kind, a) {
		return false
	}
	switch a {
	case domain.ActionExtend:
		return !r.Schedule.Notices.Has(domain.NoticeExtended)
	case domain.ActionObject:
		return s.objectionOpen(r, s.now())
	}
	return true
}

// infoMailLines adds to the requester's e-mail the outcome of an answer
// and, after the superior's answer, how long they have to go to the Komisi
// Informasi.
func infoMailLines(c *reporterMailContent, lang i18n.Lang, loc *time.Location, ev *domain.Event) {
	if o := ev.Params[domain.ParamOutcome]; o != "" && (ev.Type == domain.EventAnswered || ev.Type == domain.EventObjectionAnswered) {
		c.Due = i18n.T(lang, "info.outcome."+o)
		if g := ev.Params[domain.ParamGround]; g != "" && ev.Type == domain.EventAnswered {
			c.Due += " — " + i18n.T(lang, "info.ground."+g)
		}
	}
	if k, err := time.Parse(time.RFC3339, ev.Params[domain.ParamKomisiUntil]); err == nil {
		c.Due += " " + i18n.T(lang, "info.komisi", i18n.Formatter(lang, loc).Date(k))
	}
}
