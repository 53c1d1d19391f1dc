// The reports feature's request handlers (routes in app/routes.cpp): workbench counts, the three
// rates, grouped figures, the ledger XLSX, the 回音壁, common problems and circulars (通报).
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
// 通报: GET/POST /api/v1/circulars, GET /api/v1/circulars/{id}[.html|.xlsx], .../{id}/verify.
Response handle_circulars(Context& c);
Response handle_circular_create(Context& c);
Response handle_circular_get(Context& c);
Response handle_circular_html(Context& c);
Response handle_circular_xlsx(Context& c);
Response handle_circular_verify(Context& c);

}  // namespace huiyin::http
