-- Times are Unix microseconds (UTC) in both databases.
CREATE TABLE units (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    parent_id  INTEGER REFERENCES units(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE categories (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    parent_id  INTEGER REFERENCES categories(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    unit_id       INTEGER REFERENCES units(id),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE reports (
    id               INTEGER PRIMARY KEY,
    tracking_id      TEXT NOT NULL UNIQUE,
    receipt_hash     TEXT NOT NULL, -- 128 random bits behind SHA-256: compared after loading by tracking_id, never looked up
    kind             TEXT NOT NULL,
    status           TEXT NOT NULL,
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    category_id      INTEGER REFERENCES categories(id),
    unit_id          INTEGER REFERENCES units(id),
    requested_unit_id INTEGER REFERENCES units(id),
    incident_date    TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    kelurahan        TEXT NOT NULL DEFAULT '',
    kecamatan        TEXT NOT NULL DEFAULT '',
    lat              REAL,
    lon              REAL,
    anonymous        INTEGER NOT NULL,
    confidential     INTEGER NOT NULL,
    show_name        INTEGER NOT NULL,
    channel          TEXT NOT NULL,
    sealed_identity  BLOB,
    account_id       INTEGER,
    rating           INTEGER NOT NULL DEFAULT 0,
    reopen_count     INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    verified_at      INTEGER,
    completed_at     INTEGER
);
CREATE INDEX reports_status_created ON reports(status, created_at);
CREATE INDEX reports_unit_created ON reports(unit_id, created_at);
CREATE INDEX reports_created ON reports(created_at);

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    report_id     INTEGER NOT NULL REFERENCES reports(id),
    seq           INTEGER NOT NULL,
    type          TEXT NOT NULL,
    actor_role    TEXT NOT NULL,
    actor_user_id INTEGER,
    actor_unit_id INTEGER,
    unit_id       INTEGER,
    from_status   TEXT NOT NULL DEFAULT '',
    to_status     TEXT NOT NULL DEFAULT '',
    message       TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    rating        INTEGER NOT NULL DEFAULT 0,
    internal      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    prev_hash     TEXT NOT NULL DEFAULT '',
    hash          TEXT NOT NULL DEFAULT '',
    UNIQUE (report_id, seq)
);
CREATE INDEX events_type_created ON events(type, created_at);

-- Events are never edited or deleted.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER NOT NULL REFERENCES reports(id),
    event_id     INTEGER NOT NULL REFERENCES events(id),
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX attachments_report ON attachments(report_id);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
