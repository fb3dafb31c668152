package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/lapor-id/lapor/internal/domain"
)

// The scheduler's write path (internal/worker): system notices appended to
// many reports per transaction.
//
// One call of ApplyNotices is one short write transaction over a batch of
// due reports (wake_at before the pass's time). Inside it the batch's
// report rows are claimed (on PostgreSQL locked FOR UPDATE SKIP LOCKED, so
// concurrent workers take different batches; on SQLite the transaction
// holds the only writer), their timelines are read in one query (the
// columns deadlines depend on, and the hash of each report's last event),
// the notices each report is owed are decided and its schedule derived
// again in Go, exactly as Act and writeSchedule would one notice at a
// time, and the events and the new report rows are written with prepared
// statements. Each notice is decided from the report's state read inside
// the transaction that writes it, so a notice is written exactly once
// whatever other workers, stores or crashes do: a report another writer
// has just served no longer matches the claim, or its decide finds the
// notice already recorded.

// NoticeBatch says which reports one ApplyNotices transaction claims.
type NoticeBatch struct {
	Now          time.Time // reports whose wake_at is before Now are due
	Limit        int       // reports claimed by the transaction, at most
	Skip         []int64   // IDs of reports not to claim (still due after an earlier batch of the pass)
	MaxPerReport int       // notices appended to one report, at most
}

// AppliedNotice is an event ApplyNotices appended.
type AppliedNotice struct {
	ReportID   int64
	TrackingID string
	Type       domain.EventType
}

// NoticeFailure is a report decide failed on; the notices decided for it
// before the failure were written.
type NoticeFailure struct {
	ReportID   int64
	TrackingID string
	Err        error
}

// NoticeResult is what one ApplyNotices transaction did, once committed.
type NoticeResult struct {
	Claimed     []int64         // reports looked at, in claim order
	Applied     []AppliedNotice // events appended, in order
	Rescheduled int             // reports owing nothing whose stored schedule was derived again and changed
	StillDue    []int64         // reports whose wake_at is still before Now: the pass should skip them
	Failed      []NoticeFailure
}

// NoticeError is a write that failed on one report of a batch (its chain
// or version is not what the row says, or a constraint refused it). The
// whole transaction was rolled back; the caller may skip the report and
// try the batch again.
type NoticeError struct {
	ReportID   int64
	TrackingID string
	Err        error
}

func (e *NoticeError) Error() string {
	return fmt.Sprintf("notice on report %s: %v", e.TrackingID, e.Err)
}

func (e *NoticeError) Unwrap() error { return e.Err }

// ApplyNotices claims up to b.Limit due reports in one write transaction
// and appends the notices each is owed. decide is Act's callback: called
// with the report's current state, it returns the next change or
// ErrNoChange; it is called again after each change it returned (with the
// state and schedule after it), up to b.MaxPerReport times. A report that
// owes nothing at its wake time has its schedule derived again from its
// events (its schedule predates a policy change); if it is due again at
// once it is listed in StillDue, for a later pass. decide must be pure: a
// retried transaction calls it again.
// The Files of a change are not supported (a notice carries none).
//
// On PostgreSQL a due report locked by another transaction (another
// worker's batch, a user's action) is passed over, not waited for: its
// holder serves it, or a later batch or pass does.
func (s *Store) ApplyNotices(ctx context.Context, b NoticeBatch, decide func(r *domain.Report) (*Change, error)) (_ NoticeResult, err error) {
	defer domain.Wrap(&err, "store.ApplyNotices")
	if b.Limit <= 0 {
		b.Limit = 1
	}
	if b.MaxPerReport <= 0 {
		b.MaxPerReport = 1
	}
	var res NoticeResult
	f, err := s.scheduleFunc()
	if err != nil {
		return res, err
	}
	err = s.transact(ctx, func(tx *Tx) error {
		res = NoticeResult{}
		reports, err := tx.claimDue(ctx, b)
		if err != nil || len(reports) == 0 {
			return err
		}
		timelines, err := tx.noticeTimelines(ctx, reports)
		if err != nil {
			return err
		}
		w := tx.noticeWriter(ctx)
		for _, r := range reports {
			res.Claimed = append(res.Claimed, r.ID)
			tl := timelines[r.ID]
			if tl == nil || tl.last != r.Version {
				return &NoticeError{ReportID: r.ID, TrackingID: r.TrackingID,
					Err: fmt.Errorf("%w: event %d, version %d", errNoticeChain, tl.lastSeq(), r.Version)}
			}
			p := planNotices(s, r, tl, f, b.MaxPerReport, decide)
			if err := w.write(ctx, p); err != nil {
				return &NoticeError{ReportID: r.ID, TrackingID: r.TrackingID, Err: err}
			}
			for _, ev := range p.events {
				res.Applied = append(res.Applied, AppliedNotice{ReportID: r.ID, TrackingID: r.TrackingID, Type: ev.Type})
			}
			if len(p.events) == 0 && p.schedule {
				res.Rescheduled++
			}
			if p.err != nil {
				res.Failed = append(res.Failed, NoticeFailure{ReportID: r.ID, TrackingID: r.TrackingID, Err: p.err})
			}
			if wake := r.Schedule.WakeAt; wake != nil && micro(*wake) < micro(b.Now) {
				res.StillDue = append(res.StillDue, r.ID)
			}
		}
		return nil
	})
	if err != nil {
		var ne *NoticeError
		if errors.As(err, &ne) && !isConstraintViolation(ne.Err) && !errors.Is(ne.Err, errNoticeConflict) &&
			!errors.Is(ne.Err, errNoticeChain) {
			// The database failed, not this report: the caller must not
			// think skipping the report would help.
			err = ne.Err
		}
		return NoticeResult{}, err
	}
	return res, nil
}

