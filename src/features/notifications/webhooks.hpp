// Outbound webhooks (系统管理 → 消息推送, `huiyin webhook add|list`): the targets an administrator
// keeps, the allowlist their URLs must match (setting `webhook_allowlist`, loopback only when
// unset) and the public address of the tracking link (setting `public_url`), and delivery — the
// background job in `huiyin serve` posts the outbox rows that are due, signed, and retries a
// failure with exponential backoff (first_retry_seconds · 2^(n-1), at most max_retry_seconds)
// until max_attempts, when the row goes to the dead-letter list an administrator replays. A
// node claims rows in the database before posting, so with several nodes a row is posted by one.
// A delivery that carries a reporter's phone appends a `deliver_contact` event on the matter,
// as a reveal does. Administrative calls take the actor (nullptr: the command line, which has
// the database itself) and need the system administrator. Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "features/notifications/notification_store.hpp"
#include "features/notifications/webhook_client.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

inline constexpr const char* kAllowlistSetting = "webhook_allowlist";

struct WebhookAdd {
  std::string url;
  std::string secret;               // 16..200 characters
  std::vector<std::string> events;  // webhook event types or `prefix.*`; empty: all
};

// A webhook as shown: the secret only as its last four characters.
struct WebhookView {
  Id id = 0;
  std::string url;
  std::string secret_hint;  // "••••abcd"
  std::vector<std::string> events;
  bool active = true;
  std::string created_by;
  Instant created_at = 0;
  std::int64_t pending = 0, delivered = 0, dead = 0;
};

struct DeliveryView {
  Id id = 0;
  Id webhook_id = 0;
  std::string url;
  std::string event_type;
  std::string matter_code;
  int attempts = 0;
  std::string last_error;
  Instant created_at = 0;
};

struct WebhookSettings {
  std::string allowlist;  // as stored (the default when unset)
  bool allowlist_default = true;
  std::string public_url;
  bool tls = false;  // https targets possible in this build
  std::vector<std::string> event_types;
};

struct DeliveryPolicy {
  int max_attempts = 6;
  int first_retry_seconds = 30;
  int max_retry_seconds = 6 * 3600;
  int claim_seconds = 120;  // a claim a dead node left is taken over after this
  int batch = 20;
};

struct DeliveryTick {
  int claimed = 0, delivered = 0, retried = 0, dead = 0;
};

class WebhookService {
 public:
  explicit WebhookService(ServiceContext& ctx, std::string node = {});

  Result<WebhookView> add(const Actor* actor, const WebhookAdd& in);
  Result<std::vector<WebhookView>> list(const Actor* actor);
  Status remove(const Actor* actor, Id id);
  Result<std::vector<DeliveryView>> dead_letters(const Actor* actor, int limit = 100);
  Status replay(const Actor* actor, Id delivery);
  Result<WebhookSettings> settings(const Actor* actor);
  // Either may be absent (unchanged); an empty allowlist restores the default.
  Status set_settings(const Actor* actor, const std::optional<std::string>& allowlist,
                      const std::optional<std::string>& public_url);

  // Posts what is due as of `now` (the serve job's tick).
  Result<DeliveryTick> deliver_due(Instant now);

  void set_poster(std::shared_ptr<WebhookPoster> p) { poster_ = std::move(p); }
  void set_policy(const DeliveryPolicy& p) { policy_ = p; }
  const DeliveryPolicy& policy() const { return policy_; }

 private:
  ServiceContext& ctx_;
  std::string node_;
  std::shared_ptr<WebhookPoster> poster_;
  DeliveryPolicy policy_;
};

}  // namespace huiyin
