-- 002-loans: loans, their interest payments, the yearly interest-subsidy
-- guide fund (贷款贴息) and the applications against it.
--
-- Like the registers, every row carries the change-log entry that last wrote
-- it, rows are never deleted, and a loan, payment or application is
-- withdrawn (a reason in `withdrawn`) rather than removed.
-- The rules the C code checks are backed here: a payment's period lies in its
-- loan's life and overlaps no other live payment of the loan; a payment is
-- claimed by at most one live application; approved plus paid never exceeds
-- the year's budget or a village's yearly cap.

-- A programme year of the guide fund. year is the key ('2025').
CREATE TABLE program(
  id INTEGER PRIMARY KEY,
  year TEXT NOT NULL UNIQUE CHECK(year GLOB '[12][0-9][0-9][0-9]'),
  budget INTEGER NOT NULL CHECK(budget >= 0),                  -- fen
  ratio INTEGER NOT NULL CHECK(ratio > 0 AND ratio <= 1000000), -- ppm
  rate_cap INTEGER CHECK(rate_cap > 0 AND rate_cap <= 1000000), -- ppm; NULL: none
  day_basis INTEGER NOT NULL CHECK(day_basis = 360 OR day_basis = 365),
  village_cap INTEGER NOT NULL CHECK(village_cap >= 0),        -- fen
  log_id INTEGER NOT NULL
) STRICT;

CREATE TABLE loan(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  village TEXT NOT NULL REFERENCES org(code),
  lender TEXT NOT NULL CHECK(lender <> ''),
  contract_no TEXT NOT NULL CHECK(contract_no <> ''),
  project TEXT NOT NULL CHECK(project <> ''),
  principal INTEGER NOT NULL CHECK(principal > 0),             -- fen
  rate INTEGER NOT NULL CHECK(rate > 0 AND rate <= 1000000),   -- ppm a year
  start_date TEXT NOT NULL CHECK(date(start_date, '+0 days') IS start_date),
  maturity TEXT NOT NULL CHECK(date(maturity, '+0 days') IS maturity),
  note TEXT,
  withdrawn TEXT CHECK(withdrawn <> ''),
  log_id INTEGER NOT NULL,
  CHECK(maturity > start_date),
  UNIQUE(lender, contract_no)
) STRICT;
CREATE INDEX loan_village ON loan(village);

-- An interest payment: the period [period_from, period_to) it pays for
-- (days = to - from), what was paid, when and with which voucher.
CREATE TABLE interest(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  loan TEXT NOT NULL REFERENCES loan(code),
  village TEXT NOT NULL REFERENCES org(code),
  period_from TEXT NOT NULL CHECK(date(period_from, '+0 days') IS period_from),
  period_to TEXT NOT NULL CHECK(date(period_to, '+0 days') IS period_to),
  paid INTEGER NOT NULL CHECK(paid > 0),                       -- fen
  paid_on TEXT NOT NULL CHECK(date(paid_on, '+0 days') IS paid_on),
  voucher TEXT NOT NULL CHECK(voucher <> ''),
  withdrawn TEXT CHECK(withdrawn <> ''),
  log_id INTEGER NOT NULL,
  CHECK(period_to > period_from)
) STRICT;
CREATE INDEX interest_loan ON interest(loan, period_from);

-- An application for the subsidy on a loan's interest paid in one year.
-- status runs 已申请 → 初审通过 (or 初审不同意) → 公示中 → 已审定 → 已拨付;
-- 已撤回 from any open step.
CREATE TABLE subsidy(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  village TEXT NOT NULL REFERENCES org(code),
  loan TEXT NOT NULL REFERENCES loan(code),
  year TEXT NOT NULL REFERENCES program(year),
  applied_on TEXT NOT NULL CHECK(date(applied_on, '+0 days') IS applied_on),
  amount INTEGER NOT NULL CHECK(amount >= 0),   -- the sum of its lines
  status TEXT NOT NULL CHECK(status = '已申请' OR status = '初审通过' OR
    status = '初审不同意' OR status = '公示中' OR status = '已审定' OR
    status = '已拨付' OR status = '已撤回'),
  reviewed_on TEXT CHECK(date(reviewed_on, '+0 days') IS reviewed_on),
  review_opinion TEXT,
  publicity_from TEXT CHECK(date(publicity_from, '+0 days') IS publicity_from),
  publicity_to TEXT CHECK(date(publicity_to, '+0 days') IS publicity_to),
  approved_on TEXT CHECK(date(approved_on, '+0 days') IS approved_on),
  approved INTEGER CHECK(approved > 0),         -- fen, after the caps
  cut_by TEXT CHECK(cut_by = '村年度限额' OR cut_by = '年度预算'),
  paid_on TEXT CHECK(date(paid_on, '+0 days') IS paid_on),
  paid_voucher TEXT CHECK(paid_voucher <> ''),
  withdrawn_on TEXT CHECK(date(withdrawn_on, '+0 days') IS withdrawn_on),
  withdrawn TEXT CHECK(withdrawn <> ''),
  log_id INTEGER NOT NULL,
  CHECK(approved <= amount),
  CHECK((status = '已审定' OR status = '已拨付') = (approved IS NOT NULL) OR
        status = '已撤回'),
  CHECK((status = '已拨付') = (paid_on IS NOT NULL AND paid_voucher IS NOT NULL)),
  CHECK((status = '已撤回') = (withdrawn IS NOT NULL))
) STRICT;
CREATE INDEX subsidy_year ON subsidy(year, village);
CREATE INDEX subsidy_loan ON subsidy(loan);

