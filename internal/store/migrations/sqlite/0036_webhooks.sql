-- Signed webhooks an admin registered: where to POST, which report events,
-- and the signing secret, sealed (bound to the row's id) so a copy of the
-- database does not reveal it. A deleted webhook is kept (its past
-- deliveries name it) but gets nothing new.
CREATE TABLE webhooks (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL,
    events        TEXT NOT NULL, -- space-separated: report.submitted report.routed ...
    sealed_secret BLOB NOT NULL,
    created_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
-- A webhook delivery in the outbox names its webhook; other deliveries leave it NULL.
ALTER TABLE outbox ADD COLUMN webhook_id INTEGER REFERENCES webhooks(id);
