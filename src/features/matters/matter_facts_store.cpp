// Store functions: the stored per-matter figures (matter_facts). Each row is worked out from the
// matter's row, its latest evaluation's source and its timeline events (the same reads as the
// full recount in matter_stats_store.cpp and reports/rate_counts.cpp), so the two agree by
// construction; the equality test and `huiyin stats check` hold them to it.
#include "features/matters/matter_facts_store.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "features/matters/matter_filter.hpp"
#include "features/matters/matter_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr std::size_t kIdBatch = 500;        // ids per IN list of a refresh
constexpr std::int64_t kRebuildBatch = 5000;  // matters per step of a rebuild

// The local (UTC+8) day number of an instant, as the SQL groups days.
std::int64_t day_number(Instant t) { return (t + 28800) / 86400; }

const std::string& timeline_types_sql() {
  static const std::string types = [] {
    std::string s;
    for (auto t : timeline_event_types()) s += (s.empty() ? "'" : ", '") + std::string(t) + "'";
    return s;
  }();
  return types;
}

constexpr const char* kMatterColumns =
    "SELECT m.id, m.created_at, m.status, m.channel, m.category_id, m.area_org_id, m.lead_org_id, "
    "m.deadline, m.resolved_at, m.responded_at, m.accepted_at, m.assigned_at, m.solved, "
    "m.satisfaction, m.return_count, (SELECT ev.source FROM evaluations ev WHERE ev.matter_id = "
    "m.id ORDER BY ev.id DESC LIMIT 1) FROM matters m WHERE ";

constexpr const char* kInsertFacts =
    "INSERT INTO matter_facts (id, created_at, status, channel, category_id, area_org_id, "
    "lead_org_id, deadline, resolved_at, responded, responded_in_time, accepted, assigned, "
    "evaluated, solved, satisfied, return_count, given_day, signed_at, returned_unsigned, "
    "extended_after_overdue, resolved_once, reopened, spot_checked, spot_failed) VALUES ($1, $2, "
    "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, "
    "$23, $24, $25)";

// Writes the stored figures of the matters `where` selects (over matters m; `events_where` the
// same over their events e), with params; a non-empty `old` (over matter_facts, unaliased)
// deletes their old rows first.
void write_facts(Tx& tx, const std::string& where, const std::string& events_where,
                 const std::string& old, const Params& params) {
  Connection& c = tx.conn();
  std::unordered_map<Id, std::vector<TimelineEvent>> timelines;
  for (const auto& r : c.query("SELECT e.matter_id, e.type, e.at, e.to_status, e.payload FROM events e WHERE " +
                                   events_where + " AND e.type IN (" + timeline_types_sql() +
                                   ") ORDER BY e.matter_id, e.seq",
                               params))
    timelines[r.integer(0)].push_back({r.text(1), r.integer(2), r.null(3) ? std::string() : r.text(3),
                                       payload_deadline(r.text(4))});
  const Rows rows = c.query(kMatterColumns + where, params);
  if (!old.empty()) c.exec("DELETE FROM matter_facts WHERE " + old, params);
  static const std::vector<TimelineEvent> none;
  for (const auto& r : rows) {
    const Id id = r.integer(0);
    const Instant created = r.integer(1);
    const auto responded_at = r.opt_integer(9);
    const bool evaluated = !r.null(12) && (r.null(15) || r.text(15) != "timeout");
    const std::string satisfaction = r.null(13) ? std::string() : r.text(13);
    auto it = timelines.find(id);
    const TimelineFacts t = scan_timeline(it == timelines.end() ? none : it->second);
    c.exec(kInsertFacts,
           {id, created, r.text(2), r.text(3), Value(r.opt_integer(4)), Value(r.opt_integer(5)),
            Value(r.opt_integer(6)), Value(r.opt_integer(7)), Value(r.opt_integer(8)),
            responded_at.has_value(), responded_at && *responded_at - created <= 86400,
            !r.null(10), !r.null(11), evaluated, evaluated && r.integer(12) == 1,
            evaluated && (satisfaction == "satisfied" || satisfaction == "basically_satisfied"),
            r.integer(14), t.given ? Value(day_number(*t.given)) : Value(), Value(t.signed_at),
            t.returned_unsigned, t.extended_after_overdue, t.resolved_once, t.reopened,
            t.spot_checked, t.spot_failed});
  }
}

}  // namespace

void refresh_matter_facts(Tx& tx, const std::vector<Id>& ids) {
  for (std::size_t i = 0; i < ids.size(); i += kIdBatch) {
    QueryBuilder q;
    std::string in;
    for (std::size_t j = i; j < std::min(ids.size(), i + kIdBatch); ++j)
      in += (in.empty() ? "" : ", ") + q.bind(ids[j]);
    write_facts(tx, "m.id IN (" + in + ")", "e.matter_id IN (" + in + ")", "id IN (" + in + ")",
                q.params);
  }
}

std::int64_t rebuild_matter_facts(Tx& tx) {
  tx.conn().exec("DELETE FROM matter_facts");
  auto top = tx.conn().query("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM matters");
  const std::int64_t max_id = top[0].integer(0);
  for (std::int64_t from = 0; from < max_id; from += kRebuildBatch)
    write_facts(tx, "m.id > $1 AND m.id <= $2", "e.matter_id > $1 AND e.matter_id <= $2", "",
                {from, from + kRebuildBatch});
  return top[0].integer(1);
}

bool matter_facts_behind(Tx& tx) {
  auto r = tx.conn().query(
      "SELECT (SELECT COUNT(*) FROM matters), (SELECT COALESCE(MAX(id), 0) FROM matters), "
      "(SELECT COUNT(*) FROM matter_facts), (SELECT COALESCE(MAX(id), 0) FROM matter_facts)");
  return r[0].integer(0) != r[0].integer(2) || r[0].integer(1) != r[0].integer(3);
}

