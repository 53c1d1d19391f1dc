#include "features/notifications/notification_store.hpp"

#include <algorithm>
#include <sstream>

namespace huiyin {

std::string_view code(DeliveryStatus s) {
  switch (s) {
    case DeliveryStatus::pending: return "pending";
    case DeliveryStatus::delivered: return "delivered";
    case DeliveryStatus::dead: return "dead";
  }
  return "pending";
}

std::vector<std::string> split_event_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

}  // namespace huiyin

namespace huiyin::db {
namespace {

constexpr const char* kInsertInbox =
    "INSERT INTO inbox_items (user_id, event_seq, kind, label, matter_code, matter_title, note, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (user_id, event_seq, kind) DO NOTHING";
constexpr const char* kInboxColumns =
    "SELECT id, user_id, event_seq, kind, label, matter_code, matter_title, note, created_at, "
    "read_at FROM inbox_items WHERE user_id = $1";
constexpr const char* kUsersWithRoles =
    "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id "
    "WHERE u.active = 1 AND r.org_id = $1 AND r.role = $2 ORDER BY u.id";

constexpr const char* kInsertWebhook =
    "INSERT INTO webhooks (url, secret, events, active, created_by, created_at) "
    "VALUES ($1, $2, $3, 1, $4, $5) RETURNING id";
constexpr const char* kWebhookColumns =
    "SELECT id, url, secret, events, active, created_by, created_at FROM webhooks";

constexpr const char* kInsertDelivery =
    "INSERT INTO webhook_deliveries (webhook_id, event_seq, event_type, matter_id, body, "
    "carries_phone, status, attempts, next_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $8) RETURNING id";
constexpr const char* kDeliveryColumns =
    "SELECT id, webhook_id, event_seq, event_type, matter_id, body, carries_phone, status, "
    "attempts, next_at, last_error, created_at, delivered_at FROM webhook_deliveries";
// The outer conditions are checked again on the row as it is when its lock is granted
// (PostgreSQL, READ COMMITTED), so of two racing nodes only the first claims a row.
constexpr const char* kClaim =
    "UPDATE webhook_deliveries SET claimed_by = $1, claimed_until = $2 "
    "WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_at <= $3 "
    "AND claimed_until <= $3 ORDER BY next_at, id LIMIT $4) "
    "AND status = 'pending' AND claimed_until <= $3 RETURNING id";
constexpr const char* kFinish =
    "UPDATE webhook_deliveries SET status = $1, attempts = $2, next_at = $3, last_error = $4, "
    "claimed_by = '', claimed_until = 0, delivered_at = $5, "
    "body = CASE WHEN $1 = 'delivered' AND carries_phone = 1 THEN '' ELSE body END "
    "WHERE id = $6 AND claimed_by = $7";
constexpr const char* kReplay =
    "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_at = $1, "
    "claimed_by = '', claimed_until = 0, last_error = '' WHERE id = $2 AND status = 'dead'";

InboxItem inbox_from(const sql::Row& r) {
  InboxItem i;
  i.id = r.integer(0);
  i.user_id = r.integer(1);
  i.event_seq = r.integer(2);
  i.kind = r.text(3);
  i.label = r.text(4);
  i.matter_code = r.text(5);
  i.matter_title = r.text(6);
  i.note = r.text(7);
  i.created_at = r.integer(8);
  i.read_at = r.opt_integer(9);
  return i;
}

std::string join_events(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& e : v) out += (out.empty() ? "" : ",") + e;
  return out;
}

Webhook webhook_from(const sql::Row& r) {
  Webhook w;
  w.id = r.integer(0);
  w.url = r.text(1);
  w.secret = r.text(2);
  w.events = split_event_list(r.text(3));
  w.active = r.integer(4) != 0;
  w.created_by = r.text(5);
  w.created_at = r.integer(6);
  return w;
}

DeliveryStatus status_from(const std::string& s) {
  if (s == "delivered") return DeliveryStatus::delivered;
  if (s == "dead") return DeliveryStatus::dead;
  return DeliveryStatus::pending;
}

Delivery delivery_from(const sql::Row& r) {
  Delivery d;
  d.id = r.integer(0);
  d.webhook_id = r.integer(1);
  d.event_seq = r.integer(2);
  d.event_type = r.text(3);
  d.matter_id = r.opt_integer(4);
  d.body = r.text(5);
  d.carries_phone = r.integer(6) != 0;
  d.status = status_from(r.text(7));
  d.attempts = static_cast<int>(r.integer(8));
  d.next_at = r.integer(9);
  d.last_error = r.text(10);
  d.created_at = r.integer(11);
  d.delivered_at = r.opt_integer(12);
  return d;
}

}  // namespace

void insert_inbox_item(Tx& tx, const InboxItem& i) {
  tx.conn().exec(kInsertInbox, {i.user_id, i.event_seq, i.kind, i.label, i.matter_code,
                                i.matter_title, i.note, i.created_at});
}

