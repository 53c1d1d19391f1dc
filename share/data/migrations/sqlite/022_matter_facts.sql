-- The stored per-matter figures behind the rates, rankings and the wall: one narrow row per
-- matter with what its columns and timeline contribute, kept in the same transaction as the
-- events that change it (features/matters/matter_facts_store.hpp), so a figure over a period
-- reads these rows instead of every wide matter row and every event. The columns that filters
-- and groupings read carry the matters' own names. Filled by `huiyin stats rebuild` (and by
-- `serve` on its first start after this migration); checked against a full recount by
-- `huiyin stats check`.
CREATE TABLE matter_facts (
  id INTEGER PRIMARY KEY,                                     -- the matter's id
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  channel TEXT NOT NULL,
  category_id INTEGER,
  area_org_id INTEGER,
  lead_org_id INTEGER,
  deadline INTEGER,                                -- in force now
  resolved_at INTEGER,                             -- set while it stands resolved
  responded INTEGER NOT NULL DEFAULT 0,           -- left submitted
  responded_in_time INTEGER NOT NULL DEFAULT 0,   -- ... within 24 hours of intake
  accepted INTEGER NOT NULL DEFAULT 0,
  assigned INTEGER NOT NULL DEFAULT 0,
  evaluated INTEGER NOT NULL DEFAULT 0,           -- verification by a person (not a timeout)
  solved INTEGER NOT NULL DEFAULT 0,
  satisfied INTEGER NOT NULL DEFAULT 0,
  return_count INTEGER NOT NULL DEFAULT 0,
  given_day INTEGER,                              -- local day number of the latest giving to a unit
  signed_at INTEGER,                               -- its first sign
  returned_unsigned INTEGER NOT NULL DEFAULT 0,
  extended_after_overdue INTEGER NOT NULL DEFAULT 0,
  resolved_once INTEGER NOT NULL DEFAULT 0,
  reopened INTEGER NOT NULL DEFAULT 0,
  spot_checked INTEGER NOT NULL DEFAULT 0,
  spot_failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX matter_facts_created ON matter_facts (created_at);
CREATE INDEX matter_facts_lead ON matter_facts (lead_org_id, created_at);
CREATE INDEX matter_facts_area ON matter_facts (area_org_id, created_at);
