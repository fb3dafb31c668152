package store

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/lapor-id/lapor/internal/domain"
)

// Search. Both databases match a search against the same folded copy of
// a report's title and body (reports.search_text), written by the store in
// the same statement or transaction as the title and body, with the
// folding done in Go by FoldText. So a query finds the same reports on
// SQLite and on PostgreSQL, whatever its case or accents ("JALAN" finds
// "jalan", "cafe" finds "Café"), which LIKE (ASCII-only case folding on
// SQLite) and ILIKE (no accent folding) could not give. Only the title
// and the body are copied: never the reporter's identity or contact.
//
// searchText, FoldText and searchCondition are the whole of it; the
// full-text indexes over the folded copy are kept in step by the
// databases themselves (a trigger, a generated column).

// FoldText returns s as search compares it: Unicode full case folding,
// compatibility decomposition with the combining marks dropped (accents,
// and width and ligature variants), a few letters that have no
// decomposition mapped to their base letter, and every run of white space
// made one space, trimmed at both ends. Query and stored text go through
// the same function, so only their folded forms are ever compared.
func FoldText(s string) string {
	s = norm.NFKD.String(cases.Fold().String(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if m, ok := baseLetters[r]; ok {
			b.WriteString(m)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// baseLetters are lower-case letters (as case folding leaves them) that
// Unicode does not decompose into a base letter and a mark.
var baseLetters = map[rune]string{
	'ø': "o", 'đ': "d", 'ł': "l", 'ħ': "h", 'ı': "i", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d",
}

// searchText is the stored search copy of a report. The folded title and
// body are joined by a line break, which folding never leaves inside
// either, so a match cannot run from the title into the body.
func searchText(title, body string) string {
	return FoldText(title) + "\n" + FoldText(body)
}

// searchCondition is the WHERE condition of a report search and its
// arguments: the words of the folded query as a phrase, the last word a
// prefix, within the title or within the body (full-text indexes:
// reports_fts on SQLite, search_tsv on PostgreSQL, the same tokens on
// both), or the query as a tracking ID. A query without a word (only
// punctuation, "%") is looked for as it stands in the folded text: rare,
// and limited like every search.
func (s *Store) searchCondition(query string) (string, []any) {
	folded := FoldText(query)
	id := domain.NormalizeTrackingID(query)
	words := searchWords(folded)
	if len(words) == 0 {
		return `(search_text LIKE ? ESCAPE '\' OR tracking_id = ?)`, []any{"%" + escapeLike(folded) + "%", id}
	}
	if s.dialect == Postgres {
		return `(search_tsv @@ to_tsquery('simple', ?) OR tracking_id = ?)`, []any{tsPhrase(words), id}
	}
	return `(id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?) OR tracking_id = ?)`, []any{ftsPhrase(words), id}
}

// maxSearchWords bounds the words of a query that are matched.
const maxSearchWords = 8

// searchWords splits folded text into the words both indexes make of it:
// runs of letters and digits.
func searchWords(folded string) []string {
	words := strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(words) > maxSearchWords {
		words = words[:maxSearchWords]
	}
	return words
}

// ftsPhrase is an FTS5 query: the words as a phrase, the last a prefix,
// in the title or in the body. Words are letters and digits only, so
// quoting them is safe.
func ftsPhrase(words []string) string {
	phrase := `"` + strings.Join(words, " ") + `" *`
	return "title : " + phrase + " OR body : " + phrase
}

// tsPhrase is the same query for PostgreSQL: the words followed one by
// one (<->), the last a prefix, all in the title (weight A) or all in the
// body (weight B).
func tsPhrase(words []string) string {
	in := func(weight string) string {
		parts := make([]string, len(words))
		for i, w := range words {
			parts[i] = w + ":" + weight
			if i == len(words)-1 {
				parts[i] = w + ":*" + weight
			}
		}
		return "(" + strings.Join(parts, " <-> ") + ")"
	}
	return in("A") + " | " + in("B")
}

// searchBackfillBatch is how many reports one transaction of
// backfillSearchText fills in.
const searchBackfillBatch = 500

// backfillSearchText writes the search copy of reports stored before it
// existed (the migration adds an empty column; folding happens in Go). It
// runs at every start, and finds nothing to do once a database is filled.
func (s *Store) backfillSearchText(ctx context.Context) error {
	for {
		n := 0
		err := s.transact(ctx, func(tx *Tx) error {
			n = 0
			rows, err := tx.query(ctx, `SELECT id, title, body FROM reports WHERE search_text IS NULL ORDER BY id LIMIT ?`,
				searchBackfillBatch)
			if err != nil {
				return err
			}
			type row struct {
				id          int64
				title, body string
			}
			var batch []row
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.id, &r.title, &r.body); err != nil {
					rows.Close()
					return err
				}
				batch = append(batch, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, r := range batch {
				if _, err := tx.exec(ctx, `UPDATE reports SET search_text = ? WHERE id = ? AND search_text IS NULL`,
					searchText(r.title, r.body), r.id); err != nil {
					return err
				}
			}
			n = len(batch)
			return nil
		})
		if err != nil || n < searchBackfillBatch {
			return err
		}
	}
}
