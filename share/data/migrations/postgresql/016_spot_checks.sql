-- 回头看 (features/supervision/spot_checks.cpp): a supervisor's random sample of a unit's
-- verified matters of a period, drawn reproducibly from `seed` (domain/sampling.hpp), and each
-- sampled matter's re-verification. `lead_org_id` is the matter's lead unit when drawn: the unit
-- a failure counts against. Sealed (audit_seals.cpp: spot_checks, spot_check_items).
CREATE TABLE spot_checks (
  id BIGSERIAL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  period_from BIGINT NOT NULL,
  period_to BIGINT NOT NULL,
  size BIGINT NOT NULL,
  seed TEXT NOT NULL,
  drawn_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);

CREATE TABLE spot_check_items (
  check_id BIGINT NOT NULL REFERENCES spot_checks(id),
  matter_id BIGINT NOT NULL REFERENCES matters(id),
  lead_org_id BIGINT REFERENCES orgs(id),
  result TEXT,                      -- NULL (not checked yet) | passed | failed
  note TEXT NOT NULL DEFAULT '',
  checked_by BIGINT REFERENCES users(id),
  checked_at BIGINT,
  PRIMARY KEY (check_id, matter_id)
);
CREATE INDEX spot_check_items_checked ON spot_check_items(checked_at);
