// The staff inbox (站内消息): the items the outbox wrote for the signed-in user — a new
// assignment, 预警, 督办, 催办, an extension decision... — newest first, with the unread count,
// and marking them read. Each user sees only their own items. Thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/result.hpp"
#include "features/notifications/notification_store.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct InboxPage {
  std::vector<InboxItem> items;
  std::int64_t total = 0;   // the user's items (unread only when asked)
  std::int64_t unread = 0;  // the user's unread items
};

class InboxService {
 public:
  explicit InboxService(ServiceContext& ctx) : ctx_(ctx) {}
  // limit 1..100, offset ≥ 0; invalid otherwise.
  Result<InboxPage> list(const Actor& actor, int limit, int offset, bool unread_only);
  // not_found unless the item is the actor's own (read again: ok, nothing changes).
  Status mark_read(const Actor& actor, Id item);
  // The number of items marked read.
  Result<std::int64_t> mark_all_read(const Actor& actor);

 private:
  ServiceContext& ctx_;
};

}  // namespace huiyin
