#include "features/notifications/webhooks.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "features/matters/matter_store.hpp"
#include "features/notifications/notification_rules.hpp"
#include "features/notifications/outbox.hpp"
#include "kernel/support.hpp"
#include "store/catalog_store.hpp"

namespace huiyin {
namespace {

constexpr std::size_t kMaxUrl = 2000;

Status require_admin(const Actor* actor) {
  if (actor && !actor->is_admin()) return forbidden("只有系统管理员可以管理消息推送");
  return ok();
}

std::string secret_hint(const std::string& s) {
  return "••••" + (s.size() > 4 ? s.substr(s.size() - 4) : std::string());
}

Result<std::vector<WebhookUrl>> allowlist_of(Tx& tx) {
  return parse_allowlist(db::setting(tx, kAllowlistSetting).value_or(std::string(kDefaultWebhookAllowlist)));
}

// The URL parsed and allowed now, or why not.
Result<WebhookUrl> checked_target(Tx& tx, const std::string& url) {
  if (url.size() > kMaxUrl) return invalid("推送地址过长", "url");
  auto u = parse_webhook_url(url);
  if (!u) return u.error();
  if (u->scheme == "https" && !webhook_tls())
    return invalid("本程序构建时未找到 OpenSSL,不支持 https 推送地址(可改用本机 http 网关)", "url");
  auto allow = allowlist_of(tx);
  if (!allow) return allow.error();
  if (!allowed_by(*u, *allow))
    return invalid("推送地址不在允许列表中(系统管理 → 消息推送 → 允许的地址): " + url, "url");
  return u;
}

Status check_events(const std::vector<std::string>& events) {
  const auto known = webhook_event_types();
  for (const auto& e : events) {
    const bool ok_type = std::find(known.begin(), known.end(), e) != known.end() ||
                         (e.ends_with(".*") && std::any_of(known.begin(), known.end(), [&](const std::string& k) {
                            return k.starts_with(e.substr(0, e.size() - 1));
                          }));
    if (!ok_type) return invalid("未知的推送事件: " + e, "events");
  }
  return ok();
}

WebhookView view_of(Tx& tx, const Webhook& w) {
  return {w.id,
          w.url,
          secret_hint(w.secret),
          w.events,
          w.active,
          w.created_by,
          w.created_at,
          db::delivery_count(tx, w.id, DeliveryStatus::pending),
          db::delivery_count(tx, w.id, DeliveryStatus::delivered),
          db::delivery_count(tx, w.id, DeliveryStatus::dead)};
}

Status audited(Tx& tx, const char* type, const Actor* actor, Instant now, const nlohmann::json& p) {
  auto ev = tx.append_event(make_event(type, std::nullopt, actor, "cli", now, p));
  if (!ev) return ev.error();
  return ok();
}

}  // namespace

WebhookService::WebhookService(ServiceContext& ctx, std::string node)
    : ctx_(ctx),
      node_(node.empty() ? process_node_name() : std::move(node)),
      poster_(std::make_shared<BeastPoster>()) {}

Result<WebhookView> WebhookService::add(const Actor* actor, const WebhookAdd& in) {
  if (Status st = require_admin(actor); !st) return st.error();
  if (in.secret.size() < 16 || in.secret.size() > 200)
    return invalid("签名密钥应为16至200个字符", "secret");
  if (Status st = check_events(in.events); !st) return st.error();
  const Instant now = ctx_.clock().now();
  return ctx_.store().write([&](Tx& tx) -> Result<WebhookView> {
    auto target = checked_target(tx, in.url);
    if (!target) return target.error();
    Webhook w;
    w.url = in.url;
    w.secret = in.secret;
    w.events = in.events;
    w.created_by = actor ? actor->username : "cli";
    w.created_at = now;
    auto id = db::insert_webhook(tx, w);
    if (!id) return id.error();
    w.id = *id;
    if (Status st = audited(tx, "webhook_add", actor, now,
                            {{"webhook", w.id}, {"url", w.url}, {"events", w.events}});
        !st)
      return st.error();
    return view_of(tx, w);
  });
}

Result<std::vector<WebhookView>> WebhookService::list(const Actor* actor) {
  if (Status st = require_admin(actor); !st) return st.error();
  return ctx_.store().read([&](Tx& tx) -> Result<std::vector<WebhookView>> {
    std::vector<WebhookView> out;
    for (const auto& w : db::list_webhooks(tx, true)) out.push_back(view_of(tx, w));
    return out;
  });
}

Status WebhookService::remove(const Actor* actor, Id id) {
  if (Status st = require_admin(actor); !st) return st;
  const Instant now = ctx_.clock().now();
  return ctx_.store().write([&](Tx& tx) -> Status {
    if (!db::deactivate_webhook(tx, id)) return not_found("没有这个推送地址");
    return audited(tx, "webhook_remove", actor, now, {{"webhook", id}});
  });
}

Result<std::vector<DeliveryView>> WebhookService::dead_letters(const Actor* actor, int limit) {
  if (Status st = require_admin(actor); !st) return st.error();
  return ctx_.store().read([&](Tx& tx) -> Result<std::vector<DeliveryView>> {
    std::vector<DeliveryView> out;
    for (const auto& d : db::deliveries_with_status(tx, DeliveryStatus::dead, limit)) {
      DeliveryView v{d.id, d.webhook_id, "", d.event_type, "", d.attempts, d.last_error, d.created_at};
      if (auto w = db::webhook_by_id(tx, d.webhook_id)) v.url = w->url;
      if (d.matter_id)
        if (auto m = db::matter_by_id(tx, *d.matter_id)) v.matter_code = m->code;
      out.push_back(std::move(v));
    }
    return out;
  });
}

Status WebhookService::replay(const Actor* actor, Id delivery) {
  if (Status st = require_admin(actor); !st) return st;
  const Instant now = ctx_.clock().now();
  return ctx_.store().write([&](Tx& tx) -> Status {
    if (!db::replay_delivery(tx, delivery, now)) return not_found("死信列表中没有这条推送");
    return audited(tx, "webhook_replay", actor, now, {{"delivery", delivery}});
  });
}

Result<WebhookSettings> WebhookService::settings(const Actor* actor) {
  if (Status st = require_admin(actor); !st) return st.error();
  return ctx_.store().read([&](Tx& tx) -> Result<WebhookSettings> {
    WebhookSettings s;
    auto stored = db::setting(tx, kAllowlistSetting);
    s.allowlist_default = !stored;
    s.allowlist = stored.value_or(std::string(kDefaultWebhookAllowlist));
    s.public_url = db::setting(tx, kPublicUrlSetting).value_or(kDefaultPublicUrl);
    s.tls = webhook_tls();
    s.event_types = webhook_event_types();
    return s;
  });
}

Status WebhookService::set_settings(const Actor* actor, const std::optional<std::string>& allowlist,
                                    const std::optional<std::string>& public_url) {
  if (Status st = require_admin(actor); !st) return st;
  if (allowlist && allowlist->size() > 10000) return invalid("允许列表过长", "allowlist");
  if (allowlist)
    if (auto a = parse_allowlist(*allowlist); !a) return a.error();
  if (public_url) {
    auto u = parse_webhook_url(*public_url);
    if (!u) return invalid("网站地址无效(应为 http:// 或 https:// 开头)", "public_url");
  }
  const Instant now = ctx_.clock().now();
  return ctx_.store().write([&](Tx& tx) -> Status {
    nlohmann::json p = nlohmann::json::object();
    if (allowlist) {
      const std::string text = allowlist->empty() ? std::string(kDefaultWebhookAllowlist) : *allowlist;
      if (Status st = db::set_setting(tx, kAllowlistSetting, text); !st) return st;
      p["allowlist"] = text;
    }
    if (public_url) {
      if (Status st = db::set_setting(tx, kPublicUrlSetting, *public_url); !st) return st;
      p["public_url"] = *public_url;
    }
    return audited(tx, "webhook_settings", actor, now, p);
  });
}

Result<DeliveryTick> WebhookService::deliver_due(Instant now) {
  DeliveryTick tick;
  auto claimed = ctx_.store().write([&](Tx& tx) -> Result<std::vector<Delivery>> {
    return db::claim_due_deliveries(tx, node_, now, now + policy_.claim_seconds, policy_.batch);
  });
  if (!claimed) return claimed.error();
  tick.claimed = static_cast<int>(claimed->size());
  for (const Delivery& d : *claimed) {
    // The webhook and the allowlist as they are now: a target removed or no longer allowed
    // since the row was written is not posted to.
    auto target = ctx_.store().read([&](Tx& tx) -> Result<std::pair<Webhook, WebhookUrl>> {
      auto w = db::webhook_by_id(tx, d.webhook_id);
      if (!w || !w->active) return not_found("推送地址已删除");
      auto u = checked_target(tx, w->url);
      if (!u) return u.error();
      return std::make_pair(*w, *u);
    });
    PostResult r;
    if (!target) {
      r.error = target.error().detail;
    } else {
      const std::map<std::string, std::string> headers = {
          {"X-Huiyin-Signature", webhook_signature(target->first.secret, d.body)},
          {"X-Huiyin-Event", d.event_type},
          {"X-Huiyin-Delivery", std::to_string(d.id)}};
      r = poster_->post(target->second, headers, d.body);
    }
    const int attempts = d.attempts + 1;
    DeliveryStatus next = DeliveryStatus::delivered;
    Instant next_at = now;
    if (!r.ok) {
      const bool gone = !target && target.error().code == ErrorCode::not_found;
      if (gone || attempts >= policy_.max_attempts) {
        next = DeliveryStatus::dead;
      } else {
        next = DeliveryStatus::pending;
        std::int64_t wait = policy_.first_retry_seconds;
        for (int i = 1; i < attempts && wait < policy_.max_retry_seconds; ++i) wait *= 2;
        next_at = now + std::min<std::int64_t>(wait, policy_.max_retry_seconds);
      }
    }
    Status st = ctx_.store().write([&](Tx& tx) -> Status {
      if (!db::finish_delivery(tx, d.id, node_, next, attempts, next_at, r.error, now)) return ok();
      // The phone left this host: logged on the matter like a reveal.
      if (r.sent && d.carries_phone && d.matter_id) {
        auto ev = tx.append_event(make_event("deliver_contact", *d.matter_id, nullptr, "system", now,
                                             {{"webhook", d.webhook_id},
                                              {"delivery", d.id},
                                              {"event", d.event_type},
                                              {"host", target ? target->second.host : ""},
                                              {"delivered", r.ok}}));
        if (!ev) return ev.error();
      }
      return ok();
    });
    if (!st) return st.error();
    if (next == DeliveryStatus::delivered) ++tick.delivered;
    else if (next == DeliveryStatus::dead) ++tick.dead;
    else ++tick.retried;
  }
  return tick;
}

}  // namespace huiyin
