// Staff endpoints for figures and reference data: workbench counts, the three rates overview,
// grouped figures, the ledger as XLSX, the org tree and campaigns.
#include "http/handlers.hpp"
#include "http/json_views.hpp"
#include "http/reply.hpp"
#include "http/request_parse.hpp"
#include "service/catalog.hpp"
#include "service/ledger.hpp"
#include "service/stats.hpp"

namespace huiyin::http {
namespace {

StatsQuery stats_query(const Request& req) {
  StatsQuery q;
  q.from = query_text(req, "from");
  q.to = query_text(req, "to");
  q.org = query_text(req, "org");
  return q;
}

}  // namespace

Response handle_workbench(Context& c) {
  auto w = c.services.stats().workbench(c.actor());
  if (!w) return problem(w.error());
  return json_response(workbench_json(*w));
}

Response handle_stats_overview(Context& c) {
  auto o = c.services.stats().overview(c.actor(), stats_query(c.req));
  if (!o) return problem(o.error());
  return json_response(overview_json(*o));
}

Response handle_stats_grouped(Context& c) {
  std::string by = query_text(c.req, "by");
  if (by.empty()) by = "org";
  auto rows = c.services.stats().grouped(c.actor(), stats_query(c.req), by);
  if (!rows) return problem(rows.error());
  return json_response(group_rows_json(*rows));
}

Response handle_ledger_xlsx(Context& c) {
  auto q = matter_query(c.req);
  if (!q) return problem(q.error());
  auto bytes = c.services.ledger().write_memory(c.actor(), *q);
  if (!bytes) return problem(bytes.error());
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(*bytes);
  // 台账.xlsx, with an ASCII fallback for old clients.
  r.set_header("Content-Disposition",
               "attachment; filename=\"ledger.xlsx\"; "
               "filename*=UTF-8''%E5%8F%B0%E8%B4%A6.xlsx");
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
