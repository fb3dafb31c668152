-- The folded copy of a report's title and body that search matches, the
-- same on both databases (store/search.go). Folding is done in Go, so the
-- store fills the column of existing reports when it starts; NULL means
-- not filled yet.
ALTER TABLE reports ADD COLUMN search_text TEXT;
-- The reports still to fill, so the check at each start reads an index
-- that is empty once the column is filled, not the whole table.
CREATE INDEX reports_search_pending ON reports(id) WHERE search_text IS NULL;
