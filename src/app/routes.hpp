// THE route table: every path of the HTTP API with its method, who may call it, what body it
// takes and its handler. Exposed as data so the OpenAPI test can compare it with
// docs/openapi.json and the server can build its router from it. Immutable; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "http/context.hpp"
#include "http/message.hpp"
#include "http/path_template.hpp"

namespace huiyin::http {

enum class Access {
  open,      // anyone; a session is read when present (attachments)
  staff,     // signed-in users; writes need X-CSRF-Token
  admin,     // signed-in admins; writes need X-CSRF-Token
  // 三员分立 (writes need X-CSRF-Token like every staff write):
  security,    // the security administrator
  audit,       // the audit administrator
  user_admin,  // the system or the security administrator (users; the service splits the fields)
};

enum class Body {
  none,    // no body expected
  json,    // a JSON object, at most AppConfig::max_json_body bytes
  binary,  // raw bytes (attachments), at most AppConfig::max_attachment_body bytes
};

struct Route {
  Method method;
  PathTemplate path;
  Access access;
  Body body;
  Handler handler;
};

const std::vector<Route>& route_table();

// The result of looking a request up in the table.
struct RouteMatch {
  const Route* route = nullptr;  // set when path and method match
  PathParams params;
  bool path_known = false;           // some route has this path (then a miss is 405)
  std::vector<Method> allowed;       // methods of the routes with this path
};
RouteMatch match_route(Method method, std::string_view path);

}  // namespace huiyin::http
