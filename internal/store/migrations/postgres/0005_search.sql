-- Substring search in the staff inbox (ILIKE '%...%') over millions of
-- reports needs trigram indexes. pg_trgm is a trusted extension: the
-- database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX reports_title_trgm ON reports USING gin (title gin_trgm_ops);
CREATE INDEX reports_body_trgm ON reports USING gin (body gin_trgm_ops);
