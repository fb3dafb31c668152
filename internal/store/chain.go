package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// SetChainKey makes every event written from now on carry a keyed hash
// (domain.KeyedEventHash). Without a key events get the plain hash of
// before, which anyone who can write to the database can recompute; call
// it before the store is used.
func (s *Store) SetChainKey(key domain.ChainKey) { s.chain = key }

// hashEvent sets ev's hash and chain version.
func (s *Store) hashEvent(trackingID string, ev *domain.Event, content *domain.SubmittedContent, files []domain.FileDigest) {
	if s.chain == nil {
		ev.Chain, ev.Hash = domain.ChainPlain, domain.EventHash(trackingID, *ev)
		return
	}
	ev.Chain, ev.Hash = domain.ChainKeyed, domain.KeyedEventHash(s.chain, trackingID, *ev, content, files)
}

// ChainFile is a stored file as the audit sees it: what the row says
// (the digest the chain covers) and the SHA-256 of the bytes it holds.
type ChainFile struct {
	domain.FileDigest
	EventID    int64
	DataSHA256 string
}

// chainFiles streams every attachment in report order, so WalkTimelines
// can hand each report its files while holding one report's at a time.
type chainFiles struct {
	rows    *sql.Rows
	pending *ChainFile // read but belonging to a later report
	report  int64      // report of pending
	err     error
}

func (s *Store) openChainFiles(ctx context.Context) (*chainFiles, error) {
	rows, err := s.reads(ctx).QueryContext(ctx, `SELECT report_id, event_id, name, content_type, size, sha256, data
		FROM attachments ORDER BY report_id, id`)
	if err != nil {
		return nil, err
	}
	return &chainFiles{rows: rows}, nil
}

// of returns the files of report id; reports must be asked for in id order.
func (c *chainFiles) of(id int64) ([]ChainFile, error) {
	var out []ChainFile
	for {
		if c.pending != nil {
			if c.report > id {
				return out, nil
			}
			if c.report == id {
				out = append(out, *c.pending)
			}
			c.pending = nil // a file of a report with no row is skipped
		}
		if !c.rows.Next() {
			return out, c.rows.Err()
		}
		var f ChainFile
		var data []byte
		if err := c.rows.Scan(&c.report, &f.EventID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &data); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		f.DataSHA256 = hex.EncodeToString(sum[:])
		c.pending = &f
	}
}

// ChainRekey is the recorded re-key step of a timeline begun with plain
// hashes (domain.RekeyHash).
type ChainRekey struct {
	Seq  int
	Hash string
}

// RekeyPlainChains records, for every report whose timeline begins with
// plain hashes and has no re-key step yet, the keyed hash that seals it as
// it stands (domain.RekeyHash), in batches of one transaction each. fn
// decides for each report (given what the audit walk sees) whether the
// timeline may be sealed, and with which hash: a timeline already broken
// is left unsealed, for the audit to report. It returns the number sealed.
func (s *Store) RekeyPlainChains(ctx context.Context, fn func(r ChainReport, events []domain.Event) (ChainRekey, bool)) (n int, err error) {
	defer domain.Wrap(&err, "store.RekeyPlainChains")
	type seal struct {
		id int64
		ChainRekey
	}
	var todo []seal
	err = s.WalkTimelines(ctx, func(r ChainReport, events []domain.Event) error {
		if r.Rekey != nil || len(events) == 0 || events[0].Chain != domain.ChainPlain {
			return nil
		}
		if k, ok := fn(r, events); ok {
			todo = append(todo, seal{r.ID, k})
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for start := 0; start < len(todo); start += ResealBatch {
		batch := todo[start:min(start+ResealBatch, len(todo))]
		err := s.transact(ctx, func(tx *Tx) error {
			for _, k := range batch {
				res, err := tx.exec(ctx, `INSERT INTO chain_rekeys (report_id, seq, hash) VALUES (?, ?, ?)
					ON CONFLICT (report_id) DO NOTHING`, k.id, k.Seq, k.Hash)
				if err != nil {
					return err
				}
				if c, _ := res.RowsAffected(); c == 1 {
					n++
				}
			}
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func floatPtr(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	f := v.Float64
	return &f
}

// HasKeyedEvents reports whether any event carries a keyed hash: then the
// chain key must not be replaced by a new one.
func (s *Store) HasKeyedEvents(ctx context.Context) (bool, error) {
	var one int
	err := s.reads(ctx).QueryRowContext(ctx, `SELECT 1 FROM events WHERE chain <> 0 LIMIT 1`).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// plainChainsSealedKey marks, in the settings, that the re-key pass of the
// timelines begun with plain hashes has run to its end under a chain key.
// After that no plain first event can appear (every writer keys its
// events), so the start-up check need not look at a million first events
// again; a timeline the pass left unsealed because it was already broken
// stays for `lapor audit verify` to report.
const plainChainsSealedKey = "chain.plain_sealed"

// HasUnsealedPlainChains reports whether some report's timeline begins
// with plain hashes and has no re-key step yet. It answers from the
// settings once MarkPlainChainsSealed has run.
func (s *Store) HasUnsealedPlainChains(ctx context.Context) (bool, error) {
	if done, err := s.Setting(ctx, plainChainsSealedKey); err != nil || done != "" {
		return false, err
	}
	var one int
	err := s.reads(ctx).QueryRowContext(ctx, `SELECT 1 FROM events e WHERE e.seq = 1 AND e.chain = 0
		AND NOT EXISTS (SELECT 1 FROM chain_rekeys k WHERE k.report_id = e.report_id) LIMIT 1`).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// MarkPlainChainsSealed records that the re-key pass is over (see
// plainChainsSealedKey). Only a store that keys its events may say so.
func (s *Store) MarkPlainChainsSealed(ctx context.Context, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.MarkPlainChainsSealed")
	if s.chain == nil {
		return errors.New("no chain key: plain events may still be written")
	}
	return s.PutSetting(ctx, plainChainsSealedKey, now.UTC().Format(time.RFC3339), now)
}
