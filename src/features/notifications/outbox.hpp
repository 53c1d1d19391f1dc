// The notification outbox: the store's event hook (Store::set_event_hook). For each audit event
// the rules (notification_rules.hpp) match, it writes — in the event's own transaction — the
// inbox items of its recipients and one delivery row per subscribed webhook, with the JSON body
// as it will be signed and sent. Nothing is sent here; WebhookService delivers after commit.
// Thread-safe (no state of its own; each call works on the caller's Tx).
#pragma once

#include <string>
#include <vector>

#include "domain/model.hpp"
#include "kernel/services.hpp"
#include "store/tx.hpp"

namespace huiyin {

// Setting `public_url`: where the public pages are, for the tracking link in reporter.*
// (default: http://127.0.0.1:8080).
inline constexpr const char* kPublicUrlSetting = "public_url";
inline constexpr const char* kDefaultPublicUrl = "http://127.0.0.1:8080";

// Whether a webhook subscribed to `events` (empty: all; `reporter.*` a prefix) takes `type`.
bool subscribed(const std::vector<std::string>& events, const std::string& type);

class NotificationOutbox {
 public:
  explicit NotificationOutbox(ServiceContext& ctx) : ctx_(ctx) {}
  void on_event(Tx& tx, const Event& e);

 private:
  ServiceContext& ctx_;
};

}  // namespace huiyin
