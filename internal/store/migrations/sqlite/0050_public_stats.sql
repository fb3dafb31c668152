-- The public statistics (/statistik) count public reports by status,
-- kind, category, unit and month in one pass; this index holds every
-- column they read, so the pass reads the index, never a report's row.
-- It leads with kind, not with confidential and status as the public
-- list's filter does, so that the list keeps walking its own indexes in
-- its order instead of sorting every public report.
-- slow: adds an index to the reports (a few seconds per million reports)
CREATE INDEX reports_public_stats ON reports(kind, category_id, unit_id, status, confidential, created_at);
