// The admin feature's request handlers (routes in app/routes.cpp): sign-in and session, users,
// orgs, categories, calendar and deadline rules, and the 等保2.0 pages (own password, login
// throttles, audit log and verify).
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

// session_handlers.cpp
Response handle_login(Context& c);
Response handle_session_get(Context& c);
Response handle_logout(Context& c);
Response handle_device_key(Context& c);

// admin_handlers.cpp
Response handle_admin_users(Context& c);
Response handle_admin_user_add(Context& c);
Response handle_admin_user_patch(Context& c);
Response handle_admin_org_add(Context& c);
Response handle_admin_org_patch(Context& c);
Response handle_admin_categories(Context& c);
Response handle_admin_category_add(Context& c);
Response handle_admin_category_patch(Context& c);
Response handle_admin_calendar(Context& c);
Response handle_admin_calendar_put(Context& c);
Response handle_admin_rules(Context& c);
Response handle_admin_rules_put(Context& c);

// security_handlers.cpp
Response handle_password_change(Context& c);
Response handle_admin_throttles(Context& c);
Response handle_admin_throttle_lift(Context& c);
Response handle_audit_events(Context& c);
Response handle_audit_verify(Context& c);

}  // namespace huiyin::http
