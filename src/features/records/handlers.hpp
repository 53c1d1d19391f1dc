// The records feature's request handlers (routes in app/routes.cpp).
#pragma once

#include "http/context.hpp"
#include "http/json_util.hpp"

namespace huiyin::http {

Response handle_record_add(Context& c);
Response handle_record_list(Context& c);
Response handle_record_get(Context& c);
Response handle_record_measure_add(Context& c);
Response handle_record_measure_patch(Context& c);
Response handle_record_instruct(Context& c);  // POST /api/v1/records/{code}/instruct {reason}
Response handle_record_answer(Context& c);    // POST /api/v1/records/{code}/answer {reply}
Response handle_grassroots_stats(Context& c);
// GET /api/v1/stats/grassroots.xlsx: the same figures as the one-page register (四下基层统计表).
Response handle_grassroots_xlsx(Context& c);
// GET /api/v1/stats/grassroots/measures?kind=&status=&decisions=: the measures behind the
// figures' 办法举措 (measures.proposed with no filter, measures.done with status=done, a kind's
// decisions with kind=&decisions=true).
Response handle_grassroots_measures(Context& c);
Response handle_dossier(Context& c);
// GET/POST /api/v1/rotas, GET/PATCH /api/v1/rotas/{code}: rotas of joint inspections (轮值表).
Response handle_rota_list(Context& c);
Response handle_rota_add(Context& c);
Response handle_rota_get(Context& c);
Response handle_rota_patch(Context& c);
// GET /api/v1/codes: record_kinds (each with its channel, methods, counts, fields and roles)
// and "<kind>_methods".
json record_codes_json();

}  // namespace huiyin::http
