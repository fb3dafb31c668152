-- The inbox's filters by category and by channel, in its default order
-- (last updated first): without these a rare category or channel in a
-- million reports is found by walking every report in that order.
-- slow: adds two indexes over every report (seconds per million reports)
CREATE INDEX reports_category_updated ON reports(category_id, updated_at);
CREATE INDEX reports_channel_updated ON reports(channel, updated_at);
