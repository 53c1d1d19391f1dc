// The request handlers, one per route (see routes.cpp). Each is thin: read the request into the
// service's structs, call the service, serialise the result or map its error. Implemented in
// handlers_<area>.cpp; called by the chain in app.cpp with authentication and CSRF already done.
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

// handlers_ops.cpp
Response handle_healthz(Context& c);
Response handle_metrics(Context& c);

// handlers_public.cpp
Response handle_intake(Context& c);
Response handle_attachment_upload(Context& c);
Response handle_attachment_get(Context& c);
Response handle_track(Context& c);
Response handle_evaluation(Context& c);
Response handle_wall(Context& c);
Response handle_categories(Context& c);
Response handle_codes(Context& c);
Response handle_districts(Context& c);

// handlers_session.cpp
Response handle_login(Context& c);
Response handle_session_get(Context& c);
Response handle_logout(Context& c);

// handlers_matters.cpp
Response handle_matter_list(Context& c);
Response handle_matter_get(Context& c);
Response handle_matter_action(Context& c);
Response handle_matter_reveal(Context& c);
Response handle_deadline(Context& c);

// handlers_text.cpp
Response handle_matter_similar(Context& c);
Response handle_matter_suggestions(Context& c);
Response handle_common_problems(Context& c);
Response handle_common_problems_xlsx(Context& c);

// handlers_measures.cpp
Response handle_measure_add(Context& c);
Response handle_measure_list(Context& c);
Response handle_measure_patch(Context& c);

// handlers_stats.cpp
Response handle_workbench(Context& c);
Response handle_stats_overview(Context& c);
Response handle_stats_grouped(Context& c);
Response handle_ledger_xlsx(Context& c);
Response handle_orgs(Context& c);
Response handle_campaigns(Context& c);

// handlers_admin.cpp
Response handle_admin_users(Context& c);
Response handle_admin_user_add(Context& c);
Response handle_admin_user_patch(Context& c);
Response handle_admin_org_add(Context& c);
Response handle_admin_category_add(Context& c);
Response handle_admin_calendar(Context& c);
Response handle_admin_calendar_put(Context& c);
Response handle_admin_rules(Context& c);
Response handle_admin_rules_put(Context& c);

// 等保2.0 (handlers_security.cpp): own password, throttles, audit log.
Response handle_password_change(Context& c);
Response handle_admin_throttles(Context& c);
Response handle_admin_throttle_lift(Context& c);
Response handle_audit_events(Context& c);
Response handle_audit_verify(Context& c);

}  // namespace huiyin::http
