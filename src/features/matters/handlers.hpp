// The matters feature's request handlers (routes in app/routes.cpp): public intake, uploads,
// tracking and evaluation; the staff ledger, detail, actions, contact reveal and deadline
// preview; routing suggestions and similar matters; measures.
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

// public_handlers.cpp
Response handle_intake(Context& c);
Response handle_attachment_upload(Context& c);
Response handle_attachment_get(Context& c);
Response handle_track(Context& c);
Response handle_evaluation(Context& c);
Response handle_track_request(Context& c);  // 请求复查 / 复核 (petitions)
Response handle_track_phone(Context& c);
Response handle_track_phone_verify(Context& c);

// matter_handlers.cpp
Response handle_matter_list(Context& c);
Response handle_matter_get(Context& c);
Response handle_matter_action(Context& c);
Response handle_matter_reveal(Context& c);
Response handle_matter_notice(Context& c);  // 受理告知书 (printable HTML)
Response handle_matter_reply(Context& c);   // 处理 / 复查 / 复核意见书 (printable HTML)
Response handle_deadline(Context& c);

// text_handlers.cpp
Response handle_matter_similar(Context& c);
Response handle_matter_unit_handlers(Context& c);  // GET /api/v1/matters/{code}/handlers
Response handle_matter_suggestions(Context& c);

// measure_handlers.cpp
Response handle_measure_add(Context& c);
Response handle_measure_list(Context& c);
Response handle_measure_patch(Context& c);

}  // namespace huiyin::http
