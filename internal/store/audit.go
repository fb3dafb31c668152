package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/lapor-id/lapor/internal/domain"
)

// ChainReport is what the audit needs of a report row: its public ID (part
// of every event's hash), the number of events it claims (version) and the
// state it caches.
type ChainReport struct {
	ID           int64
	TrackingID   string
	Version      int64
	Status       domain.Status
	UnitID       *int64
	Confidential bool
	Anonymous    bool
	Rating       int
	Title        string                  // the current title
	Content      domain.SubmittedContent // Title left empty: only the timeline knows the submitted one
	Files        []ChainFile             // in id order
	Rekey        *ChainRekey             // the re-key step of a timeline begun with plain hashes
}

// WalkTimelines streams every report with its whole timeline, report by
// report in id order and each timeline in seq order, and calls fn once per
// report. Only one report's events are held in memory at a time, so the
// audit of a large database runs in constant memory. A report whose events
// were all deleted is passed with no events. fn returning an error stops
// the walk with that error.
func (s *Store) WalkTimelines(ctx context.Context, fn func(r ChainReport, events []domain.Event) error) (err error) {
	defer domain.Wrap(&err, "store.WalkTimelines")
	files, err := s.openChainFiles(ctx)
	if err != nil {
		return err
	}
	defer files.rows.Close()
	rows, err := s.reads(ctx).QueryContext(ctx, `SELECT r.id, r.tracking_id, r.version, r.status, r.unit_id, r.confidential, r.anonymous,
		r.rating, r.title, r.kind, r.body, r.incident_date, r.address, r.kelurahan, r.kecamatan, r.lat, r.lon, r.created_at,
		r.show_name, r.channel, r.requested_unit_id, k.seq, k.hash, e.chain, e.id, e.seq, e.type, e.actor_role, e.actor_user_id, e.actor_unit_id, e.unit_id, e.from_status,
		e.to_status, e.message, e.reason, e.params, e.rating, e.internal, e.created_at, e.prev_hash, e.hash
		FROM reports r LEFT JOIN chain_rekeys k ON k.report_id = r.id LEFT JOIN events e ON e.report_id = r.id
		ORDER BY r.id, e.seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur *ChainReport
	var events []domain.Event
	flush := func() error {
		if cur == nil {
			return nil
		}
		var err error
		if cur.Files, err = files.of(cur.ID); err != nil {
			return err
		}
		err = fn(*cur, events)
		cur, events = nil, events[:0]
		return err
	}
	for rows.Next() {
		var r ChainReport
		var runit, rcreated, kseq, chain, requested sql.NullInt64
		var lat, lon sql.NullFloat64
		var khash sql.NullString
		var (
			eid, user, aunit, unit, created  sql.NullInt64
			seq, rating                      sql.NullInt64
			typ, role, from, to, msg, reason sql.NullString
			params, prev, hash               sql.NullString
			internal                         sql.NullBool
		)
		c := &r.Content
		if err := rows.Scan(&r.ID, &r.TrackingID, &r.Version, &r.Status, &runit, &r.Confidential, &r.Anonymous,
			&r.Rating, &r.Title, &c.Kind, &c.Body, &c.IncidentDate, &c.Location.Address, &c.Location.Kelurahan,
			&c.Location.Kecamatan, &lat, &lon, &rcreated, &c.ShowName, &c.Channel, &requested, &kseq, &khash, &chain, &eid, &seq, &typ, &role, &user, &aunit, &unit, &from, &to, &msg, &reason, &params, &rating, &internal,
			&created, &prev, &hash); err != nil {
			return err
		}
		r.UnitID = int64Ptr(runit)
		c.Location.Lat, c.Location.Lon = floatPtr(lat), floatPtr(lon)
		c.CreatedAt = fromMicro(rcreated.Int64)
		c.RequestedUnit = int64Ptr(requested)
		if kseq.Valid {
			r.Rekey = &ChainRekey{Seq: int(kseq.Int64), Hash: khash.String}
		}
		if cur == nil || cur.ID != r.ID {
			if err := flush(); err != nil {
				return err
			}
			cur = &r
		}
		if !eid.Valid {
			continue // a report without any event left
		}
		p, err := domain.DecodeParams(params.String)
		if err != nil {
			return fmt.Errorf("event %d: params: %w", eid.Int64, err)
		}
		events = append(events, domain.Event{
			ID: eid.Int64, ReportID: r.ID, Seq: int(seq.Int64), Type: domain.EventType(typ.String),
			ActorRole: domain.Role(role.String), ActorUserID: int64Ptr(user), ActorUnitID: int64Ptr(aunit),
			UnitID: int64Ptr(unit), FromStatus: domain.Status(from.String), ToStatus: domain.Status(to.String),
			Message: msg.String, Reason: reason.String, Params: p, Rating: int(rating.Int64), Internal: internal.Bool,
			CreatedAt: fromMicro(created.Int64), PrevHash: prev.String, Hash: hash.String, Chain: int(chain.Int64),
		})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}