// claimDue reads (on PostgreSQL: locks) the batch of due reports, soonest
// wake time first, through the partial index reports_wake.
func (tx *Tx) claimDue(ctx context.Context, b NoticeBatch) ([]*domain.Report, error) {
	notSkipped, skip := tx.s.idsNotIn("id", b.Skip)
	lock := ""
	if tx.s.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	rows, err := tx.query(ctx, `SELECT `+reportColumns+` FROM reports WHERE wake_at IS NOT NULL AND wake_at < ? AND `+
		notSkipped+` ORDER BY wake_at, id LIMIT ?`+lock, micro(b.Now), skip, b.Limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*domain.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// noticeTimeline is what the notices of one report need of its events.
type noticeTimeline struct {
	events   []domain.Event // deadline columns only (scheduleEventColumns)
	last     int64          // seq of the last event
	lastHash string         // hash of the last event: the next one's prev_hash
}

func (tl *noticeTimeline) lastSeq() int64 {
	if tl == nil {
		return 0
	}
	return tl.last
}

// noticeTimelines reads the timelines of the claimed reports in one query.
func (tx *Tx) noticeTimelines(ctx context.Context, reports []*domain.Report) (map[int64]*noticeTimeline, error) {
	ids := make([]int64, len(reports))
	for i, r := range reports {
		ids[i] = r.ID
	}
	in, arg := tx.s.idsIn("report_id", ids)
	rows, err := tx.query(ctx, `SELECT `+scheduleEventColumns+`, hash FROM events WHERE `+in+` ORDER BY report_id, seq`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]*noticeTimeline, len(reports))
	var cur *noticeTimeline
	for rows.Next() {
		var e domain.Event
		var unit sql.NullInt64
		var created int64
		var hash string
		if err := rows.Scan(&e.ReportID, &e.Seq, &e.Type, &e.ActorRole, &unit, &e.FromStatus, &e.ToStatus, &e.Reason,
			&e.Rating, &created, &hash); err != nil {
			return nil, err
		}
		e.UnitID = int64Ptr(unit)
		e.CreatedAt = fromMicro(created)
		if cur == nil || cur.events[0].ReportID != e.ReportID {
			cur = &noticeTimeline{events: make([]domain.Event, 0, 8)}
			out[e.ReportID] = cur
		}
		cur.events = append(cur.events, e)
		cur.last, cur.lastHash = int64(e.Seq), hash
	}
	return out, rows.Err()
}

// noticePlan is what the notices of one report change.
type noticePlan struct {
	r        *domain.Report // the state after the notices
	version  int64          // the version the report was claimed at
	events   []domain.Event // to append, hashed and chained
	state    bool           // a column other than updated_at, version and the schedule, or due_at, changed
	schedule bool           // the schedule differs from the stored one
	err      error          // decide failed (after the events above)
}

// planNotices decides a report's notices in memory: the same steps as Act
// followed by writeSchedule for each notice, with the timeline kept in
// memory instead of being read again after every append.
func planNotices(s *Store, r *domain.Report, tl *noticeTimeline, f ScheduleFunc, max int,
	decide func(*domain.Report) (*Change, error)) noticePlan {
	p := noticePlan{r: r, version: r.Version}
	claimed := *r
	for len(p.events) < max {
		ch, err := decide(r)
		if errors.Is(err, ErrNoChange) {
			if len(p.events) == 0 && f != nil {
				// Woken for nothing: the schedule predates a policy change.
				r.Schedule = storedSchedule(f(r, tl.events))
			}
			break
		}
		if err == nil && len(ch.Files) > 0 {
			err = errors.New("a system notice carries no files")
		}
		if err != nil {
			p.err = err
			break
		}
		ev := ch.Event
		ev.ReportID = r.ID
		ev.Seq = int(r.Version) + 1
		ev.PrevHash = tl.lastHash
		s.hashEvent(r.TrackingID, &ev, nil, nil)
		tl.lastHash = ev.Hash
		p.events = append(p.events, ev)

		r.Status, r.UnitID, r.Confidential, r.Title = ch.Status, ch.UnitID, ch.Confidential, ch.Title
		r.Rating, r.ReopenCount = ch.Rating, ch.ReopenCount
		r.VerifiedAt, r.CompletedAt = storedTime(ch.VerifiedAt), storedTime(ch.CompletedAt)
		r.UpdatedAt = fromMicro(micro(ev.CreatedAt))
		r.Version++
		// The event as scheduleEvents would read it back.
		se := ev
		se.Message, se.Params, se.Hash, se.PrevHash = "", nil, "", ""
		se.CreatedAt = fromMicro(micro(ev.CreatedAt))
		tl.events = append(tl.events, se)
		if f == nil {
			break // the schedule, which says what is owed, cannot move: one notice
		}
		r.Schedule = storedSchedule(f(r, tl.events))
	}
	p.schedule = !sameSchedule(claimed.Schedule, r.Schedule)
	p.state = r.Status != claimed.Status || !sameInt(r.UnitID, claimed.UnitID) || r.Confidential != claimed.Confidential ||
		r.Title != claimed.Title || r.Rating != claimed.Rating || r.ReopenCount != claimed.ReopenCount ||
		!sameTime(r.VerifiedAt, claimed.VerifiedAt) || !sameTime(r.CompletedAt, claimed.CompletedAt) ||
		!sameTime(r.Schedule.DueAt, claimed.Schedule.DueAt)
	return p
}

func sameInt(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// storedSchedule is sc as the database gives it back (microseconds, UTC),
// so a schedule kept in memory decides like one read again.
func storedSchedule(sc domain.Schedule) domain.Schedule {
	sc.DueAt, sc.OmbudsmanDueAt, sc.WakeAt = storedTime(sc.DueAt), storedTime(sc.OmbudsmanDueAt), storedTime(sc.WakeAt)
	return sc
}

func storedTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := fromMicro(micro(*t))
	return &v
}

var (
	errNoticeConflict = errors.New("the report changed under its lock")
	errNoticeChain    = errors.New("the timeline does not end where the report says")
)

// noticeWriter holds the batch's write statements, prepared once per
// transaction (SQLite; pgx prepares and caches them itself). A reminder,
// an escalation or a flag changes only updated_at, the version and the
// schedule but its due date: it is written by a statement that sets only
// those, so that the indexes on the other columns (status, unit, due_at)
// are left alone (SQLite rewrites the entry of every index on a column an
// UPDATE sets, changed or not).
type noticeWriter struct {
	tx                                 *Tx
	insert, update, touch, setSchedule *sql.Stmt
}

const (
	noticeUpdateReport = `UPDATE reports SET status = ?, unit_id = ?, confidential = ?, title = ?, rating = ?,
		reopen_count = ?, verified_at = ?, completed_at = ?, updated_at = ?, version = ?,
		due_at = ?, due_kind = ?, ombudsman_due_at = ?, wake_at = ?, notices = ?, search_text = ?
		WHERE id = ? AND version = ?`
	noticeTouchReport = `UPDATE reports SET updated_at = ?, version = ?,
		due_kind = ?, ombudsman_due_at = ?, wake_at = ?, notices = ?
		WHERE id = ? AND version = ?`
	noticeSetSchedule = `UPDATE reports SET due_at = ?, due_kind = ?, ombudsman_due_at = ?, wake_at = ?, notices = ?
		WHERE id = ? AND version = ?`
)

func (tx *Tx) noticeWriter(ctx context.Context) *noticeWriter {
	return &noticeWriter{tx: tx, insert: tx.stmt(ctx, insertEventSQL), update: tx.stmt(ctx, noticeUpdateReport),
		touch: tx.stmt(ctx, noticeTouchReport), setSchedule: tx.stmt(ctx, noticeSetSchedule)}
}

func (w *noticeWriter) exec(ctx context.Context, st *sql.Stmt, query string, args ...any) (sql.Result, error) {
	if st != nil {
		return st.ExecContext(ctx, args...)
	}
	return w.tx.ExecContext(ctx, w.tx.s.q(query), args...)
}

// write appends a plan's events and stores the report's new row: state,
// version and schedule in one statement, guarded by the claimed version.
func (w *noticeWriter) write(ctx context.Context, p noticePlan) error {
	r := p.r
	for i := range p.events {
		ev := &p.events[i]
		if _, err := w.exec(ctx, w.insert, insertEventSQL, eventArgs(ev)...); err != nil {
			return err
		}
		if err := w.tx.enqueue(ctx, r, ev, r.UnitID); err != nil { // e.g. an auto-completion
			return err
		}
	}
	sc := r.Schedule
	var res sql.Result
	var err error
	switch {
	case len(p.events) > 0 && !p.state:
		res, err = w.exec(ctx, w.touch, noticeTouchReport, micro(r.UpdatedAt), r.Version,
			string(sc.DueKind), nullMicro(sc.OmbudsmanDueAt), nullMicro(sc.WakeAt), int(sc.Notices),
			r.ID, p.version)
	case len(p.events) > 0:
		res, err = w.exec(ctx, w.update, noticeUpdateReport, string(r.Status), nullInt(r.UnitID), r.Confidential, r.Title,
			r.Rating, r.ReopenCount, nullMicro(r.VerifiedAt), nullMicro(r.CompletedAt), micro(r.UpdatedAt), r.Version,
			nullMicro(sc.DueAt), string(sc.DueKind), nullMicro(sc.OmbudsmanDueAt), nullMicro(sc.WakeAt), int(sc.Notices),
			searchText(r.Title, r.Body), r.ID, p.version)
	case p.schedule:
		res, err = w.exec(ctx, w.setSchedule, noticeSetSchedule, nullMicro(sc.DueAt), string(sc.DueKind),
			nullMicro(sc.OmbudsmanDueAt), nullMicro(sc.WakeAt), int(sc.Notices), r.ID, p.version)
	default:
		return nil
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errNoticeConflict
	}
	return nil
}

// idsIn returns the condition "col is one of ids" with one placeholder and
// its argument, so that the statement's text does not depend on the number
// of ids (and is prepared once): a JSON array read by json_each on SQLite,
// an array on PostgreSQL.
func (s *Store) idsIn(col string, ids []int64) (string, any) {
	if s.dialect == Postgres {
		return col + " = ANY(?)", int64Array(ids)
	}
	return col + " IN (SELECT value FROM json_each(?))", jsonInts(ids)
}

// idsNotIn is the negation of idsIn (true for an empty list).
func (s *Store) idsNotIn(col string, ids []int64) (string, any) {
	if s.dialect == Postgres {
		return "NOT (" + col + " = ANY(?))", int64Array(ids)
	}
	return col + " NOT IN (SELECT value FROM json_each(?))", jsonInts(ids)
}

func int64Array(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

func jsonInts(ids []int64) string {
	var b strings.Builder
	b.Grow(2 + len(ids)*8)
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	return b.String()
}

// isConstraintViolation reports an error of the database's integrity
// rules (unique keys, foreign keys, checks, the append-only triggers).
func isConstraintViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return strings.HasPrefix(pe.Code, "23")
	}
	return false
}
