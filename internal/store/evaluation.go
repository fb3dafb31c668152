package store

import (
	"context"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/evaluation"
)

// evaluationTypes are the events the evaluation reads; notes, reminders
// and the like do not change any figure.
var evaluationTypes = []domain.EventType{
	domain.EventVerified, domain.EventRerouted, domain.EventForwarded, domain.EventReturned,
	domain.EventFollowedUp, domain.EventReplied, domain.EventReopened, domain.EventCompleted,
	domain.EventAutoCompleted, domain.EventArchived,
	// Information requests (evaluation/information.go).
	domain.EventExtended, domain.EventAnswered, domain.EventObjected, domain.EventObjectionAnswered,
}

// EvaluationTimelines streams, one report at a time and in id order, the
// timelines an evaluation of [from, end) needs: every report filed before
// end that changed on or after from or is still open (a report closed and
// untouched before from cannot count in any figure of the period), with
// its routing and follow-up events before end. One query; the events are
// never all held in memory.
func (s *Store) EvaluationTimelines(ctx context.Context, from, end time.Time, fn func(*evaluation.Report) error) (err error) {
	defer domain.Wrap(&err, "store.EvaluationTimelines")
	types := make([]string, len(evaluationTypes))
	args := []any{micro(end), micro(from)}
	for i, t := range evaluationTypes {
		types[i] = "'" + string(t) + "'"
	}
	args = append(args, micro(end))
	// Only an answer's params are read (its outcome and ground), so the
	// other rows stay within the covering index.
	// On SQLite the events are walked in the order of their covering index
	// and each report is looked up once, in id order: no sort, no random
	// reads of whole event rows. (CROSS JOIN fixes SQLite's join order.)
	from_ := `FROM reports r JOIN events e ON e.report_id = r.id`
	if s.dialect == SQLite {
		from_ = `FROM events e INDEXED BY events_evaluation CROSS JOIN reports r ON r.id = e.report_id`
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT r.id, r.tracking_id, r.kind, COALESCE(c.code, ''), COALESCE(r.area_id, 0),
			r.confidential, r.status, e.type, COALESCE(e.unit_id, 0), e.created_at, e.rating,
			CASE WHEN e.type IN ('answered', 'objection_answered') THEN COALESCE(CAST(e.params AS TEXT), '') ELSE '' END
		`+from_+`
		LEFT JOIN categories c ON c.id = r.category_id
		WHERE r.created_at < ? AND (r.updated_at >= ? OR r.status NOT IN (`+closedStatusesSQL+`))
			AND e.created_at < ? AND e.type IN (`+strings.Join(types, ",")+`)
		ORDER BY e.report_id, e.seq`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur *evaluation.Report
	var (
		id, unit, at, area int64
		tid, kind, cat, t  string
		rating             int
		params, status     string
		confidential       bool
	)
	for rows.Next() {
		if err := rows.Scan(&id, &tid, &kind, &cat, &area, &confidential, &status, &t, &unit, &at, &rating, &params); err != nil {
			return err
		}
		if cur == nil || cur.ID != id {
			if cur != nil {
				if err := fn(cur); err != nil {
					return err
				}
			}
			cur = &evaluation.Report{ID: id, TrackingID: tid, Kind: domain.Kind(kind), Category: cat, AreaID: area,
				Public: !confidential && domain.Status(status).Public(), Events: make([]evaluation.Event, 0, 6)}
		}
		ev := evaluation.Event{Type: domain.EventType(t), Unit: unit, At: fromMicro(at), Rating: rating}
		if params != "" && (ev.Type == domain.EventAnswered || ev.Type == domain.EventObjectionAnswered) {
			p, err := domain.DecodeParams(params)
			if err != nil {
				return err
			}
			ev.Outcome, ev.Ground = p[domain.ParamOutcome], p[domain.ParamGround]
		}
		cur.Events = append(cur.Events, ev)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if cur != nil {
		return fn(cur)
	}
	return nil
}

// ReportTitles returns the titles of reports by id, for the sanction list.
func (s *Store) ReportTitles(ctx context.Context, ids []int64) (_ map[int64]string, err error) {
	defer domain.Wrap(&err, "store.ReportTitles")
	out := make(map[int64]string, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		ph := make([]string, n)
		args := make([]any, n)
		for i := range n {
			ph[i] = "?"
			args[i] = ids[i]
		}
		rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT id, title FROM reports WHERE id IN (`+strings.Join(ph, ",")+`)`), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var title string
			if err := rows.Scan(&id, &title); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = title
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}
