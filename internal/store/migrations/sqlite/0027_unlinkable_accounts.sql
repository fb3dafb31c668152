-- Citizen accounts that a copy of the database cannot tie to a report
-- (issue 9, item 4). The e-mail is sealed and found by a keyed digest; the
-- link rows lose the account id and carry instead a tag only the instance
-- can compute (a keyed digest of the account and the link's number), so
-- nothing groups or counts them per account. The keyed digests use a
-- random secret kept here sealed under the instance key, so they survive a
-- key rotation. Rows written before this version are converted by the
-- service at start (it holds the key); see service.convertLegacyAccounts.
CREATE TABLE instance_secrets (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    sealed_value BLOB NOT NULL
);

ALTER TABLE citizens RENAME COLUMN email TO email_lookup;
ALTER TABLE citizens ADD COLUMN sealed_email BLOB;

CREATE TABLE account_reports_unlinked (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES citizens(id),
    tag        TEXT UNIQUE,
    sealed_ref BLOB NOT NULL
);
INSERT INTO account_reports_unlinked (id, account_id, sealed_ref) SELECT id, account_id, sealed_ref FROM account_reports;
DROP TABLE account_reports;
ALTER TABLE account_reports_unlinked RENAME TO account_reports;
CREATE INDEX account_reports_legacy ON account_reports(account_id) WHERE account_id IS NOT NULL;
