// Staff endpoints backed by the text layer: routing suggestions and similar matters on the
// dispatch screen, and common-problem candidates (JSON and XLSX) for supervisors.
#include "http/handlers.hpp"
#include "http/json_views.hpp"
#include "http/reply.hpp"
#include "service/common_problems.hpp"
#include "service/duplicates.hpp"
#include "service/routing.hpp"

namespace huiyin::http {
namespace {

CommonProblemQuery common_query(const Request& req) {
  CommonProblemQuery q;
  q.org = query_text(req, "org");
  q.from = query_text(req, "from");
  q.to = query_text(req, "to");
  return q;
}

json common_problem_json(const CommonProblem& p) {
  json examples = json::array();
  for (const auto& e : p.examples) examples.push_back({{"code", e.code}, {"title", e.title}});
  return {{"size", p.size},         {"units", p.units},     {"categories", p.categories},
          {"keywords", p.keywords}, {"examples", examples}, {"codes", p.codes},
          {"cohesion", p.cohesion}};
}

}  // namespace

Response handle_matter_similar(Context& c) {
  auto list = c.services.duplicates().similar(c.actor(), c.param("code"));
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& s : *list)
    out.push_back({{"code", s.code},
                   {"title", s.title},
                   {"status", code(s.status)},
                   {"status_label", label(s.status)},
                   {"score", s.score},
                   {"created_at", iso_time(s.created_at)}});
  return json_response(out);
}

Response handle_matter_suggestions(Context& c) {
  auto list = c.services.routing().suggest(c.actor(), c.param("code"));
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& s : *list)
    out.push_back({{"category", s.category_code},
                   {"category_label", s.category_name},
                   {"lead_org", s.lead_org ? json(s.lead_org->code) : json(nullptr)},
                   {"lead_org_name", s.lead_org ? json(s.lead_org->name) : json(nullptr)},
                   {"confidence", s.confidence}});
  return json_response(out);
}

Response handle_common_problems(Context& c) {
  auto list = c.services.common_problems().find(c.actor(), common_query(c.req));
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& p : *list) out.push_back(common_problem_json(p));
  return json_response(out);
}

Response handle_common_problems_xlsx(Context& c) {
  auto bytes = c.services.common_problems().write_xlsx(c.actor(), common_query(c.req));
  if (!bytes) return problem(bytes.error());
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(*bytes);
  // 共性问题.xlsx, with an ASCII fallback for old clients.
  r.set_header("Content-Disposition",
               "attachment; filename=\"common-problems.xlsx\"; "
               "filename*=UTF-8''%E5%85%B1%E6%80%A7%E9%97%AE%E9%A2%98.xlsx");
  return r;
}

}  // namespace huiyin::http
