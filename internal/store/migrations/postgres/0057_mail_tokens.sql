-- Single-use, short-lived tokens sent by e-mail (issue 9): a staff user's
-- password reset and a citizen account's address verification. Only a
-- digest of the token is kept. A citizen's token keeps its times to the
-- hour and is deleted once used, so it dates nothing about the account.
CREATE TABLE mail_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL, -- reset, verify
    user_id    BIGINT REFERENCES users(id),
    citizen_id BIGINT REFERENCES citizens(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX mail_tokens_user ON mail_tokens(user_id, created_at) WHERE user_id IS NOT NULL;
-- A citizen account signs in once its address is verified (a day, like
-- created_at). Accounts made before this version are taken as verified.
ALTER TABLE citizens ADD COLUMN verified_at BIGINT;
UPDATE citizens SET verified_at = created_at;
