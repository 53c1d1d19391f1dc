-- Orgs an administrator has disabled (停用) or enabled again (issue 9): a disabled org keeps its
-- rows, its matters and its history, but is not offered for new assignments or role grants.
-- An org without a row here is enabled. Kept apart from orgs so the orgs rows sealed before this
-- migration keep their digests; sealed like them (audit_seals.cpp: org_states).
CREATE TABLE org_states (
  org_id INTEGER PRIMARY KEY REFERENCES orgs(id),
  active INTEGER NOT NULL DEFAULT 1
);
