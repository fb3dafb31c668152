package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// Conversation is a report being put together over several messages of
// one sender: its sealed state and the version it was read at.
type Conversation struct {
	Key       string
	Sealed    []byte
	Version   int64
	UpdatedAt time.Time
}

// ChannelSeen reports whether the message msgKey was already taken in.
func (s *Store) ChannelSeen(ctx context.Context, msgKey string) (_ bool, err error) {
	defer domain.Wrap(&err, "store.ChannelSeen")
	var n int
	err = s.write.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM channel_seen WHERE msg_key = ?`), msgKey).Scan(&n)
	return n > 0, err
}

// markSeen records message msgKey in the caller's transaction; false when
// it already was.
func (tx *Tx) markSeen(ctx context.Context, msgKey string, now time.Time) (bool, error) {
	var key string
	err := tx.queryRow(ctx, `INSERT INTO channel_seen (msg_key, created_at) VALUES (?, ?)
		ON CONFLICT (msg_key) DO NOTHING RETURNING msg_key`, msgKey, micro(now)).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// conversation reads convKey's row; lock, on PostgreSQL, first makes sure
// there is a row (an empty state stands for none) and locks it, so two
// messages of one sender taken in at once change it one after the other
// (SQLite has one writer already).
func (tx *Tx) conversation(ctx context.Context, convKey string, since time.Time, lock bool) (*Conversation, error) {
	suffix := ""
	if lock && tx.s.dialect == Postgres {
		if _, err := tx.exec(ctx, `INSERT INTO channel_conversations (conv_key, sealed_state, version, updated_at) VALUES (?, ?, 0, 0)
			ON CONFLICT (conv_key) DO NOTHING`, convKey, []byte{}); err != nil {
			return nil, err
		}
		suffix = " FOR UPDATE"
	}
	c := &Conversation{Key: convKey}
	var updated int64
	err := tx.queryRow(ctx, `SELECT sealed_state, version, updated_at FROM channel_conversations WHERE conv_key = ?`+suffix, convKey).
		Scan(&c.Sealed, &c.Version, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.UpdatedAt = fromMicro(updated)
	if len(c.Sealed) == 0 || c.UpdatedAt.Before(since) {
		c.Sealed = nil // none yet, or gone stale: the sender starts again
	}
	return c, nil
}

// Conversation returns the conversation convKey as last written since
// since, or not found.
func (s *Store) Conversation(ctx context.Context, convKey string, since time.Time) (_ *Conversation, err error) {
	defer domain.Wrap(&err, "store.Conversation")
	var c *Conversation
	err = s.transact(ctx, func(tx *Tx) error {
		c, err = tx.conversation(ctx, convKey, since, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	if c == nil || c.Sealed == nil {
		return nil, errNotFound
	}
	return c, nil
}

// ConversationStep takes in message msgKey of the conversation convKey in
// one transaction: step gets the sealed state written since since (nil
// for none) and returns the new one (nil ends the conversation; the same
// state leaves it as it is). A message taken in before changes nothing and
// reports seen.
func (s *Store) ConversationStep(ctx context.Context, msgKey, convKey string, now, since time.Time,
	step func(prev []byte) ([]byte, error)) (seen bool, err error) {
	defer domain.Wrap(&err, "store.ConversationStep")
	err = s.transact(ctx, func(tx *Tx) error {
		fresh, err := tx.markSeen(ctx, msgKey, now)
		if err != nil || !fresh {
			seen = !fresh
			return err
		}
		c, err := tx.conversation(ctx, convKey, since, true)
		if err != nil {
			return err
		}
		var prev []byte
		if c != nil {
			prev = c.Sealed
		}
		next, err := step(prev)
		if err != nil {
			return err
		}
		switch {
		case next == nil && c != nil:
			_, err = tx.exec(ctx, `DELETE FROM channel_conversations WHERE conv_key = ?`, convKey)
		case next == nil, bytes.Equal(next, prev):
		default:
			_, err = tx.exec(ctx, `INSERT INTO channel_conversations (conv_key, sealed_state, version, updated_at) VALUES (?, ?, 1, ?)
				ON CONFLICT (conv_key) DO UPDATE SET sealed_state = excluded.sealed_state,
				version = channel_conversations.version + 1, updated_at = excluded.updated_at`, convKey, next, micro(now))
		}
		return err
	})
	return seen, err
}

// errConversationMoved means the conversation changed after it was read.
var errConversationMoved = errors.New("conversation changed while it was filed")

// FileConversation stores the report a conversation put together, filed
// by message msgKey, in one transaction with the record of that message
// (its sealed reply, as CreateChannelReport keeps) and the end of the
// conversation c. A message taken in before files nothing (filed false).
// When the conversation changed after c was read (another message came in
// between) nothing is filed and the error is a conflict.
func (s *Store) FileConversation(ctx context.Context, msgKey string, c *Conversation, r *domain.Report, ev *domain.Event,
	files []NewAttachment, reply func(*domain.Report) ([]byte, error), now time.Time) (filed bool, err error) {
	defer domain.Wrap(&err, "store.FileConversation")
	_, filed, err = s.createMessageReport(ctx, msgKey, r, ev, files, reply, nil, func(tx *Tx) error {
		fresh, err := tx.markSeen(ctx, msgKey, now)
		if err != nil {
			return err
		}
		if !fresh {
			return errMessageTaken
		}
		res, err := tx.exec(ctx, `DELETE FROM channel_conversations WHERE conv_key = ? AND version = ?`, c.Key, c.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errConversationMoved
		}
		return nil
	})
	if errors.Is(err, errConversationMoved) {
		return false, domain.Errorf(domain.CodeConflict, "error.conflict")
	}
	return filed, err
}

// ChannelReplyOfReport returns the sealed reply given to the message that
// filed report reportID, and that message's key; not found for a report
// no channel message filed.
func (s *Store) ChannelReplyOfReport(ctx context.Context, reportID int64) (msgKey string, sealed []byte, err error) {
	defer domain.Wrap(&err, "store.ChannelReplyOfReport(%d)", reportID)
	err = s.read.QueryRowContext(ctx, s.q(`SELECT msg_key, sealed_reply FROM channel_messages WHERE report_id = ?`), reportID).
		Scan(&msgKey, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, errNotFound
	}
	return msgKey, sealed, err
}

// DropConversations forgets conversations last written before before and
// the record of messages seen before seenBefore; it returns how many
// conversations went.
func (s *Store) DropConversations(ctx context.Context, before, seenBefore time.Time) (_ int, err error) {
	defer domain.Wrap(&err, "store.DropConversations")
	var n int64
	err = s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM channel_conversations WHERE updated_at < ?`, micro(before))
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		_, err = tx.exec(ctx, `DELETE FROM channel_seen WHERE created_at < ?`, micro(seenBefore))
		return err
	})
	return int(n), err
}
