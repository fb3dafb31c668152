-- Kecamatan (no parent) and their kelurahan, kept by admins. A hidden area
-- is no longer offered on the form but stays valid for old reports.
CREATE TABLE areas (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES areas(id),
    name       TEXT NOT NULL,
    hidden     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
-- Names are unique among siblings, whatever their case.
CREATE UNIQUE INDEX areas_kecamatan_name ON areas(lower(name)) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX areas_kelurahan_name ON areas(parent_id, lower(name)) WHERE parent_id IS NOT NULL;
