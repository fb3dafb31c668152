-- Indexes that let the inbox's filters and capped counts read only the
-- index, not each report's row: an officer's inbox counts `unit_id IN
-- (...) AND kind <> 'information'`; the overdue filter walks the open
-- deadlines newest first and checks each one's date (most of the newest
-- are not overdue yet), for its page and for its count. Without them every
-- candidate was a look-up of its row (50 ms at a million reports, 400 ms
-- under eight readers). The overdue clocks now include the superior's
-- answer to an objection (an information request), as the lists count it.
-- slow: adds two indexes to the reports (a few seconds per million reports)
CREATE INDEX reports_unit_kind ON reports(unit_id, kind);
DROP INDEX reports_overdue;
CREATE INDEX reports_overdue ON reports(created_at, due_at, due_kind) WHERE due_kind IN ('verification','follow_up','objection');
