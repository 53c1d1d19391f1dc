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
  // Only from the listed addresses. A request that came through a reverse proxy carries the
  // proxy's address as its peer, so it is refused unless the list is open to any address.
  const bool proxied = c.req.header("x-forwarded-for") || c.req.header("forwarded");
  if (!c.config.metrics_allow.allows(c.req.remote) || (proxied && !c.config.metrics_allow.any()))
    return problem(ErrorCode::forbidden, "监控指标只允许从指定地址访问(metrics_allow)");
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = c.metrics.render();
  return r;
}

}  // namespace huiyin::http
