-- 005-fund-books: corrections by reversal (红字冲销) and closed months (结账).
--
-- A reversal is a fund entry with a negative amount that names, in
-- `reverses`, the entry it cancels: same village, account, direction and
-- category, the amount in red. Balances and sums count it as they are.
-- An entry is reversed at most once; a reversal is never reversed.
-- SQLite cannot change a CHECK in place: the table is made again with the
-- same rows (ids and log ids kept, so the change log still proves them).
CREATE TABLE fund_new(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  voucher TEXT NOT NULL CHECK(voucher <> ''),
  village TEXT NOT NULL REFERENCES org(code),
  date TEXT NOT NULL CHECK(date(date, '+0 days') IS date),
  account TEXT NOT NULL REFERENCES account(code),
  direction TEXT NOT NULL CHECK(direction = '收入' OR direction = '支出'),
  amount INTEGER NOT NULL CHECK(amount <> 0),       -- fen; < 0: a reversal
  category TEXT NOT NULL,
  counterparty TEXT,
  summary TEXT NOT NULL CHECK(summary <> ''),
  contract TEXT,
  handler TEXT,
  approver TEXT,
  note TEXT,
  log_id INTEGER NOT NULL,
  reverses TEXT UNIQUE,                             -- the entry reversed
  CHECK(code = village || '-' || substr(date, 1, 4) || '-' || voucher),
  CHECK((amount < 0) = (reverses IS NOT NULL)),
  FOREIGN KEY(category, direction) REFERENCES fund_category(name, direction)
) STRICT;
INSERT INTO fund_new(id, code, voucher, village, date, account, direction,
  amount, category, counterparty, summary, contract, handler, approver, note,
  log_id)
SELECT id, code, voucher, village, date, account, direction, amount, category,
  counterparty, summary, contract, handler, approver, note, log_id FROM fund;
DROP TABLE fund;
ALTER TABLE fund_new RENAME TO fund;
CREATE INDEX fund_village_date ON fund(village, date);
CREATE INDEX fund_account_date ON fund(account, date);
CREATE INDEX fund_contract ON fund(contract) WHERE contract IS NOT NULL;
CREATE TRIGGER fund_account_village BEFORE INSERT ON fund
WHEN (SELECT village FROM account WHERE code = NEW.account) IS NOT NEW.village
BEGIN SELECT RAISE(ABORT, 'account belongs to another village'); END;
CREATE TRIGGER fund_account_village_upd BEFORE UPDATE ON fund
WHEN (SELECT village FROM account WHERE code = NEW.account) IS NOT NEW.village
BEGIN SELECT RAISE(ABORT, 'account belongs to another village'); END;
CREATE TRIGGER fund_no_delete BEFORE DELETE ON fund
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER fund_logged BEFORE UPDATE ON fund WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
-- A reversal mirrors an entry that is not itself a reversal.
CREATE TRIGGER fund_reversal BEFORE INSERT ON fund
WHEN NEW.reverses IS NOT NULL AND NOT EXISTS (SELECT 1 FROM fund o WHERE
  o.code = NEW.reverses AND o.reverses IS NULL AND o.village = NEW.village
  AND o.account = NEW.account AND o.direction = NEW.direction AND
  o.category = NEW.category AND o.amount = -NEW.amount AND o.date <= NEW.date)
BEGIN SELECT RAISE(ABORT, 'a reversal mirrors the entry it reverses'); END;
-- Neither side of a reversal changes afterwards.
CREATE TRIGGER fund_reversal_upd BEFORE UPDATE ON fund
WHEN OLD.reverses IS NOT NULL OR NEW.reverses IS NOT NULL OR
  EXISTS (SELECT 1 FROM fund r WHERE r.reverses = OLD.code)
BEGIN SELECT RAISE(ABORT, 'a reversed entry or a reversal does not change'); END;

-- A village's month of books closed by the township (结账). closed: 1 while
-- it is closed; reopening (反结账) sets it to 0 with the reason and who
-- reopened it. Closing goes month by month, reopening from the last.
CREATE TABLE fund_close(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code = village || '-' || month),
  village TEXT NOT NULL REFERENCES org(code),
  month TEXT NOT NULL CHECK(date(month || '-01', '+0 days') IS month || '-01'),
  closed INTEGER NOT NULL CHECK(closed IN (0, 1)),
  closed_by TEXT NOT NULL CHECK(closed_by <> ''),
  closed_on TEXT NOT NULL CHECK(date(closed_on, '+0 days') IS closed_on),
  reopened_by TEXT,
  reason TEXT,
  log_id INTEGER NOT NULL,
  CHECK(closed = 1 OR (reopened_by IS NOT NULL AND reason IS NOT NULL))
) STRICT;
CREATE TRIGGER fund_close_no_delete BEFORE DELETE ON fund_close
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER fund_close_logged BEFORE UPDATE ON fund_close
WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
-- No entry is written into a closed month (an insert of a code that
-- exists fails as such: an import with --update then updates it).
CREATE TRIGGER fund_closed_month BEFORE INSERT ON fund
WHEN EXISTS (SELECT 1 FROM fund_close WHERE village = NEW.village AND
  month = substr(NEW.date, 1, 7) AND closed = 1) AND
  NOT EXISTS (SELECT 1 FROM fund WHERE code = NEW.code)
BEGIN SELECT RAISE(ABORT, 'the month is closed'); END;
CREATE TRIGGER fund_closed_month_upd BEFORE UPDATE ON fund
WHEN EXISTS (SELECT 1 FROM fund_close WHERE closed = 1 AND
  ((village = NEW.village AND month = substr(NEW.date, 1, 7)) OR
   (village = OLD.village AND month = substr(OLD.date, 1, 7))))
BEGIN SELECT RAISE(ABORT, 'the month is closed'); END;
