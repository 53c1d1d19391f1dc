-- Uploads are addressed by an unguessable handle (128 random bits, hex), never by their row id,
-- and remember who uploaded them (a staff user; NULL for an anonymous upload) and, for staff
-- evidence, the measure they document. Uploads never linked to a matter are removed after a
-- day (AttachmentService::remove_orphans); the partial index finds them.
ALTER TABLE attachments ADD COLUMN handle TEXT;
ALTER TABLE attachments ADD COLUMN uploaded_by INTEGER REFERENCES users(id);
ALTER TABLE attachments ADD COLUMN measure_id INTEGER REFERENCES measures(id);
UPDATE attachments SET handle = lower(hex(randomblob(16))) WHERE handle IS NULL;
CREATE UNIQUE INDEX attachments_handle ON attachments(handle);
CREATE INDEX attachments_unlinked ON attachments(created_at) WHERE matter_id IS NULL;
CREATE INDEX attachments_measure ON attachments(measure_id, id) WHERE measure_id IS NOT NULL;
