-- Prefix indexes for the full-text search (store/search.go): the last word
-- of a query is a prefix ("jal" finds "jalan"), which FTS5 answers from a
-- scan of every token that starts with it unless the index also keeps the
-- tokens' first letters. With them, a prefix is one look-up like a whole
-- word. The index is built again with them; this takes about a minute per
-- million reports, once, at the first start after the upgrade.
-- slow: rebuilds the full-text search index with prefixes (about a minute per million reports)
DROP TRIGGER reports_fts_insert;
DROP TRIGGER reports_fts_update;
DROP TRIGGER reports_fts_delete;
DROP TABLE reports_fts;
CREATE VIRTUAL TABLE reports_fts USING fts5(title, body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0', prefix='2 3 4 5 6');
INSERT INTO reports_fts (rowid, title, body)
    SELECT id, substr(search_text, 1, instr(search_text, char(10)) - 1), substr(search_text, instr(search_text, char(10)) + 1)
    FROM reports WHERE search_text IS NOT NULL;
CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports WHEN new.search_text IS NOT NULL BEGIN
    INSERT INTO reports_fts (rowid, title, body) VALUES (new.id,
        substr(new.search_text, 1, instr(new.search_text, char(10)) - 1), substr(new.search_text, instr(new.search_text, char(10)) + 1));
END;
CREATE TRIGGER reports_fts_update AFTER UPDATE OF search_text ON reports
    WHEN old.search_text IS NOT new.search_text BEGIN
    DELETE FROM reports_fts WHERE rowid = old.id;
    INSERT INTO reports_fts (rowid, title, body) SELECT new.id,
        substr(new.search_text, 1, instr(new.search_text, char(10)) - 1), substr(new.search_text, instr(new.search_text, char(10)) + 1)
        WHERE new.search_text IS NOT NULL;
END;
CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN
    DELETE FROM reports_fts WHERE rowid = old.id;
END;
