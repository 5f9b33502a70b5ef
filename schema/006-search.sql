-- 006-search: finding records by any part of their name, location, party
-- and remarks (`list --q`, `show NAME`).
--
-- Each searched register has a view REG_search(id, t): the text searched,
-- its fields each followed by two newlines, so that every character is
-- followed by two more and every one or two characters begin a trigram;
-- and a full-text index REG_fts over that text, with the trigram tokenizer
-- (Chinese has no spaces: any three characters are a term). The index is
-- contentless and keeps no positions (detail=none): a hit is checked
-- against the view's text, so it stays small and cheap to write. The record
-- layer writes it with every row (store/record.c): a trigger cannot, as
-- the connection does not trust the schema with virtual tables. The
-- fields are the ones people look for: names (a fund entry's summary, a
-- contract's party, a loan's project and lender), locations, the bank of
-- an account, the counterparty of a fund entry and remarks; each field
-- more costs a million-row import about as much as the name.
CREATE VIEW asset_search(id, t) AS SELECT id,
  name || char(10, 10) || coalesce(location, '') || char(10, 10) ||
  coalesce(note, '') || char(10, 10) FROM asset;
CREATE VIEW resource_search(id, t) AS SELECT id,
  name || char(10, 10) || coalesce(location, '') || char(10, 10) ||
  coalesce(note, '') || char(10, 10) FROM resource;
CREATE VIEW account_search(id, t) AS SELECT id,
  name || char(10, 10) || coalesce(bank, '') || char(10, 10) ||
  coalesce(note, '') || char(10, 10) FROM account;
CREATE VIEW fund_search(id, t) AS SELECT id,
  summary || char(10, 10) || coalesce(counterparty, '') || char(10, 10) ||
  coalesce(note, '') || char(10, 10) FROM fund;
CREATE VIEW contract_search(id, t) AS SELECT id,
  party || char(10, 10) || coalesce(note, '') || char(10, 10) FROM contract;
CREATE VIEW loan_search(id, t) AS SELECT id,
  project || char(10, 10) || lender || char(10, 10) ||
  coalesce(note, '') || char(10, 10) FROM loan;

CREATE VIRTUAL TABLE asset_fts USING fts5(t, content='', tokenize='trigram',
  detail='none', columnsize=0);
CREATE VIRTUAL TABLE resource_fts USING fts5(t, content='',
  tokenize='trigram', detail='none', columnsize=0);
CREATE VIRTUAL TABLE account_fts USING fts5(t, content='',
  tokenize='trigram', detail='none', columnsize=0);
CREATE VIRTUAL TABLE fund_fts USING fts5(t, content='', tokenize='trigram',
  detail='none', columnsize=0);
CREATE VIRTUAL TABLE contract_fts USING fts5(t, content='',
  tokenize='trigram', detail='none', columnsize=0);
CREATE VIRTUAL TABLE loan_fts USING fts5(t, content='', tokenize='trigram',
  detail='none', columnsize=0);

INSERT INTO asset_fts(rowid, t) SELECT id, t FROM asset_search;
INSERT INTO resource_fts(rowid, t) SELECT id, t FROM resource_search;
INSERT INTO account_fts(rowid, t) SELECT id, t FROM account_search;
INSERT INTO fund_fts(rowid, t) SELECT id, t FROM fund_search;
INSERT INTO contract_fts(rowid, t) SELECT id, t FROM contract_search;
INSERT INTO loan_fts(rowid, t) SELECT id, t FROM loan_search;
