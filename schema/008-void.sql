-- 008-void: voiding (作废) a record entered by mistake.
--
-- An asset, resource, account, contract or loan that nothing refers to may be
-- voided with a reason (`sanzi REGISTER void CODE --reason TEXT`) and
-- restored (`restore`): voided holds the reason, NULL for a live record, and
-- restored the reason of the last restore. The
-- row stays, with its code, and the void is an update in the change log like
-- any other. A voided record leaves every list, total and audit table.
ALTER TABLE asset ADD COLUMN voided TEXT CHECK(voided <> '');
ALTER TABLE asset ADD COLUMN restored TEXT CHECK(restored <> '');
ALTER TABLE resource ADD COLUMN voided TEXT CHECK(voided <> '');
ALTER TABLE resource ADD COLUMN restored TEXT CHECK(restored <> '');
ALTER TABLE account ADD COLUMN voided TEXT CHECK(voided <> '');
ALTER TABLE account ADD COLUMN restored TEXT CHECK(restored <> '');
ALTER TABLE contract ADD COLUMN voided TEXT CHECK(voided <> '');
ALTER TABLE contract ADD COLUMN restored TEXT CHECK(restored <> '');
ALTER TABLE loan ADD COLUMN voided TEXT CHECK(voided <> '');
ALTER TABLE loan ADD COLUMN restored TEXT CHECK(restored <> '');

-- A certificate number is unique among the live records: a voided record's
-- does not keep the right one from being registered.
DROP INDEX asset_certificate;
CREATE UNIQUE INDEX asset_certificate ON asset(certificate)
  WHERE certificate IS NOT NULL AND voided IS NULL;
DROP INDEX resource_certificate;
CREATE UNIQUE INDEX resource_certificate ON resource(certificate)
  WHERE certificate IS NOT NULL AND voided IS NULL;
