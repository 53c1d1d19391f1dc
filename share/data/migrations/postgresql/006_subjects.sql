-- The kernel every record shares: events and attachments point at a subject (kind + id) — a
-- matter, and from now on a field record — and any subject links to orgs (lead / co / subject /
-- place) in subject_orgs. Today's rows become matter subjects. A matter remembers the record
-- that raised it (source_kind + source_id). Field records (工作记录) get their table; their kind
-- decides which fields and counts they carry (features/records/record_kinds.cpp).
-- Hashes are unchanged: an event's canonical content names a matter subject by its id as before.
ALTER TABLE events ADD COLUMN subject_kind TEXT;
ALTER TABLE events ADD COLUMN subject_id BIGINT;
UPDATE events SET subject_kind = 'matter', subject_id = matter_id WHERE matter_id IS NOT NULL;
CREATE INDEX events_subject ON events(subject_kind, subject_id, seq);

ALTER TABLE attachments ADD COLUMN subject_kind TEXT;
ALTER TABLE attachments ADD COLUMN subject_id BIGINT;
UPDATE attachments SET subject_kind = 'matter', subject_id = matter_id WHERE matter_id IS NOT NULL;
CREATE INDEX attachments_subject ON attachments(subject_kind, subject_id, id)
  WHERE subject_kind IS NOT NULL;

ALTER TABLE matters ADD COLUMN source_kind TEXT;
ALTER TABLE matters ADD COLUMN source_id BIGINT;
CREATE INDEX matters_source ON matters(source_kind, source_id) WHERE source_kind IS NOT NULL;

CREATE TABLE subject_orgs (
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  role TEXT NOT NULL,                      -- lead | co | subject | place
  PRIMARY KEY (subject_kind, subject_id, org_id, role)
);
CREATE INDEX subject_orgs_org ON subject_orgs(org_id, subject_kind, subject_id);

CREATE TABLE records (
  id BIGSERIAL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  method TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL,                       -- YYYY-MM-DD, local date
  starts_at BIGINT,
  ends_at BIGINT,
  place_org_id BIGINT NOT NULL REFERENCES orgs(id),
  address TEXT NOT NULL DEFAULT '',
  lat DOUBLE PRECISION,
  lng DOUBLE PRECISION,
  topic TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  leaders TEXT NOT NULL DEFAULT '[]',      -- JSON: [{user?, name, post?}]
  participants TEXT NOT NULL DEFAULT '[]', -- JSON: [{user?, name, post?}]
  counts TEXT NOT NULL DEFAULT '{}',       -- JSON: {batches?, persons?, attendees?}
  recorded_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX records_kind_day ON records(kind, day, id);
CREATE INDEX records_place ON records(place_org_id, id);

-- Measures are owned by any subject (a matter today; a meeting's decisions, a common problem or
-- an inspection finding next): matter_id becomes optional.
ALTER TABLE measures ALTER COLUMN matter_id DROP NOT NULL;
ALTER TABLE measures ADD COLUMN subject_kind TEXT NOT NULL DEFAULT 'matter';
ALTER TABLE measures ADD COLUMN subject_id BIGINT;
UPDATE measures SET subject_id = matter_id;
ALTER TABLE measures ALTER COLUMN subject_id SET NOT NULL;
CREATE INDEX measures_subject ON measures(subject_kind, subject_id, id);
