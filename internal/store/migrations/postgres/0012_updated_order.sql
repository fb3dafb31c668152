-- The inbox lists the last updated first, in every tab (a status) and for
-- an officer's units: these indexes give that order within a status and
-- within a unit without sorting all their reports (a tab of 140,000
-- reports: 1.6 s to a few ms).
CREATE INDEX reports_status_updated ON reports(status, updated_at);
CREATE INDEX reports_unit_updated ON reports(unit_id, updated_at);
