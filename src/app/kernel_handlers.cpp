// The kernel's own routes: GET /healthz and /metrics, and the catalog lists every page reads.
#include "app/kernel_handlers.hpp"
#include "http/catalog_json.hpp"
#include "http/reply.hpp"
#include "features/records/handlers.hpp"
#include "features/records/record_kinds.hpp"
#include "kernel/catalog.hpp"

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

Response handle_categories(Context& c) {
  auto list = c.services.catalog().categories(true);
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& cat : *list) out.push_back(category_json(cat));
  Response r = json_response(out);
  r.set_header("Cache-Control", "public, max-age=60");
  return r;
}

// The code dictionary: {statuses: [{code, label}], actions: [...], ...}. Codes are a contract and
// labels change only with a release, so it may be cached.
Response handle_codes(Context&) {
  json out = json::object();
  for (const auto& list : code_lists()) {
    json entries = json::array();
    for (const auto& e : list.entries) entries.push_back({{"code", e.code}, {"label", e.label}});
    out[list.name] = std::move(entries);
  }
  json records = record_codes_json();
  for (auto& [name, list] : records.items()) out[name] = std::move(list);
  Response r = json_response(out);
  r.set_header("Cache-Control", "public, max-age=300");
  return r;
}

Response handle_districts(Context& c) {
  auto list = c.services.catalog().districts();
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& o : *list) {
    out.push_back({{"code", o.code},
                   {"name", o.name},
                   {"level", o.level},
                   {"parent", o.parent_code.empty() ? json(nullptr) : json(o.parent_code)}});
  }
  Response r = json_response(out);
  r.set_header("Cache-Control", "public, max-age=60");
  return r;
}

Response handle_orgs(Context& c) {
  auto list = c.services.catalog().orgs();
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& o : *list) out.push_back(org_view_json(o));
  return json_response(out);
}

Response handle_campaigns(Context& c) {
  auto list = c.services.catalog().campaigns();
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& cp : *list) out.push_back(campaign_json(cp));
  return json_response(out);
}

}  // namespace huiyin::http
