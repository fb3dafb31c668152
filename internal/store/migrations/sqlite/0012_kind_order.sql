-- The inbox filtered by kind, newest first, without walking the other
-- kinds' reports.
CREATE INDEX reports_kind_created ON reports(kind, created_at);
