-- The kelurahan a report is about, when chosen from the admins' list; the
-- kelurahan and kecamatan text columns keep the names as filed.
ALTER TABLE reports ADD COLUMN area_id BIGINT REFERENCES areas(id);
CREATE INDEX reports_area ON reports(area_id);
