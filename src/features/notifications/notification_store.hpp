// The notification tables' SQL (migration 014): inbox items, webhooks and their deliveries (the
// outbox). Free functions over Tx&, like every store part. Thread-safety: that of the Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "store/tx.hpp"

namespace huiyin {

struct InboxItem {
  Id id = 0;
  Id user_id = 0;
  Id event_seq = 0;
  std::string kind;   // the event's action (assign, escalate...)
  std::string label;  // 新交办, 督办...
  std::string matter_code, matter_title;
  std::string note;   // a line of the event (the reason, the rule's label)
  Instant created_at = 0;
  std::optional<Instant> read_at;
};

struct Webhook {
  Id id = 0;
  std::string url;
  std::string secret;
  std::vector<std::string> events;  // empty: all
  bool active = true;
  std::string created_by;
  Instant created_at = 0;
};

enum class DeliveryStatus { pending, delivered, dead };

struct Delivery {
  Id id = 0;
  Id webhook_id = 0;
  Id event_seq = 0;
  std::string event_type;
  std::optional<Id> matter_id;
  std::string body;
  bool carries_phone = false;
  DeliveryStatus status = DeliveryStatus::pending;
  int attempts = 0;
  Instant next_at = 0;
  std::string last_error;
  Instant created_at = 0;
  std::optional<Instant> delivered_at;
};

std::string_view code(DeliveryStatus s);

// A comma list of webhook event types as stored (and as `--events` takes it); blanks dropped.
std::vector<std::string> split_event_list(const std::string& s);

}  // namespace huiyin

namespace huiyin::db {

// Inbox. insert_inbox_item ignores a second item for the same user, event and kind.
void insert_inbox_item(Tx& tx, const InboxItem& item);
std::vector<InboxItem> inbox_of(Tx& tx, Id user_id, int limit, int offset, bool unread_only);
std::int64_t inbox_count(Tx& tx, Id user_id, bool unread_only);
// Marks one item (only the user's own) or all of them read; returns the rows changed.
std::int64_t mark_inbox_read(Tx& tx, Id user_id, std::optional<Id> item, Instant at);

bool inbox_item_is_of(Tx& tx, Id user_id, Id item);

// Staff who get an inbox item: active users with one of `roles` at `org_id`.
std::vector<Id> users_with_roles_at(Tx& tx, Id org_id, const std::vector<std::string>& roles);

// Webhooks.
Result<Id> insert_webhook(Tx& tx, const Webhook& w);
std::vector<Webhook> list_webhooks(Tx& tx, bool active_only);
std::optional<Webhook> webhook_by_id(Tx& tx, Id id);
// Deactivates a webhook (its deliveries stay for the record); false when there is none.
bool deactivate_webhook(Tx& tx, Id id);

// Deliveries (the outbox).
Id insert_delivery(Tx& tx, const Delivery& d);
// Claims at most `limit` pending rows due at `now` for `node` until `until`: a row another node
// holds (claimed_until after now) is skipped, so each row is posted by one node at a time.
std::vector<Delivery> claim_due_deliveries(Tx& tx, const std::string& node, Instant now,
                                           Instant until, int limit);
// After an attempt by `node`: delivered, retried at next_at, or dead. False when the row is no
// longer this node's claim.
bool finish_delivery(Tx& tx, Id id, const std::string& node, DeliveryStatus status, int attempts,
                     Instant next_at, const std::string& error, Instant now);
std::vector<Delivery> deliveries_with_status(Tx& tx, DeliveryStatus status, int limit);
std::optional<Delivery> delivery_by_id(Tx& tx, Id id);
// The number of a webhook's deliveries with `status`.
std::int64_t delivery_count(Tx& tx, Id webhook_id, DeliveryStatus status);
// Dead → pending, due now, attempts from zero; false unless the row was dead.
bool replay_delivery(Tx& tx, Id id, Instant now);

}  // namespace huiyin::db
