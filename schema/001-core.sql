-- 001-core: organisations, parameters, code tables, the four registers of
-- funds, assets and resources, and the chained change log.
--
-- The log and the register tables are STRICT: a value of the wrong type
-- (a BLOB where text belongs) is refused, not stored.
--
-- Every register row carries log_id, the change-log entry that last wrote it.
-- `sanzi log verify` recomputes each entry's digest from the rows it wrote, so
-- a row changed behind the program's back no longer matches its entry.
-- Triggers refuse deletes and refuse updates that do not go through the log;
-- they are a first fence only: the chain is what proves the data.

CREATE TABLE history(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,                 -- UTC, ISO 8601
  operator TEXT NOT NULL,
  tbl TEXT NOT NULL,
  key TEXT,                         -- the record's code; NULL for a batch
  action TEXT NOT NULL CHECK(action IN
    ('init','insert','update','import','config','org')),
  new TEXT NOT NULL,                -- canonical JSON of the row written,
                                    -- or a summary of a batch
  nrows INTEGER NOT NULL CHECK(nrows >= 0), -- rows written
  digest BLOB NOT NULL,             -- SHA-256 of the canonical rows written
  nold INTEGER NOT NULL CHECK(nold >= 0),   -- rows it replaced
  old_digest BLOB NOT NULL,         -- SHA-256 of the replaced rows
  prev BLOB NOT NULL,               -- hash of the entry before (32 zero bytes first)
  hash BLOB NOT NULL UNIQUE         -- SHA-256 over prev and this entry
) STRICT;
CREATE INDEX history_key ON history(tbl, key);

-- The rows an entry replaced, as they were: the old values of a change.
-- Each still proves against the digest of the entry that wrote it (old_log).
CREATE TABLE superseded(
  log_id INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  old_log INTEGER NOT NULL,
  old TEXT NOT NULL,
  PRIMARY KEY(log_id, tbl, row_id)
) STRICT;
CREATE INDEX superseded_old ON superseded(tbl, row_id);
CREATE TRIGGER superseded_no_update BEFORE UPDATE ON superseded
BEGIN SELECT RAISE(ABORT, 'the change log cannot be changed'); END;
CREATE TRIGGER superseded_no_delete BEFORE DELETE ON superseded
BEGIN SELECT RAISE(ABORT, 'the change log cannot be changed'); END;
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'the change log cannot be changed'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'the change log cannot be changed'); END;

-- Parameters (DOMAIN.md *defaults*); `sanzi config` shows and sets them.
CREATE TABLE setting(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK(type = 'money' OR type = 'rate' OR type = 'int' OR
    type = 'area' OR type = 'text'),
  value TEXT NOT NULL,
  note TEXT NOT NULL,
  log_id INTEGER NOT NULL
) STRICT;

