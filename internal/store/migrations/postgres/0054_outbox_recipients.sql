-- Deliveries to someone other than the reporter (issue 11): a staff user
-- (user_id; the address is read from the account when it is sent), the
-- head of a unit or the supervising office (read when sent), or a
-- citizen account's address, sealed (sealed_to) for mail that belongs to
-- no report (e-mail verification). kind names what the message is
-- (routed, replied, reminder, breach, escalation, digest, verify, reset);
-- a notice a user takes in a daily digest waits as 'queued' until the
-- digest (digest_id) takes it. report_id is NULL for mail about no report.
ALTER TABLE outbox ALTER COLUMN report_id DROP NOT NULL;
ALTER TABLE outbox ALTER COLUMN tracking_id SET DEFAULT '';
ALTER TABLE outbox ALTER COLUMN event_seq SET DEFAULT 0;
ALTER TABLE outbox ALTER COLUMN event_type SET DEFAULT '';
ALTER TABLE outbox ADD COLUMN user_id BIGINT REFERENCES users(id);
ALTER TABLE outbox ADD COLUMN unit_id BIGINT REFERENCES units(id);
ALTER TABLE outbox ADD COLUMN sealed_to BYTEA;
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN digest_id BIGINT;
UPDATE outbox SET kind = event_type;
CREATE INDEX outbox_queued ON outbox(user_id, created_at) WHERE status = 'queued';
CREATE INDEX outbox_digest ON outbox(digest_id) WHERE digest_id IS NOT NULL;
