package store

import (
	"context"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
)

// Listing a search. A search in the default order lists its matches
// newest filed first (sort "s": by id, the order reports arrive in), so
// the full-text index itself can drive the query: SQLite's FTS5 hands
// out its matches in rowid order, and the walk stops at the page's end
// instead of gathering every match of a common word first; PostgreSQL
// picks between its GIN index and the primary key the same way. The
// report whose tracking ID the query is comes first, ahead of the text
// matches and once only: a tracking ID typed into the search box is
// the report the user wants.

// searchSorted reports whether f is a search listed newest filed first.
func searchSorted(f Filter) bool {
	return strings.TrimSpace(f.Query) != "" && !f.DueFirst && !f.Oldest && !f.MostSupported
}

// qualifiedReportColumns are reportColumns named with their table, for
// the join with reports_fts (whose columns are also called title and body).
var qualifiedReportColumns = func() string {
	cols := strings.Split(reportColumns, ",")
	for i, c := range cols {
		cols[i] = "reports." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}()

// searchPlan is a search split into its parts: the filters other than
// the query, the tracking ID the query may be, and the text match.
type searchPlan struct {
	cond     string // the filters other than the query, " AND ..." or ""
	args     []any
	tracking string // the query as a tracking ID, or ""
	from     string // FROM clause and WHERE of the text match, without the filters
	fromArgs []any
	idCol    string // the reports' id as the text match names it
	orderCol string // what to order and page by: FTS5's own rowid, so it walks its index backwards and stops early
}

// planSearch splits f; none is true when f matches nothing at all.
func (s *Store) planSearch(f Filter) (p searchPlan, none bool) {
	q := strings.TrimSpace(f.Query)
	rest := f
	rest.Query = ""
	cond, args, none := s.reportsWhere(rest)
	if none {
		return p, true
	}
	if cond != "" {
		cond = " AND " + strings.TrimPrefix(cond, " WHERE ")
	}
	p.cond, p.args = cond, args
	p.tracking = domain.NormalizeTrackingID(q)
	folded := FoldText(q)
	words := searchWords(folded)
	switch {
	case len(words) == 0:
		p.from, p.fromArgs, p.idCol = ` FROM reports WHERE search_text LIKE ? ESCAPE '\'`, []any{"%" + escapeLike(folded) + "%"}, "id"
	case s.dialect == Postgres:
		p.from, p.fromArgs, p.idCol = ` FROM reports WHERE search_tsv @@ to_tsquery('simple', ?)`, []any{tsPhrase(words)}, "id"
	default:
		// CROSS JOIN keeps FTS5 as the outer loop, in rowid order.
		p.from = ` FROM reports_fts CROSS JOIN reports ON reports.id = reports_fts.rowid WHERE reports_fts MATCH ?`
		p.fromArgs, p.idCol = []any{ftsPhrase(words)}, "reports.id"
	}
	p.orderCol = p.idCol
	if p.idCol == "reports.id" {
		p.orderCol = "reports_fts.rowid"
	}
	return p, false
}

// trackingHit is the report the query names by tracking ID, if it
// passes the other filters.
func (s *Store) trackingHit(ctx context.Context, p searchPlan) (*domain.Report, error) {
	if p.tracking == "" {
		return nil, nil
	}
	r, err := scanReport(s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+reportColumns+` FROM reports WHERE tracking_id = ?`+p.cond),
		append([]any{p.tracking}, p.args...)...))
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return nil, nil
	}
	return r, err
}

// countSearch counts a search's matches up to SearchCountCap+1, the tracking
// ID's report included.
func (s *Store) countSearch(ctx context.Context, f Filter) (int, error) {
	p, none := s.planSearch(f)
	if none {
		return 0, nil
	}
	hit, err := s.trackingHit(ctx, p)
	if err != nil {
		return 0, err
	}
	return s.countText(ctx, p, hit)
}

func (s *Store) countText(ctx context.Context, p searchPlan, hit *domain.Report) (int, error) {
	from, args, n := p.from+p.cond, append(append([]any{}, p.fromArgs...), p.args...), 0
	idCol := p.idCol
	if p.cond == "" && p.idCol == "reports.id" {
		// Nothing to check on the report row: the full-text index alone
		// counts, without a look-up of each match's report.
		from, idCol = ` FROM reports_fts WHERE reports_fts MATCH ?`, "rowid"
	}
	if hit != nil {
		from += " AND " + idCol + " <> ?"
		args = append(args, hit.ID)
		n = 1
	}
	var total int
	err := s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM (SELECT 1`+from+` LIMIT ?) capped`),
		append(args, searchCap+1-n)...).Scan(&total)
	return total + n, err
}

// listSearch is ListReports for a search newest filed first.
func (s *Store) listSearch(ctx context.Context, f Filter) ([]*domain.Report, int, error) {
	p, none := s.planSearch(f)
	if none {
		return nil, 0, nil
	}
	hit, err := s.trackingHit(ctx, p)
	if err != nil {
		return nil, 0, err
	}
	total, err := s.countText(ctx, p, hit)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := f.Limit, f.Offset
	if limit <= 0 || limit > 200 {
		limit = 20
	}
	var out []*domain.Report
	from, args := p.from+p.cond, append(append([]any{}, p.fromArgs...), p.args...)
	if hit != nil {
		from += " AND " + p.idCol + " <> ?"
		args = append(args, hit.ID)
	}
	switch {
	case f.After != "":
		c, err := parseCursor(f.After, "s")
		if err != nil {
			return nil, 0, err
		}
		offset = 0
		if c.v == 0 { // after a text match; after the hit (v 1) the text starts from the top
			from += " AND " + p.orderCol + " < ?"
			args = append(args, c.id)
		}
	case hit != nil && offset == 0:
		out, limit = append(out, hit), limit-1
	case hit != nil:
		offset--
	}
	if limit == 0 {
		return out, total, nil
	}
	cols := reportColumns
	if p.idCol != "id" {
		cols = qualifiedReportColumns
	}
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT `+cols+from+` ORDER BY `+p.orderCol+` DESC LIMIT ? OFFSET ?`),
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}
