#include "features/supervision/handlers.hpp"

#include "features/supervision/assignment_sheet.hpp"
#include "features/supervision/ladder.hpp"
#include "features/supervision/supervision_sheet.hpp"
#include "http/reply.hpp"
#include "http/request_parse.hpp"

namespace huiyin::http {

namespace {

Response printable(const Result<std::string>& html) {
  if (!html) return problem(html.error());
  Response r;
  r.content_type = "text/html; charset=utf-8";
  r.body = *html;
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

Response handle_supervision_sheet(Context& c) {
  return printable(supervision_sheet(c.services.matters(), c.actor(), c.param("code")));
}

Response handle_assignment_sheet(Context& c) {
  return printable(assignment_sheet(c.services.matters(), c.actor(), c.param("code")));
}

Response handle_escalation_ladder(Context& c) {
  const std::string org = query_text(c.req, "org");
  auto steps = escalation_ladder(c.services.matters(), c.actor(), org);
  if (!steps) return problem(steps.error());
  nlohmann::json levels = nlohmann::json::array();
  for (const auto& s : *steps) {
    std::string query = "escalation=" + std::string(code(s.level));
    if (!org.empty()) query += "&org=" + org;
    levels.push_back({{"level", code(s.level)}, {"label", label(s.level)}, {"count", s.count},
                      {"query", query}});
  }
  // The rules in force, as people read them (setting escalation_rules).
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& r : c.services.context().deadlines()->escalation.rules())
    rules.push_back({{"code", r.code}, {"level", code(r.level)}, {"label", r.label}});
  return json_response({{"levels", std::move(levels)}, {"rules", std::move(rules)}});
}

}  // namespace huiyin::http
