-- Staff notifications (issue 11): each unit may name its head, a staff
-- account told of the unit's escalations; each staff user chooses, per
-- kind of notice, immediately, a daily digest or off (no row: immediately).
ALTER TABLE units ADD COLUMN head_user_id INTEGER REFERENCES users(id);
CREATE TABLE notify_prefs (
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind    TEXT NOT NULL, -- routed, replied, reminder, breach, escalation
    mode    TEXT NOT NULL, -- now, digest, off
    PRIMARY KEY (user_id, kind)
);
-- The language a staff user's notices are written in (id or en).
ALTER TABLE users ADD COLUMN notify_lang TEXT NOT NULL DEFAULT 'id';
