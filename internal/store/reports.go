package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// NewAttachment is a file to store with an event.
type NewAttachment struct {
	Name        string
	ContentType string
	SHA256      string
	Data        []byte
}

// Attachment is a stored file's description (Data only when asked for).
type Attachment = domain.Attachment

// CreateReport stores a new report, its submission event and its files in
// one transaction, and returns only once that transaction is durable. The
// tracking ID is replaced if it collides with an existing one.
func (s *Store) CreateReport(ctx context.Context, r *domain.Report, ev *domain.Event, files []NewAttachment) (err error) {
	defer domain.Wrap(&err, "store.CreateReport")
	if s.commits != nil {
		return s.commits.submit(ctx, r, ev, files)
	}
	return s.transact(ctx, func(tx *Tx) error { return tx.createReport(ctx, r, ev, files) })
}

// errTrackingTaken means the tracking ID is already used; nothing was written.
var errTrackingTaken = errors.New("tracking ID taken")

// insertReport writes a report, drawing a new tracking ID on a collision.
// A collision writes nothing (ON CONFLICT DO NOTHING), so no savepoint is
// needed and a batch of reports can share the transaction.
func (tx *Tx) insertReport(ctx context.Context, r *domain.Report, ev *domain.Event, files []NewAttachment) error {
	for attempt := 0; ; attempt++ {
		err := tx.insertReportOnce(ctx, r, ev, files)
		if errors.Is(err, errTrackingTaken) && attempt < 8 {
			r.TrackingID = domain.NewTrackingID()
			continue
		}
		return err
	}
}

func (tx *Tx) insertReportOnce(ctx context.Context, r *domain.Report, ev *domain.Event, files []NewAttachment) error {
	var lat, lon any
	if r.Location.Lat != nil {
		lat, lon = *r.Location.Lat, *r.Location.Lon
	}
	ev.Seq = 1
	ev.PrevHash = ""
	// The first deadline follows from the submission alone, so it is
	// written with the row instead of by a second statement.
	f, err := tx.s.scheduleFunc()
	if err != nil {
		return err
	}
	r.Schedule = f(r, []domain.Event{*ev})
	sc := r.Schedule
	err = tx.queryRow(ctx, `INSERT INTO reports (tracking_id, receipt_hash, kind, status, title, body, category_id,
		unit_id, requested_unit_id, incident_date, address, kelurahan, kecamatan, lat, lon, anonymous, confidential,
		show_name, channel, sealed_identity, account_id, created_at, updated_at, version,
		due_at, due_kind, ombudsman_due_at, wake_at, notices, search_text, area_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (tracking_id) DO NOTHING RETURNING id`,
		r.TrackingID, r.ReceiptHash, string(r.Kind), string(r.Status), r.Title, r.Body, nullInt(r.CategoryID),
		nullInt(r.UnitID), nullInt(r.RequestedUnit), r.IncidentDate, r.Location.Address, r.Location.Kelurahan,
		r.Location.Kecamatan, lat, lon, r.Anonymous, r.Confidential, r.ShowName, string(r.Channel),
		r.SealedIdentity, nullInt(r.AccountID), micro(r.CreatedAt), micro(r.UpdatedAt),
		nullMicro(sc.DueAt), string(sc.DueKind), nullMicro(sc.OmbudsmanDueAt), nullMicro(sc.WakeAt), int(sc.Notices),
		searchText(r.Title, r.Body), nullInt(r.Location.AreaID)).Scan(&r.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return errTrackingTaken
	}
	if err != nil {
		return err
	}
	r.Version = 1
	ev.ReportID = r.ID
	return tx.insertEvent(ctx, r.TrackingID, ev, files, submittedContent(r))
}

// submittedContent is the part of a new report its submission's keyed hash
// covers.
func submittedContent(r *domain.Report) *domain.SubmittedContent {
	return &domain.SubmittedContent{Kind: r.Kind, Title: r.Title, Body: r.Body, IncidentDate: r.IncidentDate,
		Location: r.Location, CreatedAt: r.CreatedAt, ShowName: r.ShowName, Channel: r.Channel, RequestedUnit: r.RequestedUnit}
}

