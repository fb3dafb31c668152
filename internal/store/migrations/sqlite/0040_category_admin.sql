-- Admins tidy the category tree: a hidden category is no longer offered
-- (old reports keep it), position orders siblings before their names,
-- and a category merged into another counts as that one in filters.
ALTER TABLE categories ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE categories ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE categories ADD COLUMN merged_into INTEGER REFERENCES categories(id);
