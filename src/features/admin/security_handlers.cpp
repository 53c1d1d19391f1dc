// 等保2.0 endpoints: changing one's own password, the login throttles (security administrator)
// and the audit log with its verify result (audit administrator). The route table and the
// services both check the role.
#include <charconv>

#include "features/admin/handlers.hpp"
#include "features/admin/user_json.hpp"
#include "http/reply.hpp"
#include "features/admin/admin.hpp"
#include "kernel/audit_log.hpp"
#include "kernel/auth.hpp"

namespace huiyin::http {
namespace {

json throttle_json(const ThrottleView& t) {
  return {{"level", t.level},       {"account", t.account}, {"source", t.source},
          {"failures", t.failures}, {"until", iso_time(t.until)}};
}

json audit_event_json(const Event& e) {
  json payload = json::parse(e.payload, nullptr, false);
  if (payload.is_discarded()) payload = e.payload;
  return {{"seq", e.seq},
          {"at", iso_time(e.at)},
          {"type", e.type},
          {"actor", e.actor_label},
          {"matter_id", e.matter_id ? json(*e.matter_id) : json(nullptr)},
          {"payload", payload}};
}

Result<std::optional<Instant>> query_time(const Request& req, const char* name) {
  const std::string text = query_text(req, name);
  if (text.empty()) return std::optional<Instant>{};
  auto t = parse_time(text);
  if (!t) return invalid(std::string("参数 ") + name + " 应为日期或时间", name);
  return std::optional<Instant>(*t);
}

}  // namespace

Response handle_password_change(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  auto current = f.str("current_password");
  auto next = f.str("new_password");
  f.require("current_password", current.has_value() && !current->empty(), "当前密码");
  f.require("new_password", next.has_value() && !next->empty(), "新密码");
  if (!f.ok()) return problem(f.error());
  Status s = c.services.auth().change_password(c.actor(), c.session_cookie, *current, *next,
                                               c.client());
  if (!s) return problem(s.error());
  return no_content();
}

Response handle_admin_throttles(Context& c) {
  auto list = c.services.admin().throttles(c.actor());
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& t : *list) out.push_back(throttle_json(t));
  return json_response({{"throttles", out}});
}

Response handle_admin_throttle_lift(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  const std::string account = f.str("account").value_or("");
  const std::string source = f.str("source").value_or("");
  if (!f.ok()) return problem(f.error());
  auto n = c.services.admin().lift_throttle(c.actor(), account, source);
  if (!n) return problem(n.error());
  return json_response({{"lifted", *n}});
}

Response handle_audit_events(Context& c) {
  AuditQuery q;
  q.type = query_text(c.req, "type");
  q.actor = query_text(c.req, "actor");
  auto limit = query_limit(c.req, "limit", 50, 500);
  if (!limit) return problem(limit.error());
  q.limit = *limit;
  auto from = query_time(c.req, "from");
  if (!from) return problem(from.error());
  auto to = query_time(c.req, "to");
  if (!to) return problem(to.error());
  q.from = *from;
  q.to = *to;
  if (std::string b = query_text(c.req, "before"); !b.empty()) {
    Id v = 0;
    auto [p, ec] = std::from_chars(b.data(), b.data() + b.size(), v);
    if (ec != std::errc() || p != b.data() + b.size() || v < 1)
      return problem(invalid("参数 before 应为正整数", "before"));
    q.before_seq = v;
  }
  auto page = read_audit_log(c.services.context(), c.actor(), q);
  if (!page) return problem(page.error());
  json events = json::array();
  for (const auto& e : page->events) events.push_back(audit_event_json(e));
  return json_response({{"events", events},
                        {"next_before", page->next_before ? json(*page->next_before) : json(nullptr)}});
}

Response handle_audit_verify(Context& c) {
  auto report = verify_audit_log(c.services.context(), c.actor());
  if (!report) return problem(report.error());
  return json_response({{"ok", report->ok},
                        {"events_checked", report->events_checked},
                        {"first_bad_seq", report->first_bad_seq ? json(*report->first_bad_seq) : json(nullptr)},
                        {"reason", report->reason}});
}

}  // namespace huiyin::http
