-- The public map's list of places (/peta) counts public reports by the
-- kecamatan and kelurahan they name; this index hands them over in that
-- order, reading no report's row. It leads with the names (no other
-- query filters on them) so that it never takes the place of the indexes
-- the public list walks.
-- slow: adds an index to the reports (a few seconds per million reports)
CREATE INDEX reports_public_places ON reports(kecamatan, kelurahan, confidential, status);
