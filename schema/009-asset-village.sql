-- 009-asset-village: an index for reads limited to a village or a township.
--
-- 001-core left the asset table without an index on village, so that a bulk
-- import pays for fewer index trees; a scoped read then scanned the table.
-- The web server (sanzi serve) reads one page of a village's or a township's
-- assets at a time, many times a second: a scan of a million rows per page
-- cannot serve that. The index orders by (village, id), which is also the
-- order of a scoped list, so a page is read straight from it.
CREATE INDEX asset_village ON asset(village);
