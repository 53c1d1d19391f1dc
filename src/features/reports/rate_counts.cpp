#include "features/reports/rate_counts.hpp"

#include <charconv>

#include "features/matters/matter_store.hpp"
#include "store/catalog_store.hpp"

namespace huiyin {

RateCounts column_rate_counts(const StatsCounts& c) {
  RateCounts r;
  r.collected = c.collected;
  r.responded_in_time = c.responded_in_time;
  r.evaluated = c.evaluated;
  r.solved = c.solved;
  r.satisfied = c.satisfied;
  r.assigned = c.assigned;
  r.returned = c.returned_matters;
  r.overdue_open = c.overdue_open;
  r.overdue_resolved = c.overdue - c.overdue_open;
  return r;
}

int sign_for_working_days(Tx& tx) {
  auto text = db::setting(tx, kSignForSetting);
  if (!text) return kDefaultSignForWorkingDays;
  int v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc{} || p != text->data() + text->size() || v < 0 || v > 30)
    return kDefaultSignForWorkingDays;
  return v;
}

}  // namespace huiyin

namespace huiyin::db {
using namespace huiyin::sql;

std::map<std::string, RateCounts> timeline_counts(Tx& tx, const StatsFilter& f,
                                                  std::optional<GroupBy> by, const TimelineSetup& s) {
  const GroupKey k = by ? group_key(*by) : GroupKey{"''", ""};
  QueryBuilder q;
  std::string types;
  for (auto t : timeline_event_types()) types += (types.empty() ? "'" : ", '") + std::string(t) + "'";
  q.sql = std::string("SELECT m.id, ") + k.key +
          ", m.resolved_at, m.deadline, e.type, e.at, e.to_status, e.payload FROM matters m" +
          k.joins + " LEFT JOIN events e ON e.matter_id = m.id AND e.type IN (" + types + ")";
  add_stats_where(q, f);
  q.sql += " ORDER BY m.id, e.seq";
  std::map<std::string, RateCounts> out;
  if (!by) out[""];
  WorkCalendar none;
  const WorkCalendar& cal = s.calendar ? *s.calendar : none;
  std::optional<Id> current;
  std::string key;
  std::optional<Instant> resolved_at, deadline;
  std::vector<TimelineEvent> events;
  auto flush = [&] {
    if (current) add_timeline(out[key], events, resolved_at, deadline, s.sign_days, cal, f.now);
    events.clear();
  };
  for (const auto& r : tx.conn().query(q.sql, q.params)) {
    const Id id = r.integer(0);
    if (!current || *current != id) {
      flush();
      current = id;
      key = by ? group_key_text(r, 1, *by) : std::string();
      resolved_at = r.opt_integer(2);
      deadline = r.opt_integer(3);
    }
    if (r.null(4)) continue;
    events.push_back({r.text(4), r.integer(5), r.null(6) ? std::string() : r.text(6),
                      payload_deadline(r.text(7))});
  }
  flush();
  return out;
}

}  // namespace huiyin::db
