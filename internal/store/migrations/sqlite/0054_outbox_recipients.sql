-- Deliveries to someone other than the reporter (issue 11): a staff user
-- (user_id; the address is read from the account when it is sent), the
-- head of a unit or the supervising office (read when sent), or a
-- citizen account's address, sealed (sealed_to) for mail that belongs to
-- no report (e-mail verification). kind names what the message is
-- (routed, replied, reminder, breach, escalation, digest, verify, reset);
-- a notice a user takes in a daily digest waits as 'queued' until the
-- digest (digest_id) takes it. report_id is NULL for mail about no report.
-- SQLite cannot drop NOT NULL in place: the table is rebuilt, keeping
-- every column earlier migrations added (webhook_id from 0036).
CREATE TABLE outbox_new (
    id          INTEGER PRIMARY KEY,
    idem_key    TEXT NOT NULL UNIQUE,
    channel     TEXT NOT NULL,        -- email, webhook
    audience    TEXT NOT NULL,        -- reporter, webhook, staff, head, office, citizen
    report_id   INTEGER REFERENCES reports(id),
    tracking_id TEXT NOT NULL DEFAULT '',
    event_seq   INTEGER NOT NULL DEFAULT 0,
    event_type  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,        -- pending, delivered, skipped, dead, queued, digested
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL,
    claim       TEXT NOT NULL DEFAULT '',
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    tries_from  INTEGER NOT NULL,
    done_at     INTEGER,
    webhook_id  INTEGER REFERENCES webhooks(id),
    user_id     INTEGER REFERENCES users(id),
    unit_id     INTEGER REFERENCES units(id),
    sealed_to   BLOB,
    kind        TEXT NOT NULL DEFAULT '',
    digest_id   INTEGER
);
INSERT INTO outbox_new (id, idem_key, channel, audience, report_id, tracking_id, event_seq, event_type, status,
    attempts, next_at, claim, last_error, created_at, tries_from, done_at, webhook_id, kind)
SELECT id, idem_key, channel, audience, report_id, tracking_id, event_seq, event_type, status,
    attempts, next_at, claim, last_error, created_at, tries_from, done_at, webhook_id, event_type FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, next_at);
CREATE INDEX outbox_queued ON outbox(user_id, created_at) WHERE status = 'queued';
CREATE INDEX outbox_digest ON outbox(digest_id) WHERE digest_id IS NOT NULL;
