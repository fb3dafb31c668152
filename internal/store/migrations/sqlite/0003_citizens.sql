-- Optional citizen accounts ("Laporan saya"). A report filed from an
-- account is linked through account_reports only: the row holds the
-- tracking ID sealed with the instance key (bound to the account id), has
-- a random id and no timestamp, so a copy of the database cannot tell which
-- report an account filed, and an anonymous reporter stays anonymous.
CREATE TABLE citizens (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE citizen_sessions (
    token_hash   TEXT PRIMARY KEY,
    citizen_id   INTEGER NOT NULL REFERENCES citizens(id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX citizen_sessions_citizen ON citizen_sessions(citizen_id);

CREATE TABLE account_reports (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES citizens(id),
    sealed_ref BLOB NOT NULL
);
CREATE INDEX account_reports_account ON account_reports(account_id);
