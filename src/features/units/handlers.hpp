// The units feature's request handlers (routes in app/routes.cpp).
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

Response handle_unit_settings(Context& c);      // GET /api/v1/units/{code}/settings
Response handle_unit_settings_put(Context& c);  // PUT /api/v1/units/{code}/settings

}  // namespace huiyin::http
