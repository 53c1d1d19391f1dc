// Handlers of the kernel's own routes (routes in app/routes.cpp): health, metrics, and the
// catalog every page reads — categories, code labels, districts, the org tree, campaigns.
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

Response handle_healthz(Context& c);
Response handle_metrics(Context& c);
Response handle_categories(Context& c);
Response handle_codes(Context& c);
Response handle_districts(Context& c);
Response handle_orgs(Context& c);
Response handle_campaigns(Context& c);

}  // namespace huiyin::http
