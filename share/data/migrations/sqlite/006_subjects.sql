-- The kernel every record shares: events and attachments point at a subject (kind + id) — a
-- matter, and from now on a field record — and any subject links to orgs (lead / co / subject /
-- place) in subject_orgs. Today's rows become matter subjects. A matter remembers the record
-- that raised it (source_kind + source_id). Field records (工作记录) get their table; their kind
-- decides which fields and counts they carry (features/records/record_kinds.cpp).
-- Hashes are unchanged: an event's canonical content names a matter subject by its id as before.
ALTER TABLE events ADD COLUMN subject_kind TEXT;
ALTER TABLE events ADD COLUMN subject_id INTEGER;
UPDATE events SET subject_kind = 'matter', subject_id = matter_id WHERE matter_id IS NOT NULL;
CREATE INDEX events_subject ON events(subject_kind, subject_id, seq);

ALTER TABLE attachments ADD COLUMN subject_kind TEXT;
ALTER TABLE attachments ADD COLUMN subject_id INTEGER;
UPDATE attachments SET subject_kind = 'matter', subject_id = matter_id WHERE matter_id IS NOT NULL;
CREATE INDEX attachments_subject ON attachments(subject_kind, subject_id, id)
  WHERE subject_kind IS NOT NULL;

ALTER TABLE matters ADD COLUMN source_kind TEXT;
ALTER TABLE matters ADD COLUMN source_id INTEGER;
CREATE INDEX matters_source ON matters(source_kind, source_id) WHERE source_kind IS NOT NULL;

CREATE TABLE subject_orgs (
  subject_kind TEXT NOT NULL,
  subject_id INTEGER NOT NULL,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  role TEXT NOT NULL,                      -- lead | co | subject | place
  PRIMARY KEY (subject_kind, subject_id, org_id, role)
);
CREATE INDEX subject_orgs_org ON subject_orgs(org_id, subject_kind, subject_id);

CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  method TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL,                       -- YYYY-MM-DD, local date
  starts_at INTEGER,
  ends_at INTEGER,
  place_org_id INTEGER NOT NULL REFERENCES orgs(id),
  address TEXT NOT NULL DEFAULT '',
  lat REAL,
  lng REAL,
  topic TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  leaders TEXT NOT NULL DEFAULT '[]',      -- JSON: [{user?, name, post?}]
  participants TEXT NOT NULL DEFAULT '[]', -- JSON: [{user?, name, post?}]
  counts TEXT NOT NULL DEFAULT '{}',       -- JSON: {batches?, persons?, attendees?}
  recorded_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX records_kind_day ON records(kind, day, id);
CREATE INDEX records_place ON records(place_org_id, id);

-- Measures are owned by any subject (a matter today; a meeting's decisions, a common problem or
-- an inspection finding next): matter_id becomes optional. SQLite cannot drop NOT NULL in
-- place, so the table is rebuilt with the same ids and values (foreign keys are checked after
-- the copy; the migration runner turns enforcement off around it, as SQLite documents).
CREATE TABLE measures_new (
  id INTEGER PRIMARY KEY,
  matter_id INTEGER REFERENCES matters(id),
  content TEXT NOT NULL,
  owner_org_id INTEGER REFERENCES orgs(id),
  owner_name TEXT NOT NULL DEFAULT '',
  deadline INTEGER,
  progress INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  subject_kind TEXT NOT NULL DEFAULT 'matter',
  subject_id INTEGER NOT NULL
);
INSERT INTO measures_new (id, matter_id, content, owner_org_id, owner_name, deadline, progress,
                          status, evidence, created_at, updated_at, version, subject_kind,
                          subject_id)
  SELECT id, matter_id, content, owner_org_id, owner_name, deadline, progress, status, evidence,
         created_at, updated_at, version, 'matter', matter_id FROM measures;
DROP TABLE measures;
ALTER TABLE measures_new RENAME TO measures;
CREATE INDEX measures_matter ON measures(matter_id, id);
CREATE INDEX measures_subject ON measures(subject_kind, subject_id, id);
