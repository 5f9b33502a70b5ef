-- 003-disposal: contracts (leases, contracting out, shares) with their
-- receivables, and disposal filings (处置申报) through 四议两公开.
--
-- As everywhere: rows carry the change-log entry that last wrote them, are
-- never deleted, and every rule the C code enforces has a fence here too.

CREATE TABLE contract_kind(name TEXT PRIMARY KEY);
CREATE TABLE payment_method(name TEXT PRIMARY KEY, months INTEGER NOT NULL);
CREATE TABLE yes_no(name TEXT PRIMARY KEY);
CREATE TABLE disposal_type(name TEXT PRIMARY KEY);
CREATE TABLE disposal_method(name TEXT PRIMARY KEY);
INSERT INTO contract_kind(name) VALUES ('出租'), ('发包'), ('入股'), ('其他');
-- months between instalments; 0: the whole term at once
INSERT INTO payment_method(name, months) VALUES
  ('年付', 12), ('半年付', 6), ('季付', 3), ('一次性', 0);
INSERT INTO yes_no(name) VALUES ('是'), ('否');
INSERT INTO disposal_type(name) VALUES ('出售'), ('出租'), ('发包'), ('入股'),
  ('抵押'), ('报废'), ('核销'), ('无偿划转'), ('置换');
INSERT INTO disposal_method(name) VALUES ('公开竞价'), ('招标'), ('拍卖'), ('协议');

CREATE TABLE contract(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  village TEXT NOT NULL REFERENCES org(code),
  kind TEXT NOT NULL CHECK(kind = '出租' OR kind = '发包' OR kind = '入股' OR kind = '其他'),
  object TEXT NOT NULL CHECK(object <> ''),         -- an asset or resource code
  party TEXT NOT NULL CHECK(party <> ''),
  party_id TEXT NOT NULL CHECK(length(party_id) = 18),
  party_is_member TEXT CHECK(party_is_member = '是' OR party_is_member = '否'),
  start_date TEXT NOT NULL CHECK(date(start_date, '+0 days') IS start_date),
  end_date TEXT NOT NULL CHECK(date(end_date, '+0 days') IS end_date),
  annual_amount INTEGER NOT NULL CHECK(annual_amount >= 0),   -- fen
  payment TEXT NOT NULL CHECK(payment = '年付' OR payment = '半年付' OR
    payment = '季付' OR payment = '一次性'),
  first_due TEXT NOT NULL CHECK(date(first_due, '+0 days') IS first_due),
  signed_on TEXT CHECK(date(signed_on, '+0 days') IS signed_on),
  disposal TEXT,
  note TEXT,
  log_id INTEGER NOT NULL,
  CHECK(end_date > start_date),
  CHECK(first_due <= end_date)
) STRICT;
CREATE INDEX contract_village ON contract(village);
CREATE INDEX contract_object ON contract(object);
CREATE INDEX fund_contract ON fund(contract) WHERE contract IS NOT NULL;

CREATE TRIGGER contract_object_village BEFORE INSERT ON contract
WHEN (SELECT village FROM asset WHERE code = NEW.object) IS NOT NEW.village
 AND (SELECT village FROM resource WHERE code = NEW.object) IS NOT NEW.village
BEGIN SELECT RAISE(ABORT, 'a contract''s object is an asset or resource of its village'); END;
CREATE TRIGGER contract_object_village_upd BEFORE UPDATE ON contract
WHEN (SELECT village FROM asset WHERE code = NEW.object) IS NOT NEW.village
 AND (SELECT village FROM resource WHERE code = NEW.object) IS NOT NEW.village
BEGIN SELECT RAISE(ABORT, 'a contract''s object is an asset or resource of its village'); END;