CREATE TABLE org(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(length(code) IN (2,4,6,9,12)
                                  AND code NOT GLOB '*[^0-9]*'),
  name TEXT NOT NULL CHECK(name <> ''),
  level TEXT NOT NULL CHECK(level IN
    ('province','city','county','township','village')),
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
CREATE INDEX org_parent ON org(parent_code);

-- Code tables. The C validation reads its accepted values from here. The
-- register tables repeat the short lists as CHECK(x = 'a' OR x = 'b' ...) rather than
-- foreign keys: a chain of comparisons costs little per row, while a foreign key
-- costs an index search and an IN-list an ephemeral table per statement, and a million-row import pays for each. A test checks that
-- the CHECK lists and the code tables agree.
CREATE TABLE land_class(
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  group_code TEXT NOT NULL
);
CREATE TABLE land_class_alias(
  alias TEXT PRIMARY KEY,
  code TEXT NOT NULL REFERENCES land_class(code)
);
CREATE TABLE asset_category(name TEXT PRIMARY KEY, depreciates INTEGER NOT NULL);
CREATE TABLE asset_nature(name TEXT PRIMARY KEY);
CREATE TABLE asset_source(name TEXT PRIMARY KEY);
CREATE TABLE asset_status(name TEXT PRIMARY KEY);
CREATE TABLE resource_status(name TEXT PRIMARY KEY);
CREATE TABLE account_kind(name TEXT PRIMARY KEY);
CREATE TABLE fund_direction(name TEXT PRIMARY KEY);
CREATE TABLE fund_category(
  name TEXT NOT NULL,
  direction TEXT NOT NULL CHECK(direction = '收入' OR direction = '支出'),
  acct_code TEXT,                   -- 财会〔2023〕14号 account codes
  PRIMARY KEY(name, direction)
);

INSERT INTO asset_category(name, depreciates) VALUES
  ('房屋及建筑物', 1), ('水利设施', 1), ('公益设施', 1), ('机器设备', 1),
  ('农业机械', 1), ('运输设备', 1), ('办公设备', 1), ('电子设备', 1),
  ('生产性生物资产', 1), ('在建工程', 0), ('长期投资', 0), ('土地', 0),
  ('其他', 0);
INSERT INTO asset_nature(name) VALUES ('经营性'), ('非经营性'), ('待界定');
INSERT INTO asset_source(name) VALUES ('购入'), ('自建'), ('接受捐赠'),
  ('扶贫投资形成'), ('政府划拨'), ('投资转入'), ('盘盈'), ('其他');
INSERT INTO asset_status(name) VALUES ('在用'), ('闲置'), ('出租'), ('发包'),
  ('入股'), ('待处置'), ('已处置');
INSERT INTO resource_status(name) VALUES ('未利用'), ('集体自营'), ('家庭承包'),
  ('发包'), ('出租'), ('入股');
INSERT INTO account_kind(name) VALUES ('库存现金'), ('银行存款');
INSERT INTO fund_direction(name) VALUES ('收入'), ('支出');
INSERT INTO fund_category(name, direction, acct_code) VALUES
  ('经营收入', '收入', '501'), ('投资收益', '收入', '502'),
  ('补助收入', '收入', '503'), ('其他收入', '收入', '504'),
  ('借入款项', '收入', '201/221'), ('往来款项', '收入', '112/211'),
  ('内部转账', '收入', NULL),
  ('经营支出', '支出', '511'), ('税金及附加', '支出', '512'),
  ('管理费用', '支出', '513'), ('公益支出', '支出', '514'),
  ('其他支出', '支出', '515'), ('购建资产', '支出', '151/153'),
  ('归还借款', '支出', NULL), ('往来款项', '支出', '112/211'),
  ('内部转账', '支出', NULL);

-- A date column holds a real ISO date: date(x, '+0 days') turns 2023-02-29
-- into 2023-03-01, so it equals x only for a real date.
-- (Written out per column; SQLite has no domains.)

-- The asset table has no index on village: a bulk import pays for every
-- index on every row, and a scoped read scans (a million rows in well
-- under a second). Resources and funds are smaller and keep theirs.
CREATE TABLE asset(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  village TEXT NOT NULL REFERENCES org(code),
  name TEXT NOT NULL CHECK(name <> ''),
  category TEXT NOT NULL CHECK(category = '房屋及建筑物' OR category = '水利设施' OR
    category = '公益设施' OR category = '机器设备' OR
    category = '农业机械' OR category = '运输设备' OR
    category = '办公设备' OR category = '电子设备' OR
    category = '生产性生物资产' OR category = '在建工程' OR
    category = '长期投资' OR category = '土地' OR category = '其他'),
  nature TEXT NOT NULL CHECK(nature = '经营性' OR nature = '非经营性' OR nature = '待界定'),
  location TEXT,
  quantity INTEGER CHECK(quantity >= 0),          -- 1/10000 of a unit
  unit TEXT,
  original_value INTEGER NOT NULL CHECK(original_value >= 0),
  accumulated_depreciation INTEGER     -- registered opening amount, or NULL
    CHECK(accumulated_depreciation BETWEEN 0 AND original_value),
  depreciated_through TEXT CHECK(depreciated_through IS NULL OR
    date(depreciated_through || '-01', '+0 days') IS depreciated_through || '-01'),
  useful_life_months INTEGER CHECK(useful_life_months >= 0),
  residual_rate INTEGER CHECK(residual_rate BETWEEN 0 AND 1000000),
  acquired_via TEXT NOT NULL CHECK(acquired_via = '购入' OR acquired_via = '自建' OR
    acquired_via = '接受捐赠' OR acquired_via = '扶贫投资形成' OR
    acquired_via = '政府划拨' OR acquired_via = '投资转入' OR
    acquired_via = '盘盈' OR acquired_via = '其他'),
  acquired_on TEXT NOT NULL CHECK(date(acquired_on, '+0 days') IS acquired_on),
  status TEXT NOT NULL CHECK(status = '在用' OR status = '闲置' OR status = '出租' OR
    status = '发包' OR status = '入股' OR status = '待处置' OR
    status = '已处置'),
  custodian TEXT,
  certificate TEXT CHECK(certificate <> ''),
  note TEXT,
  log_id INTEGER NOT NULL,
  CHECK(coalesce(accumulated_depreciation, 0) = 0
        OR depreciated_through IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX asset_certificate ON asset(certificate)
  WHERE certificate IS NOT NULL;

CREATE TABLE resource(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  village TEXT NOT NULL REFERENCES org(code),
  name TEXT NOT NULL CHECK(name <> ''),
  land_class TEXT NOT NULL REFERENCES land_class(code),
  location TEXT,
  area INTEGER NOT NULL CHECK(area > 0),            -- 1/10000 mu
  east TEXT, west TEXT, south TEXT, north TEXT,
  certificate TEXT CHECK(certificate <> ''),
  status TEXT NOT NULL CHECK(status = '未利用' OR status = '集体自营' OR status = '家庭承包' OR
    status = '发包' OR status = '出租' OR status = '入股'),
  note TEXT,
  log_id INTEGER NOT NULL
) STRICT;
CREATE INDEX resource_village ON resource(village);
CREATE UNIQUE INDEX resource_certificate ON resource(certificate)
  WHERE certificate IS NOT NULL;

CREATE TABLE account(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  village TEXT NOT NULL REFERENCES org(code),
  name TEXT NOT NULL CHECK(name <> ''),
  kind TEXT NOT NULL CHECK(kind = '库存现金' OR kind = '银行存款'),
  bank TEXT,
  bank_account TEXT,
  opening_balance INTEGER NOT NULL,                 -- fen
  opening_date TEXT NOT NULL CHECK(date(opening_date, '+0 days') IS opening_date),
  note TEXT,
  log_id INTEGER NOT NULL
) STRICT;
CREATE INDEX account_village ON account(village);

-- A journal entry. Its code is derived: <village>-<year>-<voucher>, so that
-- the voucher is unique per village and year and an export imports back.
CREATE TABLE fund(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  voucher TEXT NOT NULL CHECK(voucher <> ''),
  village TEXT NOT NULL REFERENCES org(code),
  date TEXT NOT NULL CHECK(date(date, '+0 days') IS date),
  account TEXT NOT NULL REFERENCES account(code),
  direction TEXT NOT NULL CHECK(direction = '收入' OR direction = '支出'),
  amount INTEGER NOT NULL CHECK(amount > 0),        -- fen
  category TEXT NOT NULL,
  counterparty TEXT,
  summary TEXT NOT NULL CHECK(summary <> ''),
  contract TEXT,
  handler TEXT,
  approver TEXT,
  note TEXT,
  log_id INTEGER NOT NULL,
  CHECK(code = village || '-' || substr(date, 1, 4) || '-' || voucher),
  FOREIGN KEY(category, direction) REFERENCES fund_category(name, direction)
) STRICT;
CREATE INDEX fund_village_date ON fund(village, date);
CREATE INDEX fund_account_date ON fund(account, date);
CREATE TRIGGER fund_account_village BEFORE INSERT ON fund
WHEN (SELECT village FROM account WHERE code = NEW.account) IS NOT NEW.village
BEGIN SELECT RAISE(ABORT, 'account belongs to another village'); END;
CREATE TRIGGER fund_account_village_upd BEFORE UPDATE ON fund
WHEN (SELECT village FROM account WHERE code = NEW.account) IS NOT NEW.village
BEGIN SELECT RAISE(ABORT, 'account belongs to another village'); END;
-- GB/T 21010-2017 land classes (from divisions data land-classes.csv):
-- the 12 first-level groups and their classes. A resource may name a group
-- when the exact class is not known.
INSERT INTO land_class(code, name, group_code) VALUES
  ('01', '耕地', '01'),
  ('02', '园地', '02'),
  ('03', '林地', '03'),
  ('04', '草地', '04'),
  ('05', '商服用地', '05'),
  ('06', '工矿仓储用地', '06'),
  ('07', '住宅用地', '07'),
  ('08', '公共管理与公共服务用地', '08'),
  ('09', '特殊用地', '09'),
  ('10', '交通运输用地', '10'),
  ('11', '水域及水利设施用地', '11'),
  ('12', '其他土地', '12'),
  ('0101', '水田', '01'),
  ('0102', '水浇地', '01'),
  ('0103', '旱地', '01'),
  ('0201', '果园', '02'),
  ('0202', '茶园', '02'),
  ('0203', '橡胶园', '02'),
  ('0204', '其他园地', '02'),
  ('0301', '乔木林地', '03'),
  ('0302', '竹林地', '03'),
  ('0303', '红树林地', '03'),
  ('0304', '森林沼泽', '03'),
  ('0305', '灌木林地', '03'),
  ('0306', '灌丛沼泽', '03'),
  ('0307', '其他林地', '03'),
  ('0401', '天然牧草地', '04'),
  ('0402', '沼泽草地', '04'),
  ('0403', '人工牧草地', '04'),
  ('0404', '其他草地', '04'),
  ('0501', '零售商业用地', '05'),
  ('0502', '批发市场用地', '05'),
  ('0503', '餐饮用地', '05'),
  ('0504', '旅馆用地', '05'),
  ('0505', '商务金融用地', '05'),
  ('0506', '娱乐用地', '05'),
  ('0507', '其他商服用地', '05'),
  ('0601', '工业用地', '06'),
  ('0602', '采矿用地', '06'),
  ('0603', '盐田', '06'),
  ('0604', '仓储用地', '06'),
  ('0701', '城镇住宅用地', '07'),
  ('0702', '农村宅基地', '07'),
  ('0801', '机关团体用地', '08'),
  ('0802', '新闻出版用地', '08'),
  ('0803', '教育用地', '08'),
  ('0804', '科研用地', '08'),
  ('0805', '医疗卫生用地', '08'),
  ('0806', '社会福利用地', '08'),
  ('0807', '文化设施用地', '08'),
  ('0808', '体育用地', '08'),
  ('0809', '公用设施用地', '08'),
  ('0810', '公园与绿地', '08'),
  ('0901', '军事设施用地', '09'),
  ('0902', '使领馆用地', '09'),
  ('0903', '监教场所用地', '09'),
  ('0904', '宗教用地', '09'),
  ('0905', '殡葬用地', '09'),
  ('0906', '风景名胜设施用地', '09'),
  ('1001', '铁路用地', '10'),
  ('1002', '轨道交通用地', '10'),
  ('1003', '公路用地', '10'),
  ('1004', '城镇村道路用地', '10'),
  ('1005', '交通服务场站用地', '10'),
  ('1006', '农村道路', '10'),
  ('1007', '机场用地', '10'),
  ('1008', '港口码头用地', '10'),
  ('1009', '管道运输用地', '10'),
  ('1101', '河流水面', '11'),
  ('1102', '湖泊水面', '11'),
  ('1103', '水库水面', '11'),
  ('1104', '坑塘水面', '11'),
  ('1105', '沿海滩涂', '11'),
  ('1106', '内陆滩涂', '11'),
  ('1107', '沟渠', '11'),
  ('1108', '沼泽地', '11'),
  ('1109', '水工建筑用地', '11'),
  ('1110', '冰川及永久积雪', '11'),
  ('1201', '空闲地', '12'),
  ('1202', '设施农用地', '12'),
  ('1203', '田坎', '12'),
  ('1204', '盐碱地', '12'),
  ('1205', '沙地', '12'),
  ('1206', '裸土地', '12'),
  ('1207', '裸岩石砾地', '12');
-- 四荒地 (and the 2007 name 未利用地) stand for the 2017 group 其他土地.
INSERT INTO land_class_alias(alias, code) VALUES ('四荒地', '12'), ('未利用地', '12');

-- Register rows are withdrawn or corrected, never deleted; every change
-- carries a new change-log entry.
CREATE TRIGGER asset_no_delete BEFORE DELETE ON asset
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER resource_no_delete BEFORE DELETE ON resource
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER account_no_delete BEFORE DELETE ON account
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER fund_no_delete BEFORE DELETE ON fund
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER org_no_delete BEFORE DELETE ON org
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER asset_logged BEFORE UPDATE ON asset WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER resource_logged BEFORE UPDATE ON resource WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER account_logged BEFORE UPDATE ON account WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER fund_logged BEFORE UPDATE ON fund WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER org_logged BEFORE UPDATE ON org WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER setting_logged BEFORE UPDATE ON setting WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
