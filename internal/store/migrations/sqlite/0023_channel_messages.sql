-- A message that filed a report through a channel, keyed by the channel
-- and the gateway's own message id, so the same message delivered twice
-- files one report and gets the same answer. It is written in the same
-- transaction as the report. The reply holds the receipt, so it is sealed
-- (bound to msg_key).
CREATE TABLE channel_messages (
    id           INTEGER PRIMARY KEY,
    msg_key      TEXT NOT NULL UNIQUE, -- channel ":" gateway message id
    report_id    INTEGER NOT NULL REFERENCES reports(id),
    sealed_reply BLOB NOT NULL,
    created_at   INTEGER NOT NULL
);