namespace {

// The counts over stored figures `m`: the column counts in the order of stats() (then its two
// overdue counts), the timeline counts, the sign-for count last, as counts_of() reads them. The
// sign-for columns say what domain/rates.cpp sign_for() says, `l.at` the limit of the giving day.
constexpr const char* kFactColumnCounts =
    "COUNT(*), SUM(m.responded), SUM(m.responded_in_time), SUM(m.accepted), "
    "SUM(CASE WHEN m.status = 'rejected' THEN 1 ELSE 0 END), SUM(m.assigned), "
    "SUM(CASE WHEN m.status IN ('resolved', 'verified', 'closed') THEN 1 ELSE 0 END), "
    "SUM(m.evaluated), SUM(m.solved), SUM(m.satisfied), "
    "SUM(CASE WHEN m.status = 'closed' THEN 1 ELSE 0 END), SUM(m.return_count), "
    "SUM(CASE WHEN m.return_count > 0 THEN 1 ELSE 0 END)";
constexpr const char* kFactTimelineCounts =
    "SUM(CASE WHEN m.resolved_at IS NOT NULL AND m.deadline IS NOT NULL THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.resolved_at <= m.deadline AND m.extended_after_overdue = 0 THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.resolved_at <= m.deadline AND m.extended_after_overdue = 1 THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN m.resolved_at > m.deadline THEN 1 ELSE 0 END), "
    "SUM(m.resolved_once), SUM(m.reopened), SUM(m.spot_checked), SUM(m.spot_failed), "
    "SUM(CASE WHEN m.signed_at IS NOT NULL AND m.signed_at <= l.at THEN 1 ELSE 0 END)";

FactFigures counts_of(const Row& r, std::size_t i) {
  auto n = [&](std::size_t k) { return r.null(i + k) ? 0 : r.integer(i + k); };
  FactFigures f;
  f.counts = stats_counts_of_row(r, i);
  RateCounts& t = f.timeline;
  t.resolved_with_deadline = n(15);
  t.on_time = n(16);
  t.on_time_after_extension = n(17);
  t.late = n(18);
  t.resolved_ever = n(19);
  t.reopened = n(20);
  t.spot_checked = n(21);
  t.spot_failed = n(22);
  t.signed_in_time = n(23);
  t.sign_counted = n(24);
  return f;
}

// `WITH l(day, at) AS (VALUES ...)`: the sign-for limit of every giving day a matter of the
// period can have (from the period's first day, or the first matter's, to today), as integer
// literals.
std::string sign_limits_cte(Tx& tx, const StatsFilter& f, const SignForRule& rule) {
  WorkCalendar none;
  const WorkCalendar& cal = rule.calendar ? *rule.calendar : none;
  auto oldest = tx.conn().query("SELECT MIN(created_at) FROM matter_facts");
  const Instant from = oldest[0].null(0) ? f.from : std::max(f.from, oldest[0].integer(0));
  const Date first = local_date(from);
  const Date last = local_date(std::max(f.now, f.to));
  std::string values;
  for (Date d = first; d <= last; d += std::chrono::days{1}) {
    const Instant limit = sign_for_limit(start_of_local_day(d), rule.sign_days, cal);
    // The first row names the types (a limit is a BIGINT, as every instant).
    values += values.empty() ? "(CAST(" + std::to_string(d.time_since_epoch().count()) +
                                   " AS INTEGER), CAST(" + std::to_string(limit) + " AS BIGINT))"
                             : ", (" + std::to_string(d.time_since_epoch().count()) + ", " +
                                   std::to_string(limit) + ")";
  }
  if (values.empty()) values = "(CAST(0 AS INTEGER), CAST(0 AS BIGINT))";
  return "WITH l(day, at) AS (VALUES " + values + ") ";
}

}  // namespace

namespace {

Rows fact_rows(Tx& tx, const StatsFilter& f, const GroupKey& k, const SignForRule& rule) {
  QueryBuilder q;
  const std::string now = q.bind(f.now);
  const std::string open = overdue_condition(q, f.now);
  q.sql = sign_limits_cte(tx, f, rule) + "SELECT " + k.key + ", " + kFactColumnCounts +
          ", SUM(CASE WHEN " + open + " OR (m.deadline IS NOT NULL AND m.resolved_at > m.deadline) "
          "THEN 1 ELSE 0 END), SUM(CASE WHEN " + open + " THEN 1 ELSE 0 END), " +
          kFactTimelineCounts +
          ", SUM(CASE WHEN m.given_day IS NOT NULL AND (m.signed_at IS NOT NULL OR "
          "(m.returned_unsigned = 0 AND " + now + " > l.at)) THEN 1 ELSE 0 END)"
          " FROM matter_facts m LEFT JOIN l ON l.day = m.given_day" + k.joins;
  add_stats_where(q, f);
  q.sql += " GROUP BY 1 ORDER BY 1";
  return tx.conn().query(q.sql, q.params);
}

}  // namespace

FactFigures fact_figures(Tx& tx, const StatsFilter& f, const SignForRule& rule) {
  const Rows rows = fact_rows(tx, f, {"0", ""}, rule);
  return rows.empty() ? FactFigures{} : counts_of(rows[0], 1);
}

std::vector<std::pair<std::string, FactFigures>> fact_figures_grouped(Tx& tx, const StatsFilter& f,
                                                                      GroupBy by,
                                                                      const SignForRule& rule) {
  std::vector<std::pair<std::string, FactFigures>> out;
  for (const auto& r : fact_rows(tx, f, group_key(by), rule))
    out.emplace_back(group_key_text(r, 0, by), counts_of(r, 1));
  return out;
}

}  // namespace huiyin::db
