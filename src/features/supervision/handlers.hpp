// The supervision feature's request handlers (routes in app/routes.cpp).
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

Response handle_supervision_sheet(Context& c);  // GET /api/v1/matters/{code}/supervision.html
Response handle_escalation_ladder(Context& c);  // GET /api/v1/supervision/ladder
Response handle_assignment_sheet(Context& c);   // GET /api/v1/matters/{code}/assignment.html
Response handle_spot_check_draw(Context& c);    // POST /api/v1/spot_checks
Response handle_spot_check_list(Context& c);    // GET /api/v1/spot_checks
Response handle_spot_check_get(Context& c);     // GET /api/v1/spot_checks/{code}
Response handle_spot_check_item(Context& c);    // POST /api/v1/spot_checks/{code}/items/{matter}

}  // namespace huiyin::http
