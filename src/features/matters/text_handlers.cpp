// Staff endpoints backed by the text layer: routing suggestions and similar matters on the
// dispatch screen.
#include "features/matters/handlers.hpp"
#include "features/matters/matter_json.hpp"
#include "http/reply.hpp"
#include "features/matters/duplicates.hpp"
#include "features/matters/routing.hpp"

namespace huiyin::http {
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



}  // namespace huiyin::http
