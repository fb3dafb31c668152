package evaluation

import (
	"github.com/lapor-id/lapor/internal/domain"
)

// Information requests (issue 13) are counted apart, per unit and period,
// from their own events, for the cohort of requests routed to the unit in
// the period (the first such routing of each):
//
//   - received: requests routed to u in P.
//   - answered / answered_on_time: a first answer after the routing, and
//     one at or before the deadline (the follow-up days of the kind, plus
//     domain.InfoExtensionDays if the PPID extended before answering).
//   - extended: requests whose deadline the PPID extended.
//   - granted, partly_granted, refused, not_held: the first answer's outcome;
//     refused_by_ground counts refusals (whole or partial) by Article 17 ground.
//   - objections, upheld, overturned: objections filed, and the superior's
//     answers.
//
// In the complaint figures an answer counts as the unit's follow-up.

// InfoFigures are one unit's information request figures.
type InfoFigures struct {
	Received        int            `json:"received"`
	Answered        int            `json:"answered"`
	AnsweredOnTime  int            `json:"answered_on_time"`
	Extended        int            `json:"extended"`
	Granted         int            `json:"granted"`
	PartlyGranted   int            `json:"partly_granted"`
	Refused         int            `json:"refused"`
	NotHeld         int            `json:"not_held"`
	RefusedByGround map[string]int `json:"refused_by_ground"`
	Objections      int            `json:"objections"`
	Upheld          int            `json:"upheld"`
	Overturned      int            `json:"overturned"`
}

func (f *InfoFigures) add(g InfoFigures) {
	f.Received += g.Received
	f.Answered += g.Answered
	f.AnsweredOnTime += g.AnsweredOnTime
	f.Extended += g.Extended
	f.Granted += g.Granted
	f.PartlyGranted += g.PartlyGranted
	f.Refused += g.Refused
	f.NotHeld += g.NotHeld
	f.Objections += g.Objections
	f.Upheld += g.Upheld
	f.Overturned += g.Overturned
	for k, n := range g.RefusedByGround {
		if f.RefusedByGround == nil {
			f.RefusedByGround = map[string]int{}
		}
		f.RefusedByGround[k] += n
	}
}

// information counts an information request's cohort assignment that
// starts at event i, for period window w.
func (e *Evaluator) information(f *InfoFigures, w window, r *Report, i int, days int) {
	f.Received++
	start := r.Events[i].At
	extended, answered := false, false
	for _, ev := range r.Events[i+1:] {
		if !ev.At.Before(w.end) {
			break
		}
		switch ev.Type {
		case domain.EventRerouted, domain.EventForwarded, domain.EventReturned:
			if !answered {
				return // left the unit unanswered: the next unit's request
			}
		case domain.EventExtended:
			if !answered && !extended {
				extended = true
				f.Extended++
			}
		case domain.EventAnswered:
			if answered {
				continue
			}
			answered = true
			f.Answered++
			n := days
			if extended {
				n += domain.InfoExtensionDays
			}
			if !ev.At.After(e.cal.Deadline(start, n)) {
				f.AnsweredOnTime++
			}
			switch ev.Outcome {
			case domain.OutcomeGranted:
				f.Granted++
			case domain.OutcomePartlyGranted:
				f.PartlyGranted++
			case domain.OutcomeRefused:
				f.Refused++
			case domain.OutcomeNotHeld:
				f.NotHeld++
			}
			if ev.Ground != "" {
				if f.RefusedByGround == nil {
					f.RefusedByGround = map[string]int{}
				}
				f.RefusedByGround[ev.Ground]++
			}
		case domain.EventObjected:
			f.Objections++
		case domain.EventObjectionAnswered:
			switch ev.Outcome {
			case domain.OutcomeUpheld:
				f.Upheld++
			case domain.OutcomeOverturned:
				f.Overturned++
			}
		}
	}
}
