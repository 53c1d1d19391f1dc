// GET /healthz and GET /metrics.
#include "http/handlers.hpp"
#include "http/reply.hpp"

namespace huiyin::http {

Response handle_healthz(Context& c) {
  Store& store = c.services.context().store();
  Status s = store.read([](Tx&) { return ok(); });
  json body = {{"status", s ? "ok" : "error"}, {"db", store.backend()}};
  if (!s) body["detail"] = s.error().detail;
  return json_response(body, s ? 200 : 503);
}

Response handle_metrics(Context& c) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = c.metrics.render();
  return r;
}

}  // namespace huiyin::http
