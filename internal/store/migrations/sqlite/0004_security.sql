-- Staff login hardening: lock-out with back-off after failed logins, and
-- optional TOTP two-factor sign-in (RFC 6238). The TOTP secret is sealed
-- with the instance key (internal/seal), bound to the user id.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;   -- consecutive failures
ALTER TABLE users ADD COLUMN locked_until INTEGER;                       -- no login before this time
ALTER TABLE users ADD COLUMN totp_secret BLOB;                           -- sealed; set at enrolment
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;    -- enrolment confirmed with a code
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;  -- last time step accepted: a code works once
