-- Keys for gateways and integrations (SMS, WhatsApp, e-mail, social
-- bridges, Open311). Only the SHA-256 of each key is kept: the key itself
-- is shown once when it is made. channel is empty for a key that may
-- call any channel.
CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    channel    TEXT NOT NULL DEFAULT '',
    key_hash   TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
