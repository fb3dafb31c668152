-- How each event's hash was made (domain.ChainPlain: unkeyed SHA-256, as
-- every event before this migration; domain.ChainKeyed: HMAC under the
-- chain key kept outside the database, covering the submitted content and
-- the event's files).
ALTER TABLE events ADD COLUMN chain INTEGER NOT NULL DEFAULT 0;

-- The re-key step of a timeline begun with plain hashes: a keyed hash of
-- its events up to seq (whose hash it covers), the submitted content and
-- those events' files. Events after seq are keyed.
CREATE TABLE chain_rekeys (
    report_id  BIGINT PRIMARY KEY REFERENCES reports(id),
    seq        INTEGER NOT NULL,
    hash       TEXT NOT NULL
);
