#include "features/notifications/inbox.hpp"

namespace huiyin {

Result<InboxPage> InboxService::list(const Actor& actor, int limit, int offset, bool unread_only) {
  if (limit < 1 || limit > 100) return invalid("每页条数应为1至100", "limit");
  if (offset < 0) return invalid("起始位置不能为负数", "offset");
  return ctx_.store().read([&](Tx& tx) -> Result<InboxPage> {
    InboxPage p;
    p.items = db::inbox_of(tx, actor.user_id, limit, offset, unread_only);
    p.unread = db::inbox_count(tx, actor.user_id, true);
    p.total = unread_only ? p.unread : db::inbox_count(tx, actor.user_id, false);
    return p;
  });
}

Status InboxService::mark_read(const Actor& actor, Id item) {
  const Instant now = ctx_.clock().now();
  return ctx_.store().write([&](Tx& tx) -> Status {
    if (db::mark_inbox_read(tx, actor.user_id, item, now) > 0) return ok();
    // Already read is fine; someone else's item or none at all is not found alike.
    if (db::inbox_item_is_of(tx, actor.user_id, item)) return ok();
    return not_found("没有这条消息");
  });
}

Result<std::int64_t> InboxService::mark_all_read(const Actor& actor) {
  const Instant now = ctx_.clock().now();
  return ctx_.store().write([&](Tx& tx) -> Result<std::int64_t> {
    return db::mark_inbox_read(tx, actor.user_id, std::nullopt, now);
  });
}

}  // namespace huiyin
