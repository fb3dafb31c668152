-- Deadlines (domain.md section 5): the working-day calendar and each
-- report's schedule, a cache of its timeline kept by every write.

-- Days off other than weekends, per year; edited by admins.
CREATE TABLE holidays (
    date       TEXT PRIMARY KEY,          -- YYYY-MM-DD, in the instance's time zone
    year       INTEGER NOT NULL,
    kind       TEXT NOT NULL,             -- libur_nasional, cuti_bersama, libur_daerah, other
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX holidays_year ON holidays(year);

ALTER TABLE reports
    ADD COLUMN due_at BIGINT,                        -- deadline of the current stage
    ADD COLUMN due_kind TEXT NOT NULL DEFAULT '',    -- verification, follow_up, auto_complete, hold_expiry
    ADD COLUMN ombudsman_due_at BIGINT,              -- end of the completion limit (Perpres 76/2013)
    ADD COLUMN wake_at BIGINT,                       -- when the scheduler next has work on it
    ADD COLUMN notices INTEGER NOT NULL DEFAULT 0;   -- notices written in the current stage (bits)

CREATE INDEX reports_due ON reports(due_at) WHERE due_at IS NOT NULL;
CREATE INDEX reports_wake ON reports(wake_at) WHERE wake_at IS NOT NULL;
CREATE INDEX reports_updated ON reports(updated_at);

-- The evaluation reads each report's timeline from this index alone.
CREATE INDEX events_evaluation ON events(report_id, seq) INCLUDE (type, unit_id, created_at, rating);
