-- The folded copy of a report's title and body that search matches, the
-- same on both databases (store/search.go). Folding is done in Go, so the
-- store fills the column of existing reports when it starts; NULL means
-- not filled yet. Search no longer reads title and body: their trigram
-- indexes give way to one on the folded copy.
ALTER TABLE reports ADD COLUMN search_text TEXT;
-- The reports still to fill, so the check at each start reads an index
-- that is empty once the column is filled, not the whole table.
CREATE INDEX reports_search_pending ON reports(id) WHERE search_text IS NULL;
CREATE INDEX reports_search_trgm ON reports USING gin (search_text gin_trgm_ops);
DROP INDEX IF EXISTS reports_title_trgm;
DROP INDEX IF EXISTS reports_body_trgm;
