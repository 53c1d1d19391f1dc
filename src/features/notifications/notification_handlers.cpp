#include "features/notifications/handlers.hpp"

#include "features/notifications/inbox.hpp"
#include "features/notifications/webhooks.hpp"
#include "http/reply.hpp"
#include "http/request_parse.hpp"

namespace huiyin::http {
namespace {

json inbox_item_json(const InboxItem& i) {
  return {{"id", i.id},
          {"kind", i.kind},
          {"label", i.label},
          {"matter_code", i.matter_code},
          {"matter_title", i.matter_title},
          {"note", i.note},
          {"created_at", iso_time(i.created_at)},
          {"read", i.read_at.has_value()}};
}

json webhook_json(const WebhookView& w) {
  return {{"id", w.id},
          {"url", w.url},
          {"secret_hint", w.secret_hint},
          {"events", w.events},
          {"active", w.active},
          {"created_by", w.created_by},
          {"created_at", iso_time(w.created_at)},
          {"pending", w.pending},
          {"delivered", w.delivered},
          {"dead", w.dead}};
}

Response unread_response(Context& c) {
  auto p = c.services.inbox().list(c.actor(), 1, 0, true);
  if (!p) return problem(p.error());
  return json_response({{"unread", p->unread}});
}

}  // namespace

Response handle_inbox(Context& c) {
  auto limit = query_limit(c.req, "limit", 20, 100);
  if (!limit) return problem(limit.error());
  const std::string offset_text = query_text(c.req, "offset");
  int offset = 0;
  if (!offset_text.empty()) {
    if (offset_text.size() > 9 || offset_text.find_first_not_of("0123456789") != std::string::npos)
      return problem(invalid("起始位置应为非负整数", "offset"));
    offset = std::stoi(offset_text);
  }
  auto unread = query_bool(c.req, "unread");
  if (!unread) return problem(unread.error());
  auto p = c.services.inbox().list(c.actor(), *limit, offset, unread->value_or(false));
  if (!p) return problem(p.error());
  json items = json::array();
  for (const auto& i : p->items) items.push_back(inbox_item_json(i));
  return json_response({{"items", std::move(items)}, {"total", p->total}, {"unread", p->unread}});
}

Response handle_inbox_read(Context& c) {
  if (Status st = c.services.inbox().mark_read(c.actor(), std::stoll(c.param("id"))); !st)
    return problem(st.error());
  return unread_response(c);
}

Response handle_inbox_read_all(Context& c) {
  auto n = c.services.inbox().mark_all_read(c.actor());
  if (!n) return problem(n.error());
  return json_response({{"marked", *n}, {"unread", 0}});
}

Response handle_admin_webhooks(Context& c) {
  auto list = c.services.webhooks().list(&c.actor());
  if (!list) return problem(list.error());
  auto s = c.services.webhooks().settings(&c.actor());
  if (!s) return problem(s.error());
  json items = json::array();
  for (const auto& w : *list) items.push_back(webhook_json(w));
  return json_response({{"items", std::move(items)},
                        {"settings",
                         {{"allowlist", s->allowlist},
                          {"allowlist_default", s->allowlist_default},
                          {"public_url", s->public_url},
                          {"tls", s->tls},
                          {"event_types", s->event_types}}}});
}

Response handle_admin_webhook_add(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  WebhookAdd in;
  in.url = f.str("url").value_or("");
  in.secret = f.str("secret").value_or("");
  if (auto e = f.str_list("events")) in.events = *e;
  f.require("url", !in.url.empty(), "推送地址");
  f.require("secret", !in.secret.empty(), "签名密钥");
  if (!f.ok()) return problem(f.error());
  auto w = c.services.webhooks().add(&c.actor(), in);
  if (!w) return problem(w.error());
  return json_response(webhook_json(*w), 201);
}

Response handle_admin_webhook_delete(Context& c) {
  if (Status st = c.services.webhooks().remove(&c.actor(), std::stoll(c.param("id"))); !st)
    return problem(st.error());
  return no_content();
}

Response handle_admin_webhook_settings(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  auto allowlist = f.str("allowlist");
  auto public_url = f.str("public_url");
  if (!f.ok()) return problem(f.error());
  if (Status st = c.services.webhooks().set_settings(&c.actor(), allowlist, public_url); !st)
    return problem(st.error());
  return handle_admin_webhooks(c);
}

Response handle_admin_webhooks_dead(Context& c) {
  auto list = c.services.webhooks().dead_letters(&c.actor());
  if (!list) return problem(list.error());
  json items = json::array();
  for (const auto& d : *list)
    items.push_back({{"id", d.id},
                     {"webhook_id", d.webhook_id},
                     {"url", d.url},
                     {"event", d.event_type},
                     {"matter_code", d.matter_code},
                     {"attempts", d.attempts},
                     {"last_error", d.last_error},
                     {"created_at", iso_time(d.created_at)}});
  return json_response({{"items", std::move(items)}});
}

Response handle_admin_webhook_replay(Context& c) {
  if (Status st = c.services.webhooks().replay(&c.actor(), std::stoll(c.param("id"))); !st)
    return problem(st.error());
  return no_content();
}

}  // namespace huiyin::http
