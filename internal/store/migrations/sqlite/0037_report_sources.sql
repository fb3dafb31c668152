-- Where a report filed through a channel came from, when that is more
-- than a message id: a social media post's link, its author's handle and
-- its media links. They point at the reporter, so they are sealed (bound
-- to report_id) and shown like the reporter's contact. Written in the
-- transaction that files the report.
CREATE TABLE report_sources (
    id            INTEGER PRIMARY KEY,
    report_id     INTEGER NOT NULL UNIQUE REFERENCES reports(id),
    network       TEXT NOT NULL,  -- x, instagram, facebook, ...
    sealed_source BLOB NOT NULL,
    created_at    INTEGER NOT NULL
);
