// GET/POST /api/v1/rotas, GET/PATCH /api/v1/rotas/{code}: rotas of joint inspections (轮值表),
// each with its current and next lead and its recent periods.
#include "features/records/handlers.hpp"
#include "features/records/records.hpp"
#include "http/reply.hpp"
#include "http/request_parse.hpp"

namespace huiyin::http {
namespace {

json ref_json(const OrgRef& o) { return {{"code", o.code}, {"name", o.name}}; }

json period_json(const RotaPeriodView& p, bool with_state) {
  json j = {{"period", p.span.label},
            {"from", format_date(p.span.from)},
            {"to", format_date(p.span.to)},
            {"lead", ref_json(p.lead)}};
  if (with_state) {
    j["state"] = p.state;
    j["records"] = p.records;
  }
  return j;
}

json rota_json(const RotaView& v) {
  json leads = json::array(), periods = json::array();
  for (const auto& l : v.leads) leads.push_back(ref_json(l));
  for (const auto& p : v.periods) periods.push_back(period_json(p, true));
  return {{"code", v.rota.code},
          {"name", v.rota.name},
          {"org", ref_json(v.org)},
          {"period", v.rota.period},
          {"start", v.rota.starts_on},
          {"leads", std::move(leads)},
          {"support", ref_json(v.support)},
          {"route", v.rota.route},
          {"active", v.rota.active},
          {"current", period_json(v.current, true)},
          {"next", period_json(v.next, false)},
          {"periods", std::move(periods)},
          {"version", v.rota.version}};
}

Response rota_response(const RotaView& v, int status = 200) {
  Response r = json_response(rota_json(v), status);
  r.set_header("ETag", "\"" + std::to_string(v.rota.version) + "\"");
  return r;
}

}  // namespace

Response handle_rota_list(Context& c) {
  auto list = c.services.records().rotas(c.actor());
  if (!list) return problem(list.error());
  json items = json::array();
  for (const auto& v : *list) items.push_back(rota_json(v));
  return json_response({{"items", std::move(items)}});
}

Response handle_rota_add(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  RotaInput in;
  in.name = f.str("name").value_or("");
  in.org = f.str("org").value_or("");
  in.period = f.str("period").value_or("");
  in.start = f.str("start").value_or("");
  in.support = f.str("support").value_or("");
  in.route = f.str("route").value_or("");
  in.leads = f.str_list("leads").value_or(std::vector<std::string>{});
  f.require("name", !in.name.empty(), "名称");
  f.require("org", !in.org.empty(), "区域");
  f.require("start", !in.start.empty(), "开始日期");
  f.require("support", !in.support.empty(), "配合单位");
  if (!f.ok()) return problem(f.error());
  auto code = c.services.records().create_rota(c.actor(), in);
  if (!code) return problem(code.error());
  Response r = json_response({{"code", *code}}, 201);
  r.set_header("Location", "/api/v1/rotas/" + *code);
  return r;
}

Response handle_rota_get(Context& c) {
  auto v = c.services.records().rota(c.actor(), c.param("code"));
  if (!v) return problem(v.error());
  return rota_response(*v);
}

Response handle_rota_patch(Context& c) {
  auto version = if_match_version(c.req);
  if (!version)
    return problem(HttpProblem::precondition_required,
                   "请在 If-Match 请求头中带上轮值表的版本号,以免覆盖他人的修改");
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  RotaPatch p;
  p.name = f.str("name");
  p.support = f.str("support");
  p.route = f.str("route");
  p.active = f.boolean("active");
  if (body->contains("leads")) p.leads = f.str_list("leads");
  if (!f.ok()) return problem(f.error());
  auto v = c.services.records().update_rota(c.actor(), c.param("code"), p, *version);
  if (!v) return problem(v.error());
  return rota_response(*v);
}

}  // namespace huiyin::http
