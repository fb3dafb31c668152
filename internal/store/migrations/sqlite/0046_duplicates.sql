-- How near two reports of a category with a map point must be to count as
-- the same problem (the duplicate search); a category without a row uses
-- the default of 200 m.
CREATE TABLE category_radius (
    category_id INTEGER PRIMARY KEY REFERENCES categories(id),
    meters      INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
