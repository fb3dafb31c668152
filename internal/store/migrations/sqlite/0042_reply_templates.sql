-- Ready answers admins keep for officers' follow-ups, per unit and
-- category (NULL: any).
CREATE TABLE reply_templates (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER REFERENCES units(id),
    category_id INTEGER REFERENCES categories(id),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);
