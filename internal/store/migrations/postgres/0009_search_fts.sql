-- Full-text search (store/search.go): the folded title (weight A) and
-- body (weight B) as one tsvector with the 'simple' configuration (the
-- folding is done in Go), generated from search_text so it can never
-- disagree with it, under a GIN index. A phrase is matched within one
-- weight, so it never runs from the title into the body. Only the title
-- and body are indexed: never the reporter's identity or location. The
-- trigram index of the substring search it replaces goes. Everything but
-- letters and digits becomes a space first, so the words are the ones Go
-- and FTS5 make (the parser alone keeps "jl.sudirman", "1.5" or an e-mail
-- address whole, and puts "jalan-raya" before its parts).
ALTER TABLE reports ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', regexp_replace(split_part(coalesce(search_text, ''), E'\n', 1), '[^[:alnum:]]+', ' ', 'g')), 'A') ||
    setweight(to_tsvector('simple', regexp_replace(split_part(coalesce(search_text, ''), E'\n', 2), '[^[:alnum:]]+', ' ', 'g')), 'B')) STORED;
CREATE INDEX reports_search_tsv ON reports USING gin (search_tsv);
DROP INDEX IF EXISTS reports_search_trgm;
