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

constexpr const char* kCounts =
    "COUNT(*), "
    "SUM(CASE WHEN m.responded_at IS NOT NULL THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.responded_at IS NOT NULL AND m.responded_at - m.created_at <= 86400 "
    "THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.accepted_at IS NOT NULL THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.status = 'rejected' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.assigned_at IS NOT NULL THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.status IN ('resolved', 'verified', 'closed') THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.solved IS NOT NULL THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.solved = 1 THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.satisfaction IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.status = 'closed' THEN 1 ELSE 0 END), "
    "SUM(m.return_count)";

constexpr const char* kCategoryJoins =
    " LEFT JOIN categories c ON c.id = m.category_id"
    " LEFT JOIN categories cp ON cp.id = c.parent_id"
    " LEFT JOIN categories cg ON cg.id = cp.parent_id";

StatsCounts counts_from(const Row& r, std::size_t i) {
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
  c.overdue = n(12);
  return c;
}

}  // namespace

std::string stats_sql(Tx& tx, const StatsFilter& f, const char* key, const char* joins,
                             QueryBuilder& q) {
  // Overdue needs `now` bound, so it comes last: open past the deadline, or resolved late.
  std::string overdue = "SUM(CASE WHEN " + overdue_condition(q, f.now) +
                        " OR (m.deadline IS NOT NULL AND m.resolved_at > m.deadline)"
                        " THEN 1 ELSE 0 END)";
  std::string sql = std::string("SELECT ") + key + ", " + kCounts + ", " + overdue +
                    " FROM matters m" + joins + " WHERE m.status <> 'merged'";
  sql += " AND m.created_at >= " + q.bind(f.from) + " AND m.created_at < " + q.bind(f.to);
  q.sql = sql;
  add_scope(q, f.scope);
  if (f.org) add_org_subtree(q, *f.org);
  return q.sql;
}

StatsCounts stats(Tx& tx, const StatsFilter& f) {
  QueryBuilder q;
  stats_sql(tx, f, "0", "", q);
  auto rows = tx.conn().query(q.sql, q.params);
  if (rows.empty()) return {};
  return counts_from(rows[0], 1);
}

std::vector<GroupCount> stats_grouped(Tx& tx, const StatsFilter& f, GroupBy by) {
  const char* key = "m.status";
  const char* joins = "";
  switch (by) {
    case GroupBy::org_lead: key = "m.lead_org_id"; break;
    case GroupBy::category: key = "COALESCE(cg.id, cp.id, c.id)"; joins = kCategoryJoins; break;
    case GroupBy::channel: key = "m.channel"; break;
    case GroupBy::day: key = "(m.created_at + 28800) / 86400"; break;  // local (UTC+8) day number
    case GroupBy::status: key = "m.status"; break;
  }
  QueryBuilder q;
  stats_sql(tx, f, key, joins, q);
  q.sql += " GROUP BY 1 ORDER BY 1";
  std::vector<GroupCount> out;
  for (const auto& r : tx.conn().query(q.sql, q.params)) {
    GroupCount g;
    if (r.null(0)) {
      g.key = "";
    } else if (by == GroupBy::day) {
      g.key = format_date(Date(std::chrono::days(r.integer(0))));
    } else {
      g.key = r.text(0);
    }
    g.counts = counts_from(r, 1);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace huiyin::db
