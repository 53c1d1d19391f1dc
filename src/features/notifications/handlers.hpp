// The notifications feature's request handlers (routes in app/routes.cpp): the staff inbox and
// the administrator's webhooks.
#pragma once

#include "http/context.hpp"

namespace huiyin::http {

Response handle_inbox(Context& c);                   // GET /api/v1/inbox
Response handle_inbox_read(Context& c);              // POST /api/v1/inbox/{id}/read
Response handle_inbox_read_all(Context& c);          // POST /api/v1/inbox/read_all
Response handle_admin_webhooks(Context& c);          // GET /api/v1/admin/webhooks
Response handle_admin_webhook_add(Context& c);       // POST /api/v1/admin/webhooks
Response handle_admin_webhook_delete(Context& c);    // DELETE /api/v1/admin/webhooks/{id}
Response handle_admin_webhook_settings(Context& c);  // PUT /api/v1/admin/webhooks/settings
Response handle_admin_webhooks_dead(Context& c);     // GET /api/v1/admin/webhooks/dead
Response handle_admin_webhook_replay(Context& c);    // POST /api/v1/admin/webhooks/dead/{id}/replay

}  // namespace huiyin::http
