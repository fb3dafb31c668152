package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lapor-id/lapor/internal/domain"
)

// ChannelMessageKey names a message of a channel: the channel and the
// gateway's own message id.
func ChannelMessageKey(channel domain.Channel, messageID string) string {
	return string(channel) + ":" + messageID
}

// ChannelReply returns the sealed reply given to the message msgKey, or
// not found when that message filed nothing yet.
func (s *Store) ChannelReply(ctx context.Context, msgKey string) (_ []byte, err error) {
	defer domain.Wrap(&err, "store.ChannelReply")
	var sealed []byte
	err = s.write.QueryRowContext(ctx, s.q(`SELECT sealed_reply FROM channel_messages WHERE msg_key = ?`), msgKey).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return sealed, err
}

// errMessageTaken means another transaction recorded the message first.
var errMessageTaken = errors.New("channel message already recorded")

// CreateChannelReport stores a report filed by the channel message msgKey
// together with the record of that message, in one transaction. reply
// seals the answer once the report's tracking ID is final. When the
// message was already recorded (a gateway's retry, even one racing the
// first delivery), nothing is filed and the first answer is returned with
// filed false.
func (s *Store) CreateChannelReport(ctx context.Context, msgKey string, r *domain.Report, ev *domain.Event,
	files []NewAttachment, reply func(*domain.Report) ([]byte, error)) (sealed []byte, filed bool, err error) {
	return s.CreateSourcedReport(ctx, msgKey, r, ev, files, reply, nil)
}

// NewSource is where a channel report came from (report_sources), sealed
// by Seal once the report has its id.
type NewSource struct {
	Network string
	Seal    func(*domain.Report) []byte
}

// CreateSourcedReport is CreateChannelReport that also records, in the
// same transaction, where the report came from (nil: nowhere to record).
func (s *Store) CreateSourcedReport(ctx context.Context, msgKey string, r *domain.Report, ev *domain.Event,
	files []NewAttachment, reply func(*domain.Report) ([]byte, error), src *NewSource) (sealed []byte, filed bool, err error) {
	defer domain.Wrap(&err, "store.CreateChannelReport")
	return s.createMessageReport(ctx, msgKey, r, ev, files, reply, src, nil)
}

// createMessageReport is CreateSourcedReport that also runs also, when
// not nil, in the transaction before the message is recorded; its error
// rolls everything back (errMessageTaken: as a repeat of the message).
func (s *Store) createMessageReport(ctx context.Context, msgKey string, r *domain.Report, ev *domain.Event,
	files []NewAttachment, reply func(*domain.Report) ([]byte, error), src *NewSource, also func(*Tx) error) (sealed []byte, filed bool, err error) {
	err = s.transact(ctx, func(tx *Tx) error {
		var prev []byte
		err := tx.queryRow(ctx, `SELECT sealed_reply FROM channel_messages WHERE msg_key = ?`, msgKey).Scan(&prev)
		if err == nil {
			sealed, filed = prev, false
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := tx.createReport(ctx, r, ev, files); err != nil {
			return err
		}
		if sealed, err = reply(r); err != nil {
			return err
		}
		if src != nil {
			if _, err := tx.exec(ctx, `INSERT INTO report_sources (report_id, network, sealed_source, created_at) VALUES (?, ?, ?, ?)`,
				r.ID, src.Network, src.Seal(r), micro(r.CreatedAt)); err != nil {
				return err
			}
		}
		if also != nil {
			if err := also(tx); err != nil {
				return err
			}
		}
		var id int64
		err = tx.queryRow(ctx, `INSERT INTO channel_messages (msg_key, report_id, sealed_reply, created_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (msg_key) DO NOTHING RETURNING id`, msgKey, r.ID, sealed, micro(r.CreatedAt)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return errMessageTaken // rolls the report back
		}
		filed = err == nil
		return err
	})
	if errors.Is(err, errMessageTaken) {
		sealed, err = s.ChannelReply(ctx, msgKey)
		return sealed, false, err
	}
	return sealed, filed, err
}

// ReportSource returns the network and the sealed source of report id, or
// not found when it was not filed from a post.
func (s *Store) ReportSource(ctx context.Context, reportID int64) (network string, sealed []byte, err error) {
	defer domain.Wrap(&err, "store.ReportSource(%d)", reportID)
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT network, sealed_source FROM report_sources WHERE report_id = ?`), reportID).
		Scan(&network, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, errNotFound
	}
	return network, sealed, err
}
