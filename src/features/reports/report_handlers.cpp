// Staff endpoints for figures and reference data: workbench counts, the three rates overview,
// grouped figures, the ledger as XLSX, the org tree and campaigns.
#include "features/reports/handlers.hpp"
#include "features/reports/report_json.hpp"
#include "features/reports/common_problems.hpp"
#include "features/reports/wall.hpp"
#include "http/reply.hpp"
#include "http/request_parse.hpp"
#include "kernel/catalog.hpp"
#include "features/reports/ledger.hpp"
#include "features/reports/stats.hpp"

namespace huiyin::http {
namespace {

json common_problem_json(const CommonProblem& p) {
  json examples = json::array();
  for (const auto& e : p.examples) examples.push_back({{"code", e.code}, {"title", e.title}});
  return {{"size", p.size},         {"units", p.units},     {"categories", p.categories},
          {"keywords", p.keywords}, {"examples", examples}, {"codes", p.codes},
          {"cohesion", p.cohesion}};
}


// RFC 5987 ext-value characters: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else %XX.
std::string rfc5987(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    const bool plain = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                       std::string_view("!#$&+-.^_`|~").find(static_cast<char>(ch)) != std::string_view::npos;
    if (plain) {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

StatsQuery stats_query(const Request& req) {
  StatsQuery q;
  q.from = query_text(req, "from");
  q.to = query_text(req, "to");
  q.org = query_text(req, "org");
  q.channel = query_text(req, "channel");
  q.category = query_text(req, "category");
  return q;
}

CommonProblemQuery common_query(const Request& req) {
  CommonProblemQuery q;
  q.org = query_text(req, "org");
  q.from = query_text(req, "from");
  q.to = query_text(req, "to");
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

Response handle_rankings(Context& c) {
  auto r = c.services.stats().rankings(c.actor(), stats_query(c.req), query_text(c.req, "level"));
  if (!r) return problem(r.error());
  return json_response(rankings_json(*r));
}

Response handle_ledger_xlsx(Context& c) {
  auto q = matter_query(c.req);
  if (!q) return problem(q.error());
  auto title = c.services.ledger().title(c.actor(), *q);
  if (!title) return problem(title.error());
  auto bytes = c.services.ledger().write_memory(c.actor(), *q);
  if (!bytes) return problem(bytes.error());
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(*bytes);
  // 问题台账_株洲市_20261202.xlsx (RFC 6266 / 5987), with an ASCII name for old clients.
  r.set_header("Content-Disposition", "attachment; filename=\"" + title->ascii_file_name() +
                                          "\"; filename*=UTF-8''" + rfc5987(title->file_name()));
  return r;
}



Response handle_wall(Context& c) {
  WallQuery q;
  q.category = query_text(c.req, "category");
  q.district = query_text(c.req, "district");
  q.cursor = query_text(c.req, "cursor");
  auto limit = query_limit(c.req, "limit", 20, 100);
  if (!limit) return problem(limit.error());
  q.limit = *limit;
  auto page = c.services.wall().list(q);
  if (!page) return problem(page.error());
  return json_response(wall_json(*page));
}

Response handle_common_problems(Context& c) {
  auto list = c.services.common_problems().find(c.actor(), common_query(c.req));
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& p : *list) out.push_back(common_problem_json(p));
  return json_response(out);
}

Response handle_common_problems_xlsx(Context& c) {
  auto bytes = c.services.common_problems().write_xlsx(c.actor(), common_query(c.req));
  if (!bytes) return problem(bytes.error());
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(*bytes);
  // 共性问题.xlsx, with an ASCII fallback for old clients.
  r.set_header("Content-Disposition",
               "attachment; filename=\"common-problems.xlsx\"; "
               "filename*=UTF-8''%E5%85%B1%E6%80%A7%E9%97%AE%E9%A2%98.xlsx");
  return r;
}

}  // namespace huiyin::http
