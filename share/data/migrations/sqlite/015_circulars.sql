-- Circulars (通报, features/reports/circular.cpp): one row per published circular of an org
-- (发文单位) for a month, numbered per org and year (期号). `inputs` is the canonical JSON the
-- figures and matter lists were drawn from (the stats and rankings module's output, the lists'
-- filters and codes, the chosen cases) and `inputs_sha256` its SHA-256, so a later check can
-- recompute both; `anchor_seq`/`anchor_hash` are the audit chain head at the moment of publishing.
-- `content` is what is printed (titles, units, deadlines as the publisher's masked view read
-- them). Sealed row by row (audit_seals.cpp: circulars).
CREATE TABLE circulars (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  period TEXT NOT NULL,
  year INTEGER NOT NULL,
  issue INTEGER NOT NULL,
  title TEXT NOT NULL,
  inputs TEXT NOT NULL,
  inputs_sha256 TEXT NOT NULL,
  anchor_seq INTEGER NOT NULL,
  anchor_hash TEXT NOT NULL,
  content TEXT NOT NULL,
  published_by INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  UNIQUE (org_id, year, issue)
);
CREATE INDEX circulars_org_period ON circulars(org_id, period);