-- A disposal filing. The contracts of a lease, contracting out or shares
-- name it in contract.disposal, one for each object. status: 申报中 while the meetings, publicity and
-- appraisal are recorded; then 审核同意, 审核不同意 or 审核退回 (back for
-- correction, reviewed again); 已执行; 已公开 once the result is published;
-- 已撤回 when the village abandons it before execution.
CREATE TABLE disposal(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  village TEXT NOT NULL REFERENCES org(code),
  type TEXT NOT NULL CHECK(type = '出售' OR type = '出租' OR type = '发包' OR
    type = '入股' OR type = '抵押' OR type = '报废' OR type = '核销' OR
    type = '无偿划转' OR type = '置换'),
  reason TEXT NOT NULL CHECK(reason <> ''),
  method TEXT NOT NULL CHECK(method = '公开竞价' OR method = '招标' OR
    method = '拍卖' OR method = '协议'),
  price INTEGER CHECK(price >= 0),          -- proposed or reserve price, fen
  outsider TEXT CHECK(outsider = '是' OR outsider = '否'),
  filed_on TEXT NOT NULL CHECK(date(filed_on, '+0 days') IS filed_on),
  filer TEXT NOT NULL,
  book_value INTEGER NOT NULL CHECK(book_value >= 0), -- net, at filing
  area INTEGER NOT NULL CHECK(area >= 0),              -- 1/10000 mu of land
  status TEXT NOT NULL CHECK(status = '申报中' OR status = '审核同意' OR
    status = '审核不同意' OR status = '审核退回' OR status = '已执行' OR
    status = '已公开' OR status = '已撤回'),
  resolution_from TEXT CHECK(date(resolution_from, '+0 days') IS resolution_from),
  resolution_to TEXT CHECK(date(resolution_to, '+0 days') IS resolution_to),
  appraised_value INTEGER CHECK(appraised_value >= 0),
  appraiser TEXT,
  appraisal_report TEXT,
  appraised_on TEXT CHECK(date(appraised_on, '+0 days') IS appraised_on),
  reviewed_on TEXT CHECK(date(reviewed_on, '+0 days') IS reviewed_on),
  review_decision TEXT CHECK(review_decision = '同意' OR
    review_decision = '不同意' OR review_decision = '退回'),
  reviewer TEXT,
  review_opinion TEXT,
  executed_on TEXT CHECK(date(executed_on, '+0 days') IS executed_on),
  party TEXT,
  final_price INTEGER CHECK(final_price >= 0),
  voucher TEXT,
  lower_price_resolution TEXT,
  result_from TEXT CHECK(date(result_from, '+0 days') IS result_from),
  result_to TEXT CHECK(date(result_to, '+0 days') IS result_to),
  withdrawn_on TEXT CHECK(date(withdrawn_on, '+0 days') IS withdrawn_on),
  withdrawn TEXT CHECK(withdrawn <> ''),
  log_id INTEGER NOT NULL,
  CHECK(reviewer IS NULL OR reviewer <> filer),
  CHECK((status = '已执行' OR status = '已公开') = (executed_on IS NOT NULL)),
  CHECK((status = '已撤回') = (withdrawn IS NOT NULL))
) STRICT;
CREATE INDEX disposal_village ON disposal(village);

-- The assets and resources a filing names, with their values at filing.
CREATE TABLE disposal_object(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),   -- <filing>/<n>
  disposal TEXT NOT NULL REFERENCES disposal(code),
  object TEXT NOT NULL,
  register TEXT NOT NULL CHECK(register = 'asset' OR register = 'resource'),
  name TEXT NOT NULL,
  status_before TEXT NOT NULL,
  book_value INTEGER NOT NULL CHECK(book_value >= 0),
  area INTEGER NOT NULL CHECK(area >= 0),
  log_id INTEGER NOT NULL
) STRICT;
CREATE INDEX disposal_object_object ON disposal_object(object);
CREATE INDEX disposal_object_disposal ON disposal_object(disposal);

-- One meeting of the procedure, as held: passing or not. need_present and
-- need_for are the least numbers the rules in force asked for.
CREATE TABLE disposal_vote(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),   -- <filing>/V<n>
  disposal TEXT NOT NULL REFERENCES disposal(code),
  step TEXT NOT NULL CHECK(step = '提议' OR step = '商议' OR step = '审议' OR
    step = '决议'),
  body TEXT NOT NULL CHECK(body = '党支部会议' OR body = '两委联席会议' OR
    body = '党员大会' OR body = '村民会议' OR body = '村民代表会议'),
  held_on TEXT NOT NULL CHECK(date(held_on, '+0 days') IS held_on),
  unit TEXT NOT NULL CHECK(unit = '人' OR unit = '户'),  -- who is counted:
                                    -- people, or households (村民会议 only)
  due INTEGER NOT NULL CHECK(due > 0),
  present INTEGER NOT NULL CHECK(present >= 0 AND present <= due),
  votes_for INTEGER NOT NULL CHECK(votes_for >= 0),
  votes_against INTEGER NOT NULL CHECK(votes_against >= 0),
  abstain INTEGER NOT NULL CHECK(abstain >= 0),
  minutes TEXT,
  need_present INTEGER NOT NULL,
  need_for INTEGER NOT NULL,
  passed INTEGER NOT NULL CHECK(passed = (present >= need_present AND
    votes_for >= need_for)),
  log_id INTEGER NOT NULL,
  CHECK(votes_for + votes_against + abstain <= present),
  CHECK(unit = '人' OR body = '村民会议')
) STRICT;
CREATE INDEX disposal_vote_disposal ON disposal_vote(disposal);

CREATE TRIGGER disposal_vote_fixed BEFORE UPDATE ON disposal_vote
BEGIN SELECT RAISE(ABORT, 'a meeting''s record is never changed: hold a new vote'); END;
CREATE TRIGGER disposal_object_fixed BEFORE UPDATE ON disposal_object
BEGIN SELECT RAISE(ABORT, 'a filing''s objects are never changed'); END;

CREATE TRIGGER contract_no_delete BEFORE DELETE ON contract
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER disposal_no_delete BEFORE DELETE ON disposal
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER disposal_object_no_delete BEFORE DELETE ON disposal_object
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER disposal_vote_no_delete BEFORE DELETE ON disposal_vote
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER contract_logged BEFORE UPDATE ON contract WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER disposal_logged BEFORE UPDATE ON disposal WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