// insertEventSQL appends an event; eventArgs are its arguments.
const insertEventSQL = `INSERT INTO events (report_id, seq, type, actor_role, actor_user_id, actor_unit_id, unit_id,
	from_status, to_status, message, reason, params, rating, internal, created_at, prev_hash, hash, chain)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func eventArgs(ev *domain.Event) []any {
	var params any // NULL without params
	if p := ev.Params.Encode(); p != "" {
		params = p
	}
	return []any{ev.ReportID, ev.Seq, string(ev.Type), string(ev.ActorRole), nullInt(ev.ActorUserID),
		nullInt(ev.ActorUnitID), nullInt(ev.UnitID), string(ev.FromStatus), string(ev.ToStatus), ev.Message, ev.Reason,
		params, ev.Rating, ev.Internal, micro(ev.CreatedAt), ev.PrevHash, ev.Hash, ev.Chain}
}

// insertEvent appends ev with its files; content is the submitted report
// when ev is its submission, nil otherwise.
func (tx *Tx) insertEvent(ctx context.Context, trackingID string, ev *domain.Event, files []NewAttachment, content *domain.SubmittedContent) error {
	digests := make([]domain.FileDigest, len(files))
	for i, f := range files {
		digests[i] = domain.FileDigest{Name: f.Name, ContentType: f.ContentType, Size: int64(len(f.Data)), SHA256: f.SHA256}
	}
	tx.s.hashEvent(trackingID, ev, content, digests)
	err := tx.queryRow(ctx, insertEventSQL+` RETURNING id`, eventArgs(ev)...).Scan(&ev.ID)
	if err != nil {
		return err
	}
	for _, f := range files {
		if _, err := tx.exec(ctx, `INSERT INTO attachments (report_id, event_id, name, content_type, size, sha256, data, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, ev.ReportID, ev.ID, f.Name, f.ContentType, len(f.Data), f.SHA256, f.Data,
			micro(ev.CreatedAt)); err != nil {
			return err
		}
	}
	return nil
}

const reportColumns = `id, tracking_id, receipt_hash, kind, status, title, body, category_id, unit_id, requested_unit_id,
	incident_date, address, kelurahan, kecamatan, lat, lon, anonymous, confidential, show_name, channel,
	sealed_identity, account_id, rating, reopen_count, version, created_at, updated_at, verified_at, completed_at,
	due_at, due_kind, ombudsman_due_at, wake_at, notices, area_id`

func scanReport(row interface{ Scan(...any) error }) (*domain.Report, error) {
	var r domain.Report
	var cat, unit, req, acct, verified, completed sql.NullInt64
	var lat, lon sql.NullFloat64
	var created, updated int64
	var due, ombudsman, wake, area sql.NullInt64
	err := row.Scan(&r.ID, &r.TrackingID, &r.ReceiptHash, &r.Kind, &r.Status, &r.Title, &r.Body, &cat, &unit, &req,
		&r.IncidentDate, &r.Location.Address, &r.Location.Kelurahan, &r.Location.Kecamatan, &lat, &lon,
		&r.Anonymous, &r.Confidential, &r.ShowName, &r.Channel, &r.SealedIdentity, &acct, &r.Rating,
		&r.ReopenCount, &r.Version, &created, &updated, &verified, &completed,
		&due, &r.Schedule.DueKind, &ombudsman, &wake, &r.Schedule.Notices, &area)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	r.CategoryID, r.UnitID, r.RequestedUnit, r.AccountID = int64Ptr(cat), int64Ptr(unit), int64Ptr(req), int64Ptr(acct)
	r.Location.AreaID = int64Ptr(area)
	if lat.Valid && lon.Valid {
		la, lo := lat.Float64, lon.Float64
		r.Location.Lat, r.Location.Lon = &la, &lo
	}
	r.CreatedAt, r.UpdatedAt = fromMicro(created), fromMicro(updated)
	r.VerifiedAt, r.CompletedAt = timePtr(verified), timePtr(completed)
	r.Schedule.DueAt, r.Schedule.OmbudsmanDueAt, r.Schedule.WakeAt = timePtr(due), timePtr(ombudsman), timePtr(wake)
	return &r, nil
}

