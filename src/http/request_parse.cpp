#include "http/request_parse.hpp"

#include "http/reply.hpp"

namespace huiyin::http {

Result<std::optional<bool>> query_bool(const Request& req, const char* name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::optional<bool>{};
  if (*v == "true" || *v == "1") return std::optional<bool>{true};
  if (*v == "false" || *v == "0") return std::optional<bool>{false};
  return invalid("参数 " + std::string(name) + " 应为 true 或 false", name);
}

Result<MatterQuery> matter_query(const Request& req) {
  MatterQuery q;
  std::string statuses = query_text(req, "status");
  std::size_t start = 0;
  while (start < statuses.size()) {
    auto comma = statuses.find(',', start);
    std::string part = statuses.substr(start, comma == std::string::npos ? std::string::npos
                                                                         : comma - start);
    if (!part.empty()) q.statuses.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  q.org = query_text(req, "org");
  q.category = query_text(req, "category");
  q.channel = query_text(req, "channel");
  q.campaign = query_text(req, "campaign");
  q.q = query_text(req, "q");
  q.from = query_text(req, "from");
  q.to = query_text(req, "to");
  q.cursor = query_text(req, "cursor");
  q.card = query_text(req, "card");
  q.source_kind = query_text(req, "source_kind");
  q.source_record = query_text(req, "source_record");
  q.source_from = query_text(req, "source_from");
  q.source_to = query_text(req, "source_to");
  q.source_org = query_text(req, "source_org");
  q.escalation = query_text(req, "escalation");
  auto solved = query_bool(req, "solved");
  if (!solved) return solved.error();
  q.solved = *solved;
  auto overdue = query_bool(req, "overdue");
  if (!overdue) return overdue.error();
  q.overdue = *overdue;
  auto notice_overdue = query_bool(req, "notice_overdue");
  if (!notice_overdue) return notice_overdue.error();
  q.notice_overdue = *notice_overdue;
  auto returned = query_bool(req, "returned");
  if (!returned) return returned.error();
  q.returned = *returned;
  auto reopened = query_bool(req, "reopened");
  if (!reopened) return reopened.error();
  q.reopened = *reopened;
  auto limit = query_limit(req, "limit", 50, 1000);
  if (!limit) return limit.error();
  q.limit = *limit;
  return q;
}

}  // namespace huiyin::http
