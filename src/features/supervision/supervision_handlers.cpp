#include "features/supervision/handlers.hpp"

#include "features/supervision/supervision_sheet.hpp"
#include "http/reply.hpp"

namespace huiyin::http {

Response handle_supervision_sheet(Context& c) {
  auto html = supervision_sheet(c.services.matters(), c.actor(), c.param("code"));
  if (!html) return problem(html.error());
  Response r;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(*html);
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace huiyin::http