// ReportByTrackingID finds a report by its public ID.
func (s *Store) ReportByTrackingID(ctx context.Context, trackingID string) (_ *domain.Report, err error) {
	defer domain.Wrap(&err, "store.ReportByTrackingID(%q)", trackingID)
	return scanReport(s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+reportColumns+` FROM reports WHERE tracking_id = ?`), trackingID))
}

// Change is what an action does to a report: the event to append and the
// fields it sets. The caller computes it from the current report with the
// domain's rules; Act applies it atomically.
type Change struct {
	Event        domain.Event
	Also         []domain.Event // appended after Event in the same transaction, e.g. the internal note of a verification
	Files        []NewAttachment
	Status       domain.Status
	UnitID       *int64
	Confidential bool
	Title        string
	Category     *int64 // set_category: the new category; nil leaves it
	Rating       int
	ReopenCount  int
	VerifiedAt   *time.Time
	CompletedAt  *time.Time
	Link         *Link // another report reached in the same transaction (duplicates.go)
}

// ErrNoChange may be returned by an Act callback to write nothing.
var ErrNoChange = errors.New("no change")

// Act loads a report inside a write transaction, lets decide compute the
// change from its current state, and writes the event and the new state.
// The report returned is the state after the change.
func (s *Store) Act(ctx context.Context, trackingID string, decide func(r *domain.Report) (*Change, error)) (_ *domain.Report, _ *domain.Event, err error) {
	defer domain.Wrap(&err, "store.Act(%q)", trackingID)
	var out *domain.Report
	var outEv *domain.Event
	err = s.transact(ctx, func(tx *Tx) error {
		lock := ""
		if s.dialect == Postgres {
			lock = " FOR UPDATE"
		}
		r, err := scanReport(tx.queryRow(ctx, `SELECT `+reportColumns+` FROM reports WHERE tracking_id = ?`+lock, trackingID))
		if err != nil {
			return err
		}
		ch, err := decide(r)
		if err != nil {
			return err
		}
		ev := ch.Event
		ev.ReportID = r.ID
		ev.Seq = int(r.Version) + 1
		if err := tx.queryRow(ctx, `SELECT hash FROM events WHERE report_id = ? AND seq = ?`, r.ID, r.Version).Scan(&ev.PrevHash); err != nil {
			return fmt.Errorf("previous event: %w", err)
		}
		if err := tx.insertEvent(ctx, r.TrackingID, &ev, ch.Files, nil); err != nil {
			return err
		}
		if err := tx.enqueue(ctx, r, &ev, ch.UnitID); err != nil { // outbox.go: in this same transaction
			return err
		}
		prev := ev
		for _, also := range ch.Also {
			also.ReportID, also.Seq, also.PrevHash = r.ID, prev.Seq+1, prev.Hash
			if err := tx.insertEvent(ctx, r.TrackingID, &also, nil, nil); err != nil {
				return err
			}
			prev = also
		}
		res, err := tx.exec(ctx, `UPDATE reports SET status = ?, unit_id = ?, confidential = ?, title = ?, rating = ?,
			reopen_count = ?, verified_at = ?, completed_at = ?, updated_at = ?, version = ?
			WHERE id = ? AND version = ?`,
			string(ch.Status), nullInt(ch.UnitID), ch.Confidential, ch.Title, ch.Rating, ch.ReopenCount,
			nullMicro(ch.VerifiedAt), nullMicro(ch.CompletedAt), micro(ev.CreatedAt), int64(prev.Seq), r.ID, r.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.CodeConflict, "error.concurrent_change")
		}
		if ch.Category != nil {
			if _, err := tx.exec(ctx, `UPDATE reports SET category_id = ? WHERE id = ?`, *ch.Category, r.ID); err != nil {
				return err
			}
			r.CategoryID = ch.Category
		}
		if ch.Title != r.Title {
			// The search copy follows the title in the same transaction.
			if _, err := tx.exec(ctx, `UPDATE reports SET search_text = ? WHERE id = ?`, searchText(ch.Title, r.Body), r.ID); err != nil {
				return err
			}
		}
		r.Status, r.UnitID, r.Confidential, r.Title = ch.Status, ch.UnitID, ch.Confidential, ch.Title
		r.Rating, r.ReopenCount, r.VerifiedAt, r.CompletedAt = ch.Rating, ch.ReopenCount, ch.VerifiedAt, ch.CompletedAt
		r.UpdatedAt = ev.CreatedAt
		r.Version = int64(prev.Seq)
		if err := tx.writeSchedule(ctx, r, nil); err != nil {
			return err
		}
		if ch.Link != nil {
			if err := tx.actLink(ctx, r, ch.Link); err != nil {
				return err
			}
		}
		out, outEv = r, &ev
		return nil
	})
	return out, outEv, err
}

