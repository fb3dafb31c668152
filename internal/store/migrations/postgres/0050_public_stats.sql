-- The public statistics (/statistik) count public reports by status,
-- kind, category, unit and month in one pass; this index holds every
-- column they read, so the pass never touches a report's row.
-- slow: adds an index to the reports (a few seconds per million reports)
CREATE INDEX reports_public_stats ON reports(confidential, status, kind, category_id, unit_id, created_at);