std::vector<InboxItem> inbox_of(Tx& tx, Id user_id, int limit, int offset, bool unread_only) {
  std::string sql = kInboxColumns;
  if (unread_only) sql += " AND read_at IS NULL";
  sql += " ORDER BY id DESC LIMIT $2 OFFSET $3";
  std::vector<InboxItem> out;
  for (const auto& r : tx.conn().query(sql, {user_id, limit, offset})) out.push_back(inbox_from(r));
  return out;
}

std::int64_t inbox_count(Tx& tx, Id user_id, bool unread_only) {
  std::string sql = "SELECT COUNT(*) FROM inbox_items WHERE user_id = $1";
  if (unread_only) sql += " AND read_at IS NULL";
  return tx.conn().query(sql, {user_id})[0].integer(0);
}

std::int64_t mark_inbox_read(Tx& tx, Id user_id, std::optional<Id> item, Instant at) {
  if (item)
    return tx.conn().exec(
        "UPDATE inbox_items SET read_at = $1 WHERE user_id = $2 AND id = $3 AND read_at IS NULL",
        {at, user_id, *item});
  return tx.conn().exec("UPDATE inbox_items SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
                        {at, user_id});
}

bool inbox_item_is_of(Tx& tx, Id user_id, Id item) {
  return !tx.conn().query("SELECT 1 FROM inbox_items WHERE user_id = $1 AND id = $2", {user_id, item})
              .empty();
}

std::vector<Id> users_with_roles_at(Tx& tx, Id org_id, const std::vector<std::string>& roles) {
  std::vector<Id> out;
  for (const auto& role : roles)
    for (const auto& r : tx.conn().query(kUsersWithRoles, {org_id, role}))
      if (std::find(out.begin(), out.end(), r.integer(0)) == out.end()) out.push_back(r.integer(0));
  return out;
}

Result<Id> insert_webhook(Tx& tx, const Webhook& w) {
  auto rows = tx.conn().query(kInsertWebhook, {w.url, w.secret, join_events(w.events),
                                               w.created_by, w.created_at});
  return rows[0].integer(0);
}

std::vector<Webhook> list_webhooks(Tx& tx, bool active_only) {
  std::string sql = kWebhookColumns;
  if (active_only) sql += " WHERE active = 1";
  sql += " ORDER BY id";
  std::vector<Webhook> out;
  for (const auto& r : tx.conn().query(sql)) out.push_back(webhook_from(r));
  return out;
}

std::optional<Webhook> webhook_by_id(Tx& tx, Id id) {
  auto rows = tx.conn().query(std::string(kWebhookColumns) + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return webhook_from(rows[0]);
}

bool deactivate_webhook(Tx& tx, Id id) {
  return tx.conn().exec("UPDATE webhooks SET active = 0 WHERE id = $1 AND active = 1", {id}) > 0;
}

Id insert_delivery(Tx& tx, const Delivery& d) {
  return tx.conn()
      .query(kInsertDelivery, {d.webhook_id, d.event_seq, d.event_type, d.matter_id, d.body,
                               d.carries_phone ? 1 : 0, d.next_at, d.created_at})[0]
      .integer(0);
}

std::vector<Delivery> claim_due_deliveries(Tx& tx, const std::string& node, Instant now,
                                           Instant until, int limit) {
  std::vector<Delivery> out;
  for (const auto& r : tx.conn().query(kClaim, {node, until, now, limit}))
    if (auto d = delivery_by_id(tx, r.integer(0))) out.push_back(std::move(*d));
  return out;
}

bool finish_delivery(Tx& tx, Id id, const std::string& node, DeliveryStatus status, int attempts,
                     Instant next_at, const std::string& error, Instant now) {
  sql::Value delivered_at;
  if (status == DeliveryStatus::delivered) delivered_at = sql::Value(now);
  return tx.conn().exec(kFinish, {std::string(code(status)), attempts, next_at, error,
                                  delivered_at, id, node}) > 0;
}

std::vector<Delivery> deliveries_with_status(Tx& tx, DeliveryStatus status, int limit) {
  std::vector<Delivery> out;
  for (const auto& r : tx.conn().query(std::string(kDeliveryColumns) +
                                           " WHERE status = $1 ORDER BY id DESC LIMIT $2",
                                       {std::string(code(status)), limit}))
    out.push_back(delivery_from(r));
  return out;
}

std::optional<Delivery> delivery_by_id(Tx& tx, Id id) {
  auto rows = tx.conn().query(std::string(kDeliveryColumns) + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return delivery_from(rows[0]);
}

std::int64_t delivery_count(Tx& tx, Id webhook_id, DeliveryStatus status) {
  return tx.conn()
      .query("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = $1 AND status = $2",
             {webhook_id, std::string(code(status))})[0]
      .integer(0);
}

bool replay_delivery(Tx& tx, Id id, Instant now) {
  return tx.conn().exec(kReplay, {now, id}) > 0;
}

}  // namespace huiyin::db
