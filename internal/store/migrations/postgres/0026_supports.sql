-- Dukung (support): one row per supporter and report, the supporter being
-- a keyed digest of a citizen account or a browser token (never the
-- account id itself), and the count kept on the report so that the public
-- list's "most supported" sort is served by an index.
CREATE TABLE report_supports (
    report_id  BIGINT NOT NULL REFERENCES reports(id),
    supporter  TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (report_id, supporter)
);
ALTER TABLE reports ADD COLUMN supports INTEGER NOT NULL DEFAULT 0;
CREATE INDEX reports_supports_order ON reports(supports DESC, id DESC);
