-- Every message a conversational channel (WhatsApp) passed on, by the
-- channel and the gateway's own message id, so a replayed webhook is seen
-- and does nothing. It holds no content.
CREATE TABLE channel_seen (
    msg_key    TEXT PRIMARY KEY, -- channel ":" gateway message id
    created_at INTEGER NOT NULL
);
CREATE INDEX channel_seen_created ON channel_seen(created_at);
-- A report being put together over several messages (text, a photo, a
-- location, then "kirim"), one per sender: the sender is a keyed digest
-- of the number, the content is sealed (bound to conv_key). version grows
-- with each message, so two "kirim" racing file one report.
CREATE TABLE channel_conversations (
    conv_key     TEXT PRIMARY KEY,
    sealed_state BLOB NOT NULL,
    version      INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX channel_conversations_updated ON channel_conversations(updated_at);
