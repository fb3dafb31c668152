-- A reporter who followed a mail's unsubscribe link (List-Unsubscribe,
-- one click) gets no more mail about that report (issue 11).
CREATE TABLE mail_stops (
    report_id  INTEGER PRIMARY KEY REFERENCES reports(id),
    created_at INTEGER NOT NULL
);
