// The records feature's request handlers (routes in app/routes.cpp).
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

Response handle_record_add(Context& c);
Response handle_record_list(Context& c);
Response handle_record_get(Context& c);
Response handle_record_measure_add(Context& c);

}  // namespace huiyin::http
