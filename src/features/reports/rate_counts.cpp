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

namespace {

// Every count two figures of the same matters must agree on, by name.
std::vector<std::pair<const char*, std::int64_t>> named_counts(const StatsCounts& c, const RateCounts& t) {
  return {{"collected", c.collected},
          {"responded", c.responded},
          {"responded_in_time", c.responded_in_time},
          {"accepted", c.accepted},
          {"rejected", c.rejected},
          {"assigned", c.assigned},
          {"resolved", c.resolved},
          {"evaluated", c.evaluated},
          {"solved", c.solved},
          {"satisfied", c.satisfied},
          {"closed", c.closed},
          {"overdue", c.overdue},
          {"returned", c.returned},
          {"overdue_open", c.overdue_open},
          {"returned_matters", c.returned_matters},
          {"sign_counted", t.sign_counted},
          {"signed_in_time", t.signed_in_time},
          {"resolved_with_deadline", t.resolved_with_deadline},
          {"on_time", t.on_time},
          {"on_time_after_extension", t.on_time_after_extension},
          {"late", t.late},
          {"resolved_ever", t.resolved_ever},
          {"reopened", t.reopened},
          {"spot_checked", t.spot_checked},
          {"spot_failed", t.spot_failed}};
}

void compare(const std::string& where, const FactFigures& stored, const StatsCounts& c,
             const RateCounts& t, std::vector<std::string>& out, std::size_t limit) {
  const auto a = named_counts(stored.counts, stored.timeline);
  const auto b = named_counts(c, t);
  for (std::size_t i = 0; i < a.size() && out.size() < limit; ++i)
    if (a[i].second != b[i].second)
      out.push_back(where + ": " + a[i].first + " 底表 " + std::to_string(a[i].second) + " ≠ 重算 " +
                    std::to_string(b[i].second));
}

}  // namespace

std::vector<std::string> stored_figures_differences(Tx& tx, Instant now, std::size_t limit) {
  WorkCalendar cal;
  for (const auto& d : calendar_days(tx)) cal.set(d.date, d.type, d.name);
  const SignForRule rule{sign_for_working_days(tx), &cal};
  StatsFilter f;
  f.scope.all = true;
  f.from = 0;
  f.to = now + 1;
  f.now = now;
  std::vector<std::string> out;
  compare("全部", fact_figures(tx, f, rule), stats(tx, f), timeline_counts(tx, f, std::nullopt, rule)[""],
          out, limit);
  const std::pair<GroupBy, const char*> groupings[] = {{GroupBy::org_lead, "主办单位"},
                                                       {GroupBy::category, "类别"},
                                                       {GroupBy::channel, "渠道"},
                                                       {GroupBy::status, "状态"},
                                                       {GroupBy::day, "日期"}};
  for (const auto& [by, name] : groupings) {
    std::map<std::string, FactFigures> stored;
    for (auto& [key, fig] : fact_figures_grouped(tx, f, by, rule)) stored[key] = fig;
    auto timeline = timeline_counts(tx, f, by, rule);
    std::map<std::string, StatsCounts> counted;
    for (auto& g : stats_grouped(tx, f, by)) counted[g.key] = g.counts;
    for (const auto& [key, c] : counted) compare(std::string(name) + " " + key, stored[key], c, timeline[key], out, limit);
    for (const auto& [key, fig] : stored)
      if (!counted.count(key)) compare(std::string(name) + " " + key, fig, {}, {}, out, limit);
  }
  return out;
}

}  // namespace huiyin::db
