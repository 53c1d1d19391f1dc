-- Rotas of a joint inspection (轮值联合巡查, "4+1"): departments take turns, in the order of
-- `leads` (a JSON array of dept org codes), to lead the inspection of one period (a week or a
-- month from starts_on, YYYY-MM-DD), with `support_org_id` (the police) supporting. A joint
-- inspection record names its rota in its detail (record_details). Sealed row by row
-- (audit_seals.cpp: rotas).
CREATE TABLE rotas (
  id BIGSERIAL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  period TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  leads TEXT NOT NULL,
  support_org_id BIGINT NOT NULL REFERENCES orgs(id),
  route TEXT NOT NULL DEFAULT '',
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX rotas_org ON rotas(org_id);
