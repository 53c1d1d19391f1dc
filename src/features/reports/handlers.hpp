// The reports feature's request handlers (routes in app/routes.cpp): workbench counts, the three
// rates, grouped figures, the ledger XLSX, the 回音壁 and common problems.
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

Response handle_workbench(Context& c);
Response handle_stats_overview(Context& c);
Response handle_stats_grouped(Context& c);
Response handle_rankings(Context& c);  // GET /api/v1/rankings
Response handle_ledger_xlsx(Context& c);
Response handle_wall(Context& c);
Response handle_common_problems(Context& c);
Response handle_common_problems_xlsx(Context& c);

}  // namespace huiyin::http
