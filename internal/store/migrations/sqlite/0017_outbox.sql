-- The outbox: one row per message a change owes someone, written in the
-- transaction of the change, then delivered by a worker. It holds no
-- address: the worker opens the reporter's sealed contact when it sends.
-- A claim moves next_at to the end of a lease, so a claim never finished
-- (a node killed mid-delivery) is claimable again once the lease is over.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    idem_key    TEXT NOT NULL UNIQUE, -- the idempotency key a receiver may use
    channel     TEXT NOT NULL,        -- email
    audience    TEXT NOT NULL,        -- reporter
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    tracking_id TEXT NOT NULL,
    event_seq   INTEGER NOT NULL,
    event_type  TEXT NOT NULL,
    status      TEXT NOT NULL,        -- pending, delivered, skipped, dead
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL,
    claim       TEXT NOT NULL DEFAULT '',
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    tries_from  INTEGER NOT NULL,        -- start of the day of attempts (reset by an admin's retry)
    done_at     INTEGER
);
CREATE INDEX outbox_due ON outbox(status, next_at);
