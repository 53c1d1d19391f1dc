-- 回头看 (features/supervision/spot_checks.cpp): a supervisor's random sample of a unit's
-- verified matters of a period, drawn reproducibly from `seed` (domain/sampling.hpp), and each
-- sampled matter's re-verification. `lead_org_id` is the matter's lead unit when drawn: the unit
-- a failure counts against. Sealed (audit_seals.cpp: spot_checks, spot_check_items).
CREATE TABLE spot_checks (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  period_from INTEGER NOT NULL,
  period_to INTEGER NOT NULL,
  size INTEGER NOT NULL,
  seed TEXT NOT NULL,
  drawn_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE spot_check_items (
  check_id INTEGER NOT NULL REFERENCES spot_checks(id),
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  lead_org_id INTEGER REFERENCES orgs(id),
  result TEXT,                      -- NULL (not checked yet) | passed | failed
  note TEXT NOT NULL DEFAULT '',
  checked_by INTEGER REFERENCES users(id),
  checked_at INTEGER,
  PRIMARY KEY (check_id, matter_id)
);
CREATE INDEX spot_check_items_checked ON spot_check_items(checked_at);
