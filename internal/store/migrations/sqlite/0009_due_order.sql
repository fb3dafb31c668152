-- "Due first" lists reports with a deadline soonest first and those
-- without one last; this index gives that order without sorting the
-- table (store/reports.go orders by exactly these expressions).
CREATE INDEX reports_due_order ON reports((due_at IS NULL), due_at, id);
