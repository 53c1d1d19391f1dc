// 通报 endpoints: list, preview or publish, read, print (HTML, XLSX) and re-check a circular.
#include "features/reports/circular.hpp"
#include "features/reports/handlers.hpp"
#include "http/reply.hpp"
#include "http/request_parse.hpp"

namespace huiyin::http {
namespace {

// The circular as the API gives it; `full` adds what it prints (figures, ranking, lists, cases).
json circular_json(const Circular& c, bool full) {
  json j = {{"id", c.id ? json(*c.id) : json(nullptr)},
            {"org", {{"code", c.org.code}, {"name", c.org.name}}},
            {"period", c.period},
            {"year", c.year},
            {"issue", c.issue},
            {"issue_text", std::to_string(c.year) + "年第" + std::to_string(c.issue) + "期"},
            {"title", c.title},
            {"inputs_sha256", c.inputs_sha256},
            {"anchor", c.id ? json{{"seq", c.anchor_seq}, {"hash", c.anchor_hash}} : json(nullptr)},
            {"published_at", c.id ? json(iso_time(c.published_at)) : json(nullptr)},
            {"published_by", c.published_by}};
  if (c.id) {
    const std::string base = "/api/v1/circulars/" + std::to_string(*c.id);
    j["html_url"] = base + ".html";
    j["xlsx_url"] = base + ".xlsx";
  }
  if (full && c.content.is_object()) {
    for (const char* k : {"from", "to", "figures", "figures_query", "ranking", "lists", "cases"})
      j[k] = c.content.value(k, json());
  }
  return j;
}

Id circular_id(Context& c) { return static_cast<Id>(std::stoll(c.param("id"))); }

Response document(std::string body, const char* type) {
  Response r;
  r.content_type = type;
  r.body = std::move(body);
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

Response handle_circulars(Context& c) {
  auto list = c.services.circulars().list(c.actor(), query_text(c.req, "org"));
  if (!list) return problem(list.error());
  json items = json::array();
  for (const auto& x : *list) items.push_back(circular_json(x, false));
  return json_response({{"items", std::move(items)}});
}

Response handle_circular_create(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  CircularRequest req;
  req.period = f.str("period").value_or("");
  req.org = f.str("org").value_or("");
  if (auto issue = f.integer("issue")) req.issue = static_cast<int>(*issue);
  req.cases = f.str_list("cases").value_or(std::vector<std::string>{});
  const bool publish = f.boolean("publish").value_or(true);
  f.require("period", !req.period.empty(), "通报期间");
  if (!f.ok()) return problem(f.error());
  if (!publish) {
    auto p = c.services.circulars().preview(c.actor(), req);
    if (!p) return problem(p.error());
    json j = circular_json(*p, true);
    j["html"] = circular_html(*p);
    return json_response(j);
  }
  auto p = c.services.circulars().publish(c.actor(), req);
  if (!p) return problem(p.error());
  Response r = json_response(circular_json(*p, true), 201);
  r.set_header("Location", "/api/v1/circulars/" + std::to_string(*p->id));
  return r;
}

Response handle_circular_get(Context& c) {
  auto x = c.services.circulars().get(c.actor(), circular_id(c));
  if (!x) return problem(x.error());
  return json_response(circular_json(*x, true));
}

Response handle_circular_html(Context& c) {
  auto x = c.services.circulars().get(c.actor(), circular_id(c));
  if (!x) return problem(x.error());
  return document(circular_html(*x), "text/html; charset=utf-8");
}

Response handle_circular_xlsx(Context& c) {
  auto x = c.services.circulars().get(c.actor(), circular_id(c));
  if (!x) return problem(x.error());
  auto bytes = circular_xlsx(*x);
  if (!bytes) return problem(bytes.error());
  Response r = document(std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  // 通报_2026年第11期.xlsx, with an ASCII name for old clients.
  r.set_header("Content-Disposition", "attachment; filename=\"circular-" + std::to_string(x->year) +
                                          "-" + std::to_string(x->issue) +
                                          ".xlsx\"; filename*=UTF-8''%E9%80%9A%E6%8A%A5_" +
                                          std::to_string(x->year) + "-" + std::to_string(x->issue) + ".xlsx");
  return r;
}

Response handle_circular_verify(Context& c) {
  auto k = c.services.circulars().verify(c.actor(), circular_id(c));
  if (!k) return problem(k.error());
  return json_response({{"stored_intact", k->stored_intact},
                        {"inputs_match", k->inputs_match},
                        {"stored_sha256", k->stored_sha256},
                        {"recomputed_sha256", k->recomputed_sha256},
                        {"changed", k->changed},
                        {"anchor", {{"seq", k->anchor_seq}, {"hash", k->anchor_hash}}}});
}

}  // namespace huiyin::http
