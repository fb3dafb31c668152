-- Failed sign-ins are counted per e-mail address, known or not, in one
-- table for staff and citizens: the attempt is counted before the
-- password is compared, in one statement, so parallel guesses cannot
-- outrun the lock, and an unknown address locks like a real one (no
-- enumeration). The key is a keyed digest of the kind and the address:
-- the table names nobody.
CREATE TABLE login_locks (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until BIGINT,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX login_locks_updated ON login_locks(updated_at);
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
