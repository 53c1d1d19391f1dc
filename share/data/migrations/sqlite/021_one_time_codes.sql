-- The one-time codes of the lookup by phone and the access grants they open, kept in the
-- database so that every app node sees them: a code sent through one node is accepted by
-- another. Only keyed hashes are stored (the phone, the code and the token never in the clear).
CREATE TABLE one_time_codes (
  key_hash TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX one_time_codes_expiry ON one_time_codes (expires_at);

CREATE TABLE access_grants (
  token_hash TEXT PRIMARY KEY,
  codes TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX access_grants_expiry ON access_grants (expires_at);
