-- The fields of a field record that its kind alone has (features/records/record_kinds.cpp):
-- a process walk's item, role and steps with their time, a patrol's section and route, a joint
-- inspection's rota period and units, a joint meeting's convener and parties, a night talk's
-- person responsible for each item, a reception's group visits. One JSON object per record,
-- written once with the record; sealed like the record row (audit_seals.cpp: record_details).
CREATE TABLE record_details (
  record_id INTEGER PRIMARY KEY REFERENCES records(id),
  detail TEXT NOT NULL DEFAULT '{}'
);