const eventColumns = `id, report_id, seq, type, actor_role, actor_user_id, actor_unit_id, unit_id, from_status,
	to_status, message, reason, params, rating, internal, created_at, prev_hash, hash`

func scanEvent(row interface{ Scan(...any) error }) (domain.Event, error) {
	var e domain.Event
	var user, aunit, unit sql.NullInt64
	var params sql.NullString
	var created int64
	err := row.Scan(&e.ID, &e.ReportID, &e.Seq, &e.Type, &e.ActorRole, &user, &aunit, &unit, &e.FromStatus,
		&e.ToStatus, &e.Message, &e.Reason, &params, &e.Rating, &e.Internal, &created, &e.PrevHash, &e.Hash)
	if err != nil {
		return e, err
	}
	e.ActorUserID, e.ActorUnitID, e.UnitID = int64Ptr(user), int64Ptr(aunit), int64Ptr(unit)
	e.CreatedAt = fromMicro(created)
	if e.Params, err = domain.DecodeParams(params.String); err != nil {
		return e, fmt.Errorf("event %d: params: %w", e.ID, err)
	}
	return e, nil
}

// Events returns a report's timeline, oldest first.
func (s *Store) Events(ctx context.Context, reportID int64) (_ []domain.Event, err error) {
	defer domain.Wrap(&err, "store.Events(%v)", reportID)
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT `+eventColumns+` FROM events WHERE report_id = ? ORDER BY seq`), reportID)
	return collect(rows, err, scanEvent)
}

// Attachments lists a report's files without their content.
func (s *Store) Attachments(ctx context.Context, reportID int64) (_ []Attachment, err error) {
	defer domain.Wrap(&err, "store.Attachments(%v)", reportID)
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT id, report_id, event_id, name, content_type, size, sha256, created_at
		FROM attachments WHERE report_id = ? ORDER BY id`), reportID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		var created int64
		if err := rows.Scan(&a.ID, &a.ReportID, &a.EventID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &created); err != nil {
			return nil, err
		}
		a.CreatedAt = fromMicro(created)
		out = append(out, a)
	}
	return out, rows.Err()
}

