-- 004-org-checks: org's CHECK constraints without IN lists. An IN list in
-- a CHECK builds an ephemeral table every time a row is written: two of
-- them made the import of the national divisions (665,276 codes) take
-- half again as long. The rules are the same, written as comparisons, as
-- in the register tables. The table is rebuilt the way SQLite documents
-- (a new table, the rows copied with their ids and log entries, the old
-- dropped, the new renamed), with foreign keys off while migrations run
-- (db.c checks them before each migration commits).

CREATE TABLE org_new(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK((length(code) = 2 OR length(code) = 4 OR
                                   length(code) = 6 OR length(code) = 9 OR
                                   length(code) = 12)
                                  AND code NOT GLOB '*[^0-9]*'),
  name TEXT NOT NULL CHECK(name <> ''),
  level TEXT NOT NULL CHECK(level = 'province' OR level = 'city' OR
                            level = 'county' OR level = 'township' OR
                            level = 'village'),
  parent_code TEXT REFERENCES org(code) DEFERRABLE INITIALLY DEFERRED,
  log_id INTEGER NOT NULL,
  CHECK((level = 'province') = (length(code) = 2)),
  CHECK((level = 'city') = (length(code) = 4)),
  CHECK((level = 'county') = (length(code) = 6)),
  CHECK((level = 'township') = (length(code) = 9)),
  CHECK((level = 'village') = (length(code) = 12)),
  CHECK(parent_code IS NULL OR
        substr(code, 1, length(parent_code)) = parent_code)
) STRICT;
INSERT INTO org_new(id, code, name, level, parent_code, log_id)
  SELECT id, code, name, level, parent_code, log_id FROM org ORDER BY id;
DROP TABLE org;
ALTER TABLE org_new RENAME TO org;
CREATE INDEX org_parent ON org(parent_code);
CREATE TRIGGER org_no_delete BEFORE DELETE ON org
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER org_logged BEFORE UPDATE ON org WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
