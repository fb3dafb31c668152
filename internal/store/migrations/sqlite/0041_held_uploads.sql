-- Files of a report form that failed validation, kept for an hour so the
-- citizen need not choose them again. Bound to the form by a random token
-- (only its hash is here); already checked and stripped of metadata.
CREATE TABLE held_uploads (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX held_uploads_token ON held_uploads(token_hash);
CREATE INDEX held_uploads_created ON held_uploads(created_at);
