// POST/GET /api/v1/spot_checks, GET /api/v1/spot_checks/{code},
// POST /api/v1/spot_checks/{code}/items/{matter}: 回头看 (spot_checks.hpp).
#include "features/supervision/handlers.hpp"
#include "features/supervision/spot_checks.hpp"
#include "http/reply.hpp"
#include "http/request_parse.hpp"

namespace huiyin::http {
namespace {

json org_json(const OrgRef& o) { return {{"code", o.code}, {"name", o.name}}; }

json check_json(const SpotCheckView& v) {
  json j = {{"code", v.row.code},
            {"org", org_json(v.org)},
            {"from", format_date(local_date(v.row.period_from))},
            {"to", format_date(local_date(v.row.period_to - 1))},
            {"size", v.row.size},
            {"seed", v.row.seed},
            {"drawn_by", v.drawn_by_name},
            {"created_at", iso_time(v.row.created_at)},
            {"checked", v.checked},
            {"failed", v.failed}};
  if (v.population >= 0) j["population"] = v.population;
  return j;
}

json full_json(const SpotCheckView& v) {
  json j = check_json(v);
  json items = json::array();
  for (const auto& it : v.items)
    items.push_back({{"matter", it.matter_code},
                     {"title", it.title},
                     {"status", code(it.status)},
                     {"status_label", label(it.status)},
                     {"lead_org", it.lead_org ? org_json(*it.lead_org) : json(nullptr)},
                     {"result", it.row.result.empty() ? json(nullptr) : json(it.row.result)},
                     {"note", it.row.note},
                     {"checked_by", it.checked_by_name.empty() ? json(nullptr) : json(it.checked_by_name)},
                     {"checked_at", it.row.checked_at ? json(iso_time(*it.row.checked_at)) : json(nullptr)}});
  j["items"] = std::move(items);
  j["total"] = v.items.size();
  return j;
}

}  // namespace

Response handle_spot_check_draw(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  SpotCheckDraw in;
  in.org = f.str("org").value_or("");
  in.from = f.str("from").value_or("");
  in.to = f.str("to").value_or("");
  auto size = f.integer("size");
  in.seed = f.str("seed").value_or("");
  f.require("org", !in.org.empty(), "单位");
  f.require("from", !in.from.empty(), "开始日期");
  f.require("to", !in.to.empty(), "结束日期");
  f.require("size", size.has_value(), "抽查件数");
  if (!f.ok()) return problem(f.error());
  in.size = static_cast<int>(std::clamp<std::int64_t>(*size, -1, 100000));
  auto v = c.services.spot_checks().draw(c.actor(), in);
  if (!v) return problem(v.error());
  Response r = json_response(full_json(*v), 201);
  r.set_header("Location", "/api/v1/spot_checks/" + v->row.code);
  return r;
}

Response handle_spot_check_list(Context& c) {
  auto list = c.services.spot_checks().list(c.actor());
  if (!list) return problem(list.error());
  json items = json::array();
  for (const auto& v : *list) items.push_back(check_json(v));
  return json_response({{"items", std::move(items)}});
}

Response handle_spot_check_get(Context& c) {
  auto v = c.services.spot_checks().get(c.actor(), c.param("code"));
  if (!v) return problem(v.error());
  return json_response(full_json(*v));
}

Response handle_spot_check_item(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  auto passed = f.boolean("passed");
  const std::string note = f.str("note").value_or("");
  if (!f.ok()) return problem(f.error());
  auto v = c.services.spot_checks().record(c.actor(), c.param("code"), c.param("matter"), passed, note);
  if (!v) return problem(v.error());
  return json_response(full_json(*v));
}

}  // namespace huiyin::http
