-- The public map's list of places (/peta) groups public reports by the
-- kecamatan and kelurahan they name; this index hands them over in that
-- order, without reading each report's row for the grouping.
-- slow: adds an index to the reports (a few seconds per million reports)
CREATE INDEX reports_public_places ON reports(confidential, status, kecamatan, kelurahan, id);
