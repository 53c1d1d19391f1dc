#include "demo/demo_notifications.hpp"

#include "features/notifications/webhooks.hpp"

namespace huiyin {

Status demo_webhook(Services& sv, const Actor& admin) {
  auto w = sv.webhooks().add(&admin, {kDemoWebhookUrl, "demo-sms-gateway-secret", {"reporter.reopened"}});
  if (!w) return w.error();
  return ok();
}

Status demo_notifications_after(Services& sv, Instant now) {
  // One try each (the gateway is not there): straight to the dead-letter list.
  DeliveryPolicy once = sv.webhooks().policy();
  once.max_attempts = 1;
  sv.webhooks().set_policy(once);
  for (;;) {
    auto tick = sv.webhooks().deliver_due(now);
    if (!tick) return tick.error();
    if (tick->claimed == 0) break;
  }
  return sv.context().store().write([&](Tx& tx) -> Status {
    tx.conn().exec("UPDATE inbox_items SET read_at = created_at WHERE read_at IS NULL AND created_at < $1",
                   {now - 7 * 86400});
    return ok();
  });
}

}  // namespace huiyin
