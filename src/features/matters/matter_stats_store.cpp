// Store functions: the counts behind the three rates, overall and grouped. One SELECT computes every
// count over the matters created in [from, to) that the scope lets the reader see.
// Definitions (see StatsCounts in store.hpp):
//  - merged duplicates are left out of every count (the matter they merged into carries them),
//    so no rate can exceed 100%;
//  - responded: responded_at set (first left `submitted`); in time: within 24 h of intake;
//  - returned: the sum of return_count over those matters, i.e. every return (退回) the
//    matters of the period have suffered so far — traceable to the matter list behind it;
//  - evaluated / solved / satisfied: the matter's solved and satisfaction, which only a person's
//    answer sets (the reporter's 评价 or a staff 电话回访); the 超时默认 rule (evaluation source
//    "timeout") leaves them as they were, so it counts in neither 解决率 nor 满意率;
//  - overdue: open (assigned, signed, reopened, returned) past its deadline now, or resolved
//    after its deadline.
#include <chrono>

#include "domain/calendar.hpp"
#include "features/matters/matter_filter.hpp"
#include "features/matters/matter_stats_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

// A verification that counts in 解决率 and 满意率: recorded, and the latest one not by a timeout
// rule (超时默认, evaluations.source 'timeout').
#define COUNTED                                                                              \
  "(m.solved IS NOT NULL AND COALESCE((SELECT ev.source FROM evaluations ev WHERE "          \
  "ev.matter_id = m.id ORDER BY ev.id DESC LIMIT 1), '') <> 'timeout')"

constexpr const char* kCounts =
    "COUNT(*), "
    "SUM(CASE WHEN m.responded_at IS NOT NULL THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.responded_at IS NOT NULL AND m.responded_at - m.created_at <= 86400 "
    "THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.accepted_at IS NOT NULL THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.status = 'rejected' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.assigned_at IS NOT NULL THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.status IN ('resolved', 'verified', 'closed') THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN " COUNTED " THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN " COUNTED " AND m.solved = 1 THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN " COUNTED " AND m.satisfaction IN ('satisfied', 'basically_satisfied') "
    "THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.status = 'closed' THEN 1 ELSE 0 END), "
    "SUM(m.return_count), "
    "SUM(CASE WHEN m.return_count > 0 THEN 1 ELSE 0 END)";
#undef COUNTED

constexpr const char* kCategoryJoins =
    " LEFT JOIN categories c ON c.id = m.category_id"
    " LEFT JOIN categories cp ON cp.id = c.parent_id"
    " LEFT JOIN categories cg ON cg.id = cp.parent_id";

}  // namespace

StatsCounts stats_counts_of_row(const Row& r, std::size_t i) {
  auto n = [&](std::size_t k) { return r.null(i + k) ? 0 : r.integer(i + k); };
  StatsCounts c;
  c.collected = n(0);
  c.responded = n(1);
  c.responded_in_time = n(2);
  c.accepted = n(3);
  c.rejected = n(4);
  c.assigned = n(5);
  c.resolved = n(6);
  c.evaluated = n(7);
  c.solved = n(8);
  c.satisfied = n(9);
  c.closed = n(10);
  c.returned = n(11);
  c.returned_matters = n(12);
  c.overdue = n(13);
  c.overdue_open = n(14);
  return c;
}

void add_stats_where(QueryBuilder& q, const StatsFilter& f) {
  q.sql += " WHERE m.status <> 'merged'";
  q.sql += " AND m.created_at >= " + q.bind(f.from) + " AND m.created_at < " + q.bind(f.to);
  add_scope(q, f.scope);
  if (f.org) add_org_subtree(q, *f.org);
  if (!f.channel.empty()) q.sql += " AND m.channel = " + q.bind(f.channel);
  if (f.category) add_category(q, *f.category);
}

GroupKey group_key(GroupBy by) {
  switch (by) {
    case GroupBy::org_lead: return {"m.lead_org_id", ""};
    case GroupBy::category: return {"COALESCE(cg.id, cp.id, c.id)", kCategoryJoins};
    case GroupBy::channel: return {"m.channel", ""};
    case GroupBy::day: return {"(m.created_at + 28800) / 86400", ""};  // local (UTC+8) day number
    case GroupBy::status: return {"m.status", ""};
  }
  return {"m.status", ""};
}

std::string group_key_text(const Row& r, std::size_t i, GroupBy by) {
  if (r.null(i)) return "";
  if (by == GroupBy::day) return format_date(Date(std::chrono::days(r.integer(i))));
  return r.text(i);
}

namespace {

void stats_sql(const StatsFilter& f, const char* key, const char* joins, QueryBuilder& q) {
  // Overdue needs `now` bound, so it comes last: open past the deadline, or resolved late; then
  // the open ones alone.
  const std::string open = overdue_condition(q, f.now);
  std::string overdue = "SUM(CASE WHEN " + open +
                        " OR (m.deadline IS NOT NULL AND m.resolved_at > m.deadline)"
                        " THEN 1 ELSE 0 END), SUM(CASE WHEN " + open + " THEN 1 ELSE 0 END)";
  q.sql = std::string("SELECT ") + key + ", " + kCounts + ", " + overdue + " FROM matters m" + joins;
  add_stats_where(q, f);
}

}  // namespace

StatsCounts stats(Tx& tx, const StatsFilter& f) {
  QueryBuilder q;
  stats_sql(f, "0", "", q);
  auto rows = tx.conn().query(q.sql, q.params);
  if (rows.empty()) return {};
  return stats_counts_of_row(rows[0], 1);
}

std::vector<GroupCount> stats_grouped(Tx& tx, const StatsFilter& f, GroupBy by) {
  const GroupKey k = group_key(by);
  QueryBuilder q;
  stats_sql(f, k.key, k.joins, q);
  q.sql += " GROUP BY 1 ORDER BY 1";
  std::vector<GroupCount> out;
  for (const auto& r : tx.conn().query(q.sql, q.params)) {
    GroupCount g;
    g.key = group_key_text(r, 0, by);
    g.counts = stats_counts_of_row(r, 1);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace huiyin::db
