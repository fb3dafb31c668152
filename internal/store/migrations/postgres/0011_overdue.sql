-- The overdue filter (store/reports.go: due_kind IN ('verification',
-- 'follow_up') AND due_at < now) listed newest first: most open reports
-- of a large, busy instance are in it, so the newest are found along
-- creation order without sorting every overdue report.
CREATE INDEX reports_overdue ON reports(created_at) WHERE due_kind IN ('verification','follow_up');
