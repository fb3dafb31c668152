-- Where a report filed through a channel came from, when that is more
-- than a message id: a social media post's link, its author's handle and
-- its media links. They point at the reporter, so they are sealed (bound
-- to the report's tracking ID) and shown like the reporter's contact.
-- Written in the transaction that files the report.
CREATE TABLE report_sources (
    report_id     BIGINT PRIMARY KEY REFERENCES reports(id),
    network       TEXT NOT NULL,  -- x, instagram, facebook, ...
    sealed_source BYTEA NOT NULL,
    created_at    BIGINT NOT NULL
);
