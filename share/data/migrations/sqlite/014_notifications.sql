-- Notifications (features/notifications): the staff inbox and the outbound webhooks' outbox.
-- Both are written by the event hook inside the transaction of the audit event they come from
-- (notification_rules.cpp maps an event's action to recipients and a webhook event type), so a
-- killed process loses none; deliveries go out after commit. Delivery state, not figures: not
-- sealed.
CREATE TABLE inbox_items (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  event_seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  matter_code TEXT NOT NULL DEFAULT '',
  matter_title TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  UNIQUE (user_id, event_seq, kind)
);
CREATE INDEX inbox_items_user ON inbox_items(user_id, id);

-- Targets an administrator keeps (系统管理 → 消息推送, `huiyin webhook add`). `events` is a
-- comma list of webhook event types; empty: all. The secret signs bodies and is shown back only
-- as its last four characters.
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

-- One row per event and webhook: pending → delivered, or dead after the last failed try (the
-- dead-letter list an administrator replays). A node claims a row (claimed_by, claimed_until)
-- before it posts, so with several nodes only one delivers it.
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_seq INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  matter_id INTEGER,
  body TEXT NOT NULL,
  carries_phone INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  claimed_by TEXT NOT NULL DEFAULT '',
  claimed_until INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_at);
