-- The short 查询码 a citizen reads aloud or types (6 characters, issue 9): only its hash is kept,
-- salted with the matter's code (sha256 of "<code>:<query code>"). Matters submitted before this
-- migration have no row and keep being followed with their tracking token. Sealed like every
-- row an access rests on (audit_seals.cpp: matter_query_codes).
CREATE TABLE matter_query_codes (
  matter_id INTEGER PRIMARY KEY REFERENCES matters(id),
  code_hash TEXT NOT NULL
);
