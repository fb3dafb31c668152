-- Finds the timelines still waiting for their re-key step at start without
-- reading every event (store.HasUnsealedPlainChains): only the first event
-- of a timeline begun with plain hashes is indexed, and no new one is.
CREATE INDEX events_plain_first ON events(report_id) WHERE seq = 1 AND chain = 0;
