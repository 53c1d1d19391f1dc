// Staff endpoints on matters: the scoped list, the matter page (ETag = version), actions with
// If-Match, the guarded contact reveal, duplicates and routing suggestions, and the default
// deadline of the rules.
#include "features/matters/handlers.hpp"
#include "features/matters/matter_json.hpp"
#include <charconv>

#include "http/reply.hpp"
#include "http/request_parse.hpp"
#include "features/matters/matters.hpp"

namespace huiyin::http {
namespace {

Response detail_response(const MatterDetail& d) {
  Response r = json_response(detail_json(d));
  r.set_header("ETag", etag(d.summary.matter.version));
  return r;
}

}  // namespace

Response handle_matter_list(Context& c) {
  auto q = matter_query(c.req);
  if (!q) return problem(q.error());
  if (std::string o = query_text(c.req, "offset"); !o.empty()) {
    int n = -1;
    auto [p, ec] = std::from_chars(o.data(), o.data() + o.size(), n);
    if (ec != std::errc() || p != o.data() + o.size() || n < 0 || n > 100000)
      return problem(invalid("参数 offset 应为0到100000之间的整数", "offset"));
    q->offset = n;
  }
  q->with_total = true;  // 共N条 and the pages of a table
  auto list = c.services.matters().list(c.actor(), *q);
  if (!list) return problem(list.error());
  json items = json::array();
  for (const auto& s : list->items) items.push_back(summary_json(s));
  return json_response(
      {{"items", std::move(items)},
       {"next_cursor", list->next_cursor.empty() ? json(nullptr) : json(list->next_cursor)},
       {"total", list->total ? json(*list->total) : json(nullptr)}});
}

Response handle_matter_get(Context& c) {
  auto d = c.services.matters().get(c.actor(), c.param("code"));
  if (!d) return problem(d.error());
  return detail_response(*d);
}

Response handle_matter_action(Context& c) {
  auto version = if_match_version(c.req);
  if (!version) {
    return problem(HttpProblem::precondition_required,
                   "请在 If-Match 请求头中带上问题的版本号,以免覆盖他人的修改");
  }
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  ActionRequest a;
  a.action = f.str("action").value_or("");
  f.require("action", !a.action.empty(), "操作(action)");
  a.reason = f.str("reason").value_or("");
  a.reply = f.str("reply").value_or("");
  a.note = f.str("note").value_or("");
  a.lead_org = f.str("lead_org").value_or("");
  a.co_orgs = f.str_list("co_orgs").value_or(std::vector<std::string>{});
  a.subject_orgs = f.str_list("subject_orgs").value_or(std::vector<std::string>{});
  a.category = f.str("category").value_or("");
  a.handling_class = f.str("handling_class").value_or("");
  a.deadline = f.str("deadline").value_or("");
  a.solved = f.boolean("solved");
  a.satisfaction = f.str("satisfaction").value_or("");
  a.comment = f.str("comment").value_or("");
  a.into = f.str("into").value_or("");
  a.to_org = f.str("to_org").value_or("");
  a.unfinished_measures_reason = f.str("unfinished_measures_reason").value_or("");
  a.approve = f.boolean("approve");
  a.listed = f.boolean("listed");
  a.answer_by = f.str("answer_by").value_or("");
  a.handler = f.str("handler").value_or("");
  if (auto days = f.integer("extend_days")) {
    if (*days < 1 || *days > 365)
      f.fail(invalid("延期天数应在1到365之间", "extend_days"));
    else
      a.extend_days = static_cast<int>(*days);
  }
  if (!f.ok()) return problem(f.error());
  auto d = c.services.matters().act(c.actor(), c.param("code"), a, *version);
  if (!d) return problem(d.error());
  return detail_response(*d);
}

Response handle_matter_unit_handlers(Context& c) {
  auto users = c.services.matters().unit_handlers(c.actor(), c.param("code"));
  if (!users) return problem(users.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : *users) items.push_back({{"username", u.username}, {"name", u.display_name}});
  return json_response({{"items", std::move(items)}});
}

Response handle_matter_reveal(Context& c) {
  auto r = c.services.matters().reveal_contact(c.actor(), c.param("code"));
  if (!r) return problem(r.error());
  return json_response({{"name", r->name}, {"phone", r->phone}, {"anonymous", r->anonymous}});
}

namespace {

Response html_page(Result<std::string> html) {
  if (!html) return problem(html.error());
  Response r;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(*html);
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

Response handle_matter_notice(Context& c) {
  return html_page(c.services.matters().petition_notice(c.actor(), c.param("code")));
}

Response handle_matter_reply(Context& c) {
  return html_page(c.services.matters().petition_reply(c.actor(), c.param("code")));
}

// handle_matter_similar and handle_matter_suggestions: handlers_text.cpp.

Response handle_deadline(Context& c) {
  auto p = c.services.matters().default_deadline(
      query_text(c.req, "channel"), query_text(c.req, "handling_class"), query_text(c.req, "from"));
  if (!p) return problem(p.error());
  return json_response({{"deadline", format_date(p->deadline)},
                        {"days", p->days},
                        {"unit", p->working_days ? "working" : "calendar"},
                        {"text", p->text}});
}

}  // namespace huiyin::http