// AttachmentData returns one file of a report with its content.
func (s *Store) AttachmentData(ctx context.Context, reportID, id int64) (_ Attachment, err error) {
	defer domain.Wrap(&err, "store.AttachmentData(%v, %v)", reportID, id)
	var a Attachment
	var created int64
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT id, report_id, event_id, name, content_type, size, sha256, data, created_at
		FROM attachments WHERE report_id = ? AND id = ?`), reportID, id).
		Scan(&a.ID, &a.ReportID, &a.EventID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.Data, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return a, errNotFound
	}
	a.CreatedAt = fromMicro(created)
	return a, err
}

// Filter selects reports for a staff inbox.
type Filter struct {
	Status      []domain.Status
	Kind        domain.Kind
	NotKind     domain.Kind // leaves this kind out: an officer's inbox has no information requests
	UnitIDs     []int64     // nil: any unit; empty non-nil: none
	KecamatanID int64       // only reports about one of this kecamatan's kelurahan; 0: any
	Query       string
	Oldest      bool       // oldest first (verification queue)
	DueFirst    bool       // soonest deadline first, reports without one last
	Updated     bool       // most recently changed first (the inbox)
	OverdueAt   *time.Time // only reports past a verification or follow-up deadline at this instant
	CategoryIDs []int64    // nil: any category; empty non-nil: none
	Channel     domain.Channel
	// FiledFrom and FiledBefore bound when a report was filed: from the
	// first instant on, before the second.
	FiledFrom, FiledBefore *time.Time
	// Public keeps only what the public may see: verified (Status.Public)
	// and not confidential. The public list sets it; Status narrows it.
	Public        bool
	MostSupported bool // most supports first (the public list); pages by Offset only
	Limit, Offset int
	// After is a cursor (Filter.Cursor of the last report of the page
	// before): the page starts after it, and Offset is ignored. The total
	// still counts every match.
	After string
}

// CountCap is where ListReports stops counting: a total of CountCap+1
// means "more than CountCap".
const CountCap = 10000

// SearchCountCap is where a search stops counting. A search filtered by
// anything but its words checks each match's report row, one look-up
// per match, so it counts less far: nobody pages through a thousand
// search results, and "more than 1,000" says enough.
const SearchCountCap = 1000

// countCap and searchCap are CountCap and SearchCountCap, lowered by
// tests to see the caps at work.
var countCap, searchCap = CountCap, SearchCountCap

// CapFor is where the count of f stops: a total of CapFor(f)+1 means
// "more than CapFor(f)".
func CapFor(f Filter) int {
	if strings.TrimSpace(f.Query) != "" {
		return searchCap
	}
	return countCap
}

// reportsWhere is the WHERE clause (with its leading space) and the
// arguments of f's conditions, keyset aside; none is false when f matches
// nothing at all (an empty unit list).
func (s *Store) reportsWhere(f Filter) (cond string, args []any, none bool) {
	var where []string
	if len(f.Status) > 0 {
		ph := make([]string, len(f.Status))
		for i, st := range f.Status {
			ph[i] = "?"
			args = append(args, string(st))
		}
		where = append(where, "status IN ("+strings.Join(ph, ",")+")")
	}
	if f.Kind != "" {
		where = append(where, "kind = ?")
		args = append(args, string(f.Kind))
	}
	if f.NotKind != "" {
		where = append(where, "kind <> ?")
		args = append(args, string(f.NotKind))
	}
	if f.UnitIDs != nil {
		if len(f.UnitIDs) == 0 {
			return "", nil, true
		}
		ph := make([]string, len(f.UnitIDs))
		for i, id := range f.UnitIDs {
			ph[i] = "?"
			args = append(args, id)
		}
		where = append(where, "unit_id IN ("+strings.Join(ph, ",")+")")
	}
	if f.KecamatanID != 0 {
		where = append(where, "area_id IN (SELECT id FROM areas WHERE parent_id = ?)")
		args = append(args, f.KecamatanID)
	}
	if f.Public {
		// On SQLite the unary + keeps the planner off the indexes of the
		// status for this filter, which four in five reports pass: taken,
		// the public list sorted every public report for a page (3 s at a
		// million). The list walks its order's index instead (filing time,
		// supports) and stops at the page; a status or unit asked for
		// still uses its own index.
		pub := "confidential = ? AND status IN (" + publicStatuses + ")"
		if s.dialect == SQLite {
			pub = "+confidential = ? AND +status IN (" + publicStatuses + ")"
		}
		where = append(where, pub)
		args = append(args, false)
	}
	if f.CategoryIDs != nil {
		if len(f.CategoryIDs) == 0 {
			return "", nil, true
		}
		where = append(where, "category_id IN ("+marks(len(f.CategoryIDs))+")")
		for _, id := range f.CategoryIDs {
			args = append(args, id)
		}
	}
	if f.Channel != "" {
		where = append(where, "channel = ?")
		args = append(args, string(f.Channel))
	}
	if f.FiledFrom != nil {
		where = append(where, "created_at >= ?")
		args = append(args, micro(*f.FiledFrom))
	}
	if f.FiledBefore != nil {
		where = append(where, "created_at < ?")
		args = append(args, micro(*f.FiledBefore))
	}
	if f.OverdueAt != nil {
		// On SQLite the unary + keeps the planner off the index of every
		// deadline (a sort of all open ones): reports_overdue holds the
		// date, the deadline and its kind, so the page and the count walk
		// it newest first without reading a report row.
		due := "due_at"
		if s.dialect == SQLite {
			due = "+due_at"
		}
		where = append(where, "due_kind IN ("+overdueKindsSQL+") AND "+due+" < ?")
		args = append(args, micro(*f.OverdueAt))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		c, a := s.searchCondition(q)
		where = append(where, c)
		args = append(args, a...)
	}
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	return cond, args, false
}

// publicStatuses lists, for SQL, the states in which a report may be
// public (domain.Status.Public).
var publicStatuses = func() string {
	var q []string
	for _, st := range domain.Statuses {
		if st.Public() {
			q = append(q, "'"+string(st)+"'")
		}
	}
	return strings.Join(q, ",")
}()

// CountReports counts the reports f matches, up to CapFor(f)+1, without
// listing any: for tab counts.
func (s *Store) CountReports(ctx context.Context, f Filter) (_ int, err error) {
	defer domain.Wrap(&err, "store.CountReports")
	if searchSorted(f) {
		return s.countSearch(ctx, f)
	}
	cond, args, none := s.reportsWhere(f)
	if none {
		return 0, nil
	}
	return s.countWhere(ctx, cond, args, CapFor(f))
}

// countWhere counts matches of cond, stopping past CountCap: an exact count
// of a million matches would cost more than the page itself.
func (s *Store) countWhere(ctx context.Context, cond string, args []any, limit int) (int, error) {
	var total int
	err := s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM (SELECT 1 FROM reports`+cond+` LIMIT ?) capped`),
		append(args, limit+1)...).Scan(&total)
	return total, err
}

