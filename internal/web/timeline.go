package web

import (
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// eventText says in plain words what an event of the timeline did. It
// uses only what the view holds: an anonymous reporter is "the reporter".
func eventText(tr func(string, ...any) string, f i18n.Format, e service.EventView, a service.Access) string {
	unit := func(u *domain.Unit) string {
		if u == nil {
			return tr("web.explain.the_unit")
		}
		return u.Name
	}
	switch e.Type {
	case domain.EventVerified, domain.EventRerouted, domain.EventForwarded:
		return tr("web.event."+string(e.Type), unit(e.Unit))
	case domain.EventFollowedUp, domain.EventReturned:
		return tr("web.event."+string(e.Type), unit(e.ActorUnit))
	case domain.EventArchived:
		if e.Reason != "" {
			return tr("web.event.archived_reason", tr("web.reason."+e.Reason))
		}
	case domain.EventCompleted:
		if e.Rating > 0 {
			return tr("web.event.completed_rated", e.Rating)
		}
	case domain.EventTitleEdited:
		if title := e.Params[domain.ParamNewTitle]; a != service.AccessPublic && title != "" {
			return tr("web.event.title_edited_to", title) // the old one is the event's detail
		}
	case domain.EventCategorySet:
		name := func(n, code string) string {
			if n != "" {
				return n
			}
			return code
		}
		to := name(e.Params[domain.ParamNewCategoryName], e.Params[domain.ParamNewCategory])
		from := name(e.Params[domain.ParamOldCategoryName], e.Params[domain.ParamOldCategory])
		switch {
		case to != "" && from != "":
			return tr("web.event.category_changed", from, to)
		case to != "":
			return tr("web.event.category_set_to", to)
		}
	case domain.EventAnswered, domain.EventObjected, domain.EventObjectionAnswered:
		return infoEventText(tr, f, e)
	}
	return tr("web.event." + string(e.Type))
}

// infoEventText adds an information step's outcome, ground, holder and the
// Komisi Informasi date to its sentence, in the reader's language.
func infoEventText(tr func(string, ...any) string, f i18n.Format, e service.EventView) string {
	s := tr("web.event." + string(e.Type))
	if o := e.Params[domain.ParamOutcome]; o != "" {
		s += ": " + tr("info.outcome."+o)
	}
	if g := e.Params[domain.ParamGround]; g != "" {
		s += " (" + tr("info.ground."+g) + ")"
	}
	if h := e.Params[domain.ParamHolder]; h != "" {
		s += " — " + tr("info.form.holder") + ": " + h
	}
	if k := e.Params[domain.ParamKomisiUntil]; k != "" {
		if at, err := time.Parse(time.RFC3339, k); err == nil {
			k = f.Date(at)
		}
		s += ". " + tr("info.komisi", k)
	}
	return s
}
