-- A report marked as a duplicate follows its original: the original's
-- public steps are e-mailed to the duplicate's reporter too (their sealed
-- contact stays on their own report). follower on an outbox row is the
-- follower's tracking ID for audience 'follower', '' otherwise.
CREATE TABLE report_followers (
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    follower_id INTEGER NOT NULL REFERENCES reports(id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (report_id, follower_id)
);
ALTER TABLE outbox ADD COLUMN follower TEXT NOT NULL DEFAULT '';
