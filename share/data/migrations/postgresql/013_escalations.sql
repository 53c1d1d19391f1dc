-- The escalation ladder (预警 → 提醒 → 督办 → 通报 → 约谈, features/supervision/sla.cpp): one
-- row per rule that fired against one deadline of a matter. The primary key makes a tick
-- idempotent and keeps two app nodes from escalating the same step twice; the deadline in the
-- key keeps what fired against a deadline that an extension later moved (overdue history).
-- Sealed per matter (audit_seals.cpp: matter_escalations).
CREATE TABLE matter_escalations (
  matter_id BIGINT NOT NULL REFERENCES matters(id),
  rule TEXT NOT NULL,
  deadline BIGINT NOT NULL,
  level TEXT NOT NULL,
  fired_at BIGINT NOT NULL,
  PRIMARY KEY (matter_id, deadline, rule)
);

-- Leases of background jobs run by one node at a time (the escalation tick): a node takes the
-- lease when it is free or expired, and holds it until expires_at.
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
