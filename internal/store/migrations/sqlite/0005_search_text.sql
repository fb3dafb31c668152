-- The folded copy of a report's title and body that search matches, the
-- same on both databases (store/search.go). Folding is done in Go, so the
-- store fills the column of existing reports when it starts; NULL means
-- not filled yet.
ALTER TABLE reports ADD COLUMN search_text TEXT;