// ListReports returns one page of reports and the total matching, counted
// up to CapFor(f)+1.
func (s *Store) ListReports(ctx context.Context, f Filter) (_ []*domain.Report, _ int, err error) {
	defer domain.Wrap(&err, "store.ListReports")
	if searchSorted(f) {
		return s.listSearch(ctx, f)
	}
	cond, args, none := s.reportsWhere(f)
	if none {
		return nil, 0, nil
	}
	total, err := s.countWhere(ctx, cond, args, CapFor(f))
	if err != nil {
		return nil, 0, err
	}
	offset := f.Offset
	if f.After != "" {
		kc, ka, err := keysetCondition(f, f.After)
		if err != nil {
			return nil, 0, err
		}
		if cond == "" {
			cond = " WHERE " + kc
		} else {
			cond += " AND " + kc
		}
		args, offset = append(args, ka...), 0
	}
	order := orders[sortOf(f)]
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 20
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT `+reportColumns+` FROM `+s.publicListFrom(f, total)+cond+order+` LIMIT ? OFFSET ?`),
		append(args, f.Limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*domain.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// publicWalkFrom is how many matches make the public list walk the index
// of filing time rather than its filter's index.
const publicWalkFrom = 1000

// publicListFrom is the FROM of a page of the public list in filing order.
// On SQLite, a filter that many reports pass (a category group, the open
// states of "oldest open", a kecamatan), as its capped count tells, walks
// reports_created in the page's order and stops at the page; the planner
// would take the filter's index and sort every match (a second at a
// million). A unit has its own index in filing order, a search its own
// path; a filter few reports pass keeps its index.
func (s *Store) publicListFrom(f Filter, total int) string {
	if s.dialect != SQLite || !f.Public || f.UnitIDs != nil || strings.TrimSpace(f.Query) != "" || total <= publicWalkFrom {
		return "reports"
	}
	switch sortOf(f) {
	case "n", "o":
		return "reports INDEXED BY reports_created"
	}
	return "reports"
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
