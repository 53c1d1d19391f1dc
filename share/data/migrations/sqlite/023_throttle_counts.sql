-- The counts behind the throttles of failed logins, anonymous uploads, public intakes, wrong
-- 查询码 and the lookup by phone (kernel/throttle.hpp), kept in the database so that every app
-- node behind the proxy counts the same tries: two nodes give an attacker no more guesses than
-- one, and the security administrator's list and 解除 cover what every node counted.
-- kind: account_source | source | account | upload | intake | query_code | phone_send |
-- phone_send_source | phone_verify | phone_verify_source. subject: the account, or a keyed hash
-- of the phone (never the phone itself; shown holds its masked form); '' for a source's count.
-- source: the client address; '' for an account's or a phone's count. A row is one fixed window
-- from window_start; until_at: the end of the wait once a limit was reached (0: none).
CREATE TABLE throttle_counts (
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  source TEXT NOT NULL,
  shown TEXT NOT NULL DEFAULT '',
  window_start INTEGER NOT NULL,
  tries INTEGER NOT NULL,
  until_at INTEGER NOT NULL,
  PRIMARY KEY (kind, subject, source)
);
CREATE INDEX throttle_counts_subject ON throttle_counts (subject);
CREATE INDEX throttle_counts_source ON throttle_counts (source);
CREATE INDEX throttle_counts_until ON throttle_counts (until_at);
