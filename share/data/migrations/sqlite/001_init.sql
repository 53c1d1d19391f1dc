-- Huiyin schema, version 1 (SQLite). Instants are UTC seconds (INTEGER); flags are 0/1;
-- codes (status, channel, ...) are the stable English identifiers of src/domain/codes.hpp.
-- Keep in step with ../postgresql/001_init.sql: the two differ only in id columns and types.

CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  level INTEGER NOT NULL,
  parent_id INTEGER REFERENCES orgs(id),
  path TEXT NOT NULL DEFAULT ''            -- '/1/5/23/': ids from the root down to this org
);
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_path ON orgs(path);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (user_id, role, org_id)
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES categories(id),
  level INTEGER NOT NULL DEFAULT 1,
  default_dept_org_id INTEGER REFERENCES orgs(id),
  active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX categories_parent ON categories(parent_id);

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  starts_at INTEGER,
  ends_at INTEGER
);

CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,                    -- YYYY-MM-DD, local date
  type TEXT NOT NULL,                      -- holiday | workday
  name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE sequences (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);

CREATE TABLE reporters (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  id_number TEXT NOT NULL DEFAULT '',
  anonymous INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE matters (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  category_id INTEGER REFERENCES categories(id),
  area_org_id INTEGER REFERENCES orgs(id),
  address TEXT NOT NULL DEFAULT '',
  lat REAL,
  lng REAL,
  reporter_id INTEGER REFERENCES reporters(id),
  public_consent INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  handling_class TEXT,
  lead_org_id INTEGER REFERENCES orgs(id),
  campaign_id INTEGER REFERENCES campaigns(id),
  merged_into INTEGER REFERENCES matters(id),
  deadline INTEGER,
  acknowledge_due INTEGER,
  extension_pending INTEGER NOT NULL DEFAULT 0,
  extension_days_requested INTEGER NOT NULL DEFAULT 0,
  extensions_granted INTEGER NOT NULL DEFAULT 0,
  return_count INTEGER NOT NULL DEFAULT 0,
  reply TEXT NOT NULL DEFAULT '',
  accepted_at INTEGER,
  assigned_at INTEGER,
  signed_at INTEGER,
  resolved_at INTEGER,
  verified_at INTEGER,
  closed_at INTEGER,
  responded_at INTEGER,                    -- first time it left `submitted` (response rate)
  solved INTEGER,
  satisfaction TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  search_text TEXT NOT NULL DEFAULT ''     -- normalised text for keyword search
);
CREATE INDEX matters_status ON matters(status, id);
CREATE INDEX matters_lead ON matters(lead_org_id, id);
CREATE INDEX matters_area ON matters(area_org_id, id);
CREATE INDEX matters_category ON matters(category_id, id);
CREATE INDEX matters_created ON matters(created_at);
CREATE INDEX matters_deadline ON matters(deadline) WHERE deadline IS NOT NULL;
CREATE INDEX matters_campaign ON matters(campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE matter_orgs (
  matter_id INTEGER NOT NULL REFERENCES matters(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  role TEXT NOT NULL,                      -- lead | co | subject
  PRIMARY KEY (matter_id, org_id, role)
);
CREATE INDEX matter_orgs_org ON matter_orgs(org_id, matter_id);

CREATE TABLE measures (
  id INTEGER PRIMARY KEY,
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  content TEXT NOT NULL,
  owner_org_id INTEGER REFERENCES orgs(id),
  owner_name TEXT NOT NULL DEFAULT '',
  deadline INTEGER,
  progress INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX measures_matter ON measures(matter_id, id);

CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY,
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  solved INTEGER NOT NULL,
  satisfaction TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,                    -- citizen | staff_call | timeout_rule
  by_user INTEGER REFERENCES users(id),
  at INTEGER NOT NULL
);
CREATE INDEX evaluations_matter ON evaluations(matter_id, id);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  matter_id INTEGER REFERENCES matters(id),
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  original_name TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX attachments_matter ON attachments(matter_id, id);
CREATE INDEX attachments_sha ON attachments(sha256);

-- The audit chain: append-only, one global order (seq), each hash over content + prev_hash.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  matter_id INTEGER REFERENCES matters(id),
  type TEXT NOT NULL,
  actor_user INTEGER,
  actor_label TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  from_status TEXT,
  to_status TEXT,
  is_public INTEGER NOT NULL DEFAULT 0,
  payload TEXT NOT NULL DEFAULT '{}',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX events_matter ON events(matter_id, seq);
CREATE INDEX events_type_at ON events(type, at);

-- One row: the last event of the chain. Appends read and update it in their transaction.
CREATE TABLE chain_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO chain_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE idempotency_keys (
  key_text TEXT PRIMARY KEY,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX idempotency_created ON idempotency_keys(created_at);
