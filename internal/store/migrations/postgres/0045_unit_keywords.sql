-- The words that say a report is for a unit, as admins set them: the
-- routing suggestions start from them before there is a history.
CREATE TABLE unit_keywords (
    unit_id    BIGINT PRIMARY KEY REFERENCES units(id),
    keywords   TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
