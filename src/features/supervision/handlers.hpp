// The supervision feature's request handlers (routes in app/routes.cpp).
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

Response handle_supervision_sheet(Context& c);  // GET /api/v1/matters/{code}/supervision.html
Response handle_escalation_ladder(Context& c);  // GET /api/v1/supervision/ladder
Response handle_assignment_sheet(Context& c);   // GET /api/v1/matters/{code}/assignment.html

}  // namespace huiyin::http