-- One claimed interest payment of an application and how its subsidy was
-- computed (DOMAIN.md):
--   computed = round_half_up(principal × rate_used × days / day_basis)
--   eligible = min(paid, computed); subsidy = round_half_up(eligible × ratio)
CREATE TABLE subsidy_line(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),  -- <application>/<n>
  application TEXT NOT NULL REFERENCES subsidy(code),
  payment TEXT NOT NULL REFERENCES interest(code),
  days INTEGER NOT NULL CHECK(days > 0),
  principal INTEGER NOT NULL CHECK(principal > 0),
  rate INTEGER NOT NULL CHECK(rate > 0),        -- the loan's rate
  rate_used INTEGER NOT NULL CHECK(rate_used > 0 AND rate_used <= rate),
  day_basis INTEGER NOT NULL CHECK(day_basis = 360 OR day_basis = 365),
  computed INTEGER NOT NULL CHECK(computed >= 0),
  paid INTEGER NOT NULL CHECK(paid > 0),
  eligible INTEGER NOT NULL CHECK(eligible = min(paid, computed)),
  ratio INTEGER NOT NULL CHECK(ratio > 0 AND ratio <= 1000000),
  subsidy INTEGER NOT NULL CHECK(subsidy >= 0 AND subsidy <= eligible),
  log_id INTEGER NOT NULL
) STRICT;
CREATE INDEX subsidy_line_app ON subsidy_line(application);
CREATE INDEX subsidy_line_payment ON subsidy_line(payment);

CREATE TRIGGER interest_same_village BEFORE INSERT ON interest
WHEN (SELECT village FROM loan WHERE code = NEW.loan) IS NOT NEW.village
BEGIN SELECT RAISE(ABORT, 'a payment belongs to its loan''s village'); END;
CREATE TRIGGER interest_in_life BEFORE INSERT ON interest
WHEN NEW.period_from < (SELECT start_date FROM loan WHERE code = NEW.loan)
  OR NEW.period_to > (SELECT maturity FROM loan WHERE code = NEW.loan)
BEGIN SELECT RAISE(ABORT, 'an interest period lies within the loan''s life'); END;
CREATE TRIGGER interest_no_overlap BEFORE INSERT ON interest
WHEN NEW.withdrawn IS NULL AND EXISTS(SELECT 1 FROM interest
  WHERE loan = NEW.loan AND withdrawn IS NULL
    AND period_from < NEW.period_to AND NEW.period_from < period_to)
BEGIN SELECT RAISE(ABORT, 'interest periods of a loan do not overlap'); END;
CREATE TRIGGER interest_fixed BEFORE UPDATE ON interest
WHEN NEW.loan IS NOT OLD.loan OR NEW.village IS NOT OLD.village
  OR NEW.period_from IS NOT OLD.period_from OR NEW.period_to IS NOT OLD.period_to
  OR NEW.paid IS NOT OLD.paid OR NEW.paid_on IS NOT OLD.paid_on
BEGIN SELECT RAISE(ABORT, 'a recorded payment is withdrawn, not changed'); END;

CREATE TRIGGER subsidy_line_once BEFORE INSERT ON subsidy_line
WHEN EXISTS(SELECT 1 FROM subsidy_line l JOIN subsidy s ON s.code = l.application
  WHERE l.payment = NEW.payment AND l.application <> NEW.application
    AND s.status <> '已撤回' AND s.status <> '初审不同意')
BEGIN SELECT RAISE(ABORT, 'an interest payment is claimed once'); END;
CREATE TRIGGER subsidy_line_fixed BEFORE UPDATE ON subsidy_line
BEGIN SELECT RAISE(ABORT, 'the lines of an application are never changed'); END;

CREATE TRIGGER subsidy_budget AFTER UPDATE ON subsidy
WHEN (SELECT coalesce(sum(approved), 0) FROM subsidy
      WHERE year = NEW.year AND (status = '已审定' OR status = '已拨付'))
   > (SELECT budget FROM program WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'approved and paid subsidies exceed the year''s budget'); END;
CREATE TRIGGER subsidy_village_cap AFTER UPDATE ON subsidy
WHEN (SELECT coalesce(sum(approved), 0) FROM subsidy
      WHERE year = NEW.year AND village = NEW.village
        AND (status = '已审定' OR status = '已拨付'))
   > (SELECT village_cap FROM program WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'approved and paid subsidies exceed the village''s yearly cap'); END;
CREATE TRIGGER subsidy_opens BEFORE INSERT ON subsidy
WHEN NEW.status <> '已申请'
BEGIN SELECT RAISE(ABORT, 'an application starts as 已申请'); END;
CREATE TRIGGER program_budget AFTER UPDATE ON program
WHEN (SELECT coalesce(sum(approved), 0) FROM subsidy
      WHERE year = NEW.year AND (status = '已审定' OR status = '已拨付'))
   > NEW.budget
BEGIN SELECT RAISE(ABORT, 'the budget is below what is approved and paid'); END;
CREATE TRIGGER program_village_cap AFTER UPDATE ON program
WHEN EXISTS(SELECT 1 FROM subsidy
      WHERE year = NEW.year AND (status = '已审定' OR status = '已拨付')
      GROUP BY village HAVING sum(approved) > NEW.village_cap)
BEGIN SELECT RAISE(ABORT, 'the village cap is below what a village has approved and paid'); END;

CREATE TRIGGER program_no_delete BEFORE DELETE ON program
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER loan_no_delete BEFORE DELETE ON loan
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER interest_no_delete BEFORE DELETE ON interest
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER subsidy_no_delete BEFORE DELETE ON subsidy
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER subsidy_line_no_delete BEFORE DELETE ON subsidy_line
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER program_logged BEFORE UPDATE ON program WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER loan_logged BEFORE UPDATE ON loan WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER interest_logged BEFORE UPDATE ON interest WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER subsidy_logged BEFORE UPDATE ON subsidy WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
