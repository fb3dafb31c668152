package store

import (
	"context"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/triage"
)

// triageTypes are the events that label a report for the routing
// suggestions: the routings (whose unit is a positive example), the returns
// (whose actor's unit is a negative one) and the category changes (which
// make the report's category a staff decision).
var triageTypes = []domain.EventType{domain.EventVerified, domain.EventRerouted, domain.EventForwarded,
	domain.EventReturned, domain.EventCategorySet}

// TriageExamples calls fn with every report staff have routed, returned
// or categorised, in id order: its title and body, when it was filed, the
// unit it was last routed to (0 when a return left it unrouted), the units
// that returned it or were rerouted away from, and its category when staff
// verified or set it. Only the title and body are read: never the
// reporter's identity. fn's error stops the walk and is returned.
func (s *Store) TriageExamples(ctx context.Context, fn func(triage.Example) error) (err error) {
	defer domain.Wrap(&err, "store.TriageExamples")
	types := make([]string, len(triageTypes))
	for i, t := range triageTypes {
		types[i] = "'" + string(t) + "'"
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT r.id, r.title, r.body, r.created_at, COALESCE(r.category_id, 0),
			e.type, COALESCE(e.unit_id, 0), COALESCE(e.actor_unit_id, 0)
		FROM events e JOIN reports r ON r.id = e.report_id
		WHERE e.type IN (`+strings.Join(types, ",")+`)
		ORDER BY e.report_id, e.seq`))
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		cur       *triage.Example
		category  int64
		labelled  bool
		id, at    int64
		cat       int64
		unit, act int64
		title     string
		body, typ string
	)
	emit := func() error {
		if cur == nil {
			return nil
		}
		if labelled {
			cur.Category = category
		}
		return fn(*cur)
	}
	for rows.Next() {
		if err := rows.Scan(&id, &title, &body, &at, &cat, &typ, &unit, &act); err != nil {
			return err
		}
		if cur == nil || cur.ReportID != id {
			if err := emit(); err != nil {
				return err
			}
			cur = &triage.Example{ReportID: id, Title: title, Body: body, FiledAt: fromMicro(at)}
			category, labelled = cat, false
		}
		switch domain.EventType(typ) {
		case domain.EventVerified, domain.EventForwarded:
			cur.Unit = unit
			labelled = true
		case domain.EventRerouted:
			if cur.Unit != 0 && cur.Unit != unit {
				cur.NotUnits = append(cur.NotUnits, cur.Unit)
			}
			cur.Unit = unit
			labelled = true
		case domain.EventReturned:
			if act != 0 {
				cur.NotUnits = append(cur.NotUnits, act)
			}
			cur.Unit = 0
		case domain.EventCategorySet:
			labelled = true
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return emit()
}

// SetUnitKeywords stores the keywords of the unit with code (empty: none).
func (s *Store) SetUnitKeywords(ctx context.Context, code, keywords string, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.SetUnitKeywords(%q)", code)
	return s.transact(ctx, func(tx *Tx) error {
		u, err := tx.unitByCode(ctx, code)
		if err != nil {
			return err
		}
		if keywords == "" {
			_, err = tx.exec(ctx, `DELETE FROM unit_keywords WHERE unit_id = ?`, u.ID)
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO unit_keywords (unit_id, keywords, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (unit_id) DO UPDATE SET keywords = excluded.keywords, updated_at = excluded.updated_at`,
			u.ID, keywords, micro(now))
		return err
	})
}

// UnitKeywords returns the keywords of every unit that has some, by unit id.
func (s *Store) UnitKeywords(ctx context.Context) (_ map[int64]string, err error) {
	defer domain.Wrap(&err, "store.UnitKeywords")
	rows, err := s.read.QueryContext(ctx, `SELECT unit_id, keywords FROM unit_keywords`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var kw string
		if err := rows.Scan(&id, &kw); err != nil {
			return nil, err
		}
		out[id] = kw
	}
	return out, rows.Err()
}
