-- Full-text search (store/search.go): an FTS5 index over the folded title
-- and body, kept apart so a phrase never runs from one into the other.
-- Contentless: the folded text is already in reports.search_text, so the
-- index holds only its tokens. Triggers keep it in step with search_text
-- in the same transaction as the report. Only the title and body are
-- indexed: never the reporter's identity or location.
CREATE VIRTUAL TABLE reports_fts USING fts5(title, body, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 0');
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
