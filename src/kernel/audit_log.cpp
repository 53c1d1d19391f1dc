#include "kernel/audit_log.hpp"

#include <deque>

#include "kernel/privacy_mask.hpp"
#include "kernel/support.hpp"

namespace huiyin {
namespace {

Status require_audit(const Actor& a) {
  if (!a.is_audit_admin()) return forbidden("只有审计管理员可以查看审计日志");
  return ok();
}

}  // namespace

Result<AuditPage> read_audit_log(ServiceContext& ctx, const Actor& actor, const AuditQuery& q) {
  if (Status st = require_audit(actor); !st) return st.error();
  if (q.limit < 1 || q.limit > 500) return invalid("每页条数应为1至500", "limit");
  std::deque<Event> kept;
  const std::size_t cap = static_cast<std::size_t>(q.limit) + 1;
  Status st = ctx.store().read([&](Tx& tx) -> Status {
    return tx.for_each_event([&](const Event& e) {
      if (q.before_seq && e.seq >= *q.before_seq) return false;
      if (!q.type.empty() && e.type != q.type) return true;
      if (!q.actor.empty() && e.actor_label != q.actor) return true;
      if (q.from && e.at < *q.from) return true;
      if (q.to && e.at >= *q.to) return true;
      kept.push_back(e);
      if (kept.size() > cap) kept.pop_front();
      return true;
    });
  });
  if (!st) return st.error();
  AuditPage page;
  if (kept.size() == cap) {
    kept.pop_front();
    page.next_before = kept.front().seq;
  }
  for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
    Event e = *it;
    e.payload = mask_payload(e.payload);
    page.events.push_back(std::move(e));
  }
  return page;
}

Result<AuditReport> verify_audit_log(ServiceContext& ctx, const Actor& actor) {
  if (Status st = require_audit(actor); !st) return st.error();
  // The same check as `huiyin audit verify`: the keyed chain, the row seals and the anchors.
  auto report = verify_audit_chain(ctx.store(), ctx.config().audit_key,
                                   ctx.config().audit_anchors_path);
  if (!report) return report;
  const Instant now = ctx.clock().now();
  Status st = ctx.store().write([&](Tx& tx) -> Status {
    auto ev = tx.append_event(make_event("audit_verify", std::nullopt, &actor, "", now,
                                         {{"ok", report->ok}, {"events_checked", report->events_checked}}));
    if (!ev) return ev.error();
    return ok();
  });
  if (!st) return st.error();
  return report;
}

}  // namespace huiyin
