-- 007-users: the people who log in to `sanzi serve`, their sessions, and
-- the record of every login, failure, lock and logout.
--
-- Users (user) and login events (login) are registers the change log
-- proves, like every other. Password hashes (credential), sessions and
-- the failure counters (throttle) are not: a hash must not be copied into
-- the log that auditors read, and sessions come and go by the minute.

CREATE TABLE user_role(name TEXT PRIMARY KEY);
INSERT INTO user_role(name) VALUES
  ('村报账员'), ('乡镇'), ('县级'), ('审计'), ('管理员');
CREATE TABLE user_status(name TEXT PRIMARY KEY);
INSERT INTO user_status(name) VALUES ('启用'), ('停用');
CREATE TABLE login_event(name TEXT PRIMARY KEY);
INSERT INTO login_event(name) VALUES
  ('登录'), ('登录失败'), ('锁定'), ('退出'), ('修改密码');

CREATE TABLE user(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK(name <> ''),
  role TEXT NOT NULL CHECK(role = '村报账员' OR role = '乡镇' OR
                           role = '县级' OR role = '审计' OR role = '管理员'),
  scope TEXT REFERENCES org(code),
  status TEXT NOT NULL CHECK(status = '启用' OR status = '停用'),
  log_id INTEGER NOT NULL,
  CHECK((role = '管理员') = (scope IS NULL))
) STRICT;

CREATE TABLE login(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  user TEXT NOT NULL,               -- the name as typed (escaped on output)
  event TEXT NOT NULL CHECK(event = '登录' OR event = '登录失败' OR
                            event = '锁定' OR event = '退出' OR
                            event = '修改密码'),
  address TEXT NOT NULL,
  log_id INTEGER NOT NULL
) STRICT;

CREATE TABLE credential(
  user_id INTEGER PRIMARY KEY REFERENCES user(id),
  pwhash TEXT NOT NULL
) STRICT;

-- id: SHA-256 of the session's random id; the cookie carries the id, the
-- database only its hash. Times are seconds since the epoch.
CREATE TABLE session(
  id BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user(id),
  csrf TEXT NOT NULL,
  created INTEGER NOT NULL,
  seen INTEGER NOT NULL
) STRICT;

-- Failed logins per account ('u:NAME') and per address ('a:ADDR').
CREATE TABLE throttle(
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last INTEGER NOT NULL,
  locked_until INTEGER NOT NULL
) STRICT;

CREATE TRIGGER user_no_delete BEFORE DELETE ON user
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER login_no_delete BEFORE DELETE ON login
BEGIN SELECT RAISE(ABORT, 'register rows are never deleted'); END;
CREATE TRIGGER user_logged BEFORE UPDATE ON user WHEN NEW.log_id = OLD.log_id
BEGIN SELECT RAISE(ABORT, 'changes are made with sanzi and logged'); END;
CREATE TRIGGER login_fixed BEFORE UPDATE ON login
BEGIN SELECT RAISE(ABORT, 'login records are never changed'); END;
