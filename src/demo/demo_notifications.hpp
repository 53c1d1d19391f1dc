// The demo's notifications: a webhook to an SMS gateway on this host that is not running
// (http://127.0.0.1:9/sms, reporter.reopened), added before the matters are replayed so their
// reopenings queue messages for it; after the replay those are tried once and land in the
// dead-letter list (系统管理 → 消息推送), and inbox items older than a week are marked read, so
// each demo user starts with a few unread ones. Called by seed_demo only.
#pragma once

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

inline constexpr const char* kDemoWebhookUrl = "http://127.0.0.1:9/sms";

Status demo_webhook(Services& sv, const Actor& admin);
Status demo_notifications_after(Services& sv, Instant now);

}  // namespace huiyin
