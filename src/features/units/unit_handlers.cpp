#include "features/units/handlers.hpp"

#include "features/units/unit_settings.hpp"
#include "http/json_util.hpp"
#include "http/request_parse.hpp"
#include "http/reply.hpp"

namespace huiyin::http {
namespace {

Response settings_response(const Result<UnitSettings>& s) {
  if (!s) return problem(s.error());
  return json_response({{"org", {{"code", s->org.code}, {"name", s->org.name}}},
                        {"review_reply", s->review_reply},
                        {"editable", s->editable}});
}

}  // namespace

Response handle_unit_settings(Context& c) {
  return settings_response(unit_settings(c.services.context(), c.actor(), c.param("code")));
}

Response handle_unit_settings_put(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  auto review = f.boolean("review_reply");
  f.require("review_reply", review.has_value(), "审核答复(review_reply)");
  if (!f.ok()) return problem(f.error());
  return settings_response(put_unit_settings(c.services.context(), c.actor(), c.param("code"), *review));
}

}  // namespace huiyin::http
