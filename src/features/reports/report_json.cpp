#include "features/reports/report_json.hpp"
#include "features/matters/matter_json.hpp"

#include "domain/public_status.hpp"

namespace huiyin::http {
namespace {

json rate(const std::optional<double>& r) { return r ? json(*r) : json(nullptr); }

// Every rate of domain/rates.hpp with its numerator and denominator, its name and definition;
// 按期办结率 with its split, and 超期件数.
json rates_json(const StatsFigures& f) {
  const RateCounts& c = f.rate_counts;
  json out = json::object();
  for (const auto& d : rate_definitions()) {
    const Fraction& r = f.rates.of(d.key);
    json j = {{"label", d.label},
              {"value", rate(r.value())},
              {"numerator", r.numerator},
              {"denominator", r.denominator},
              {"numerator_label", d.numerator},
              {"denominator_label", d.denominator},
              {"definition", d.definition},
              {"higher_is_better", d.higher_is_better}};
    if (d.key == RateKey::on_time) {
      j["on_time"] = c.on_time;
      j["on_time_after_extension"] = c.on_time_after_extension;
      j["late"] = c.late;
    }
    out[std::string(d.code)] = std::move(j);
  }
  out["overdue"] = {{"label", kOverdueLabel},
                    {"count", c.overdue_open + c.overdue_resolved},
                    {"open", c.overdue_open},
                    {"resolved_late", c.overdue_resolved},
                    {"definition", kOverdueDefinition}};
  return out;
}

}  // namespace

json figures_json(const StatsFigures& f) {
  const StatsCounts& c = f.counts;
  json j = {{"collected", c.collected},
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
          {"response_rate", rate(f.rates.response.value())},
          {"resolution_rate", rate(f.rates.resolution.value())},
          {"satisfaction_rate", rate(f.rates.satisfaction.value())},
          {"signed_in_time_rate", rate(f.rates.signed_in_time.value())},
          {"on_time_rate", rate(f.rates.on_time.value())},
          {"return_rate", rate(f.rates.returned.value())},
          {"reopen_rate", rate(f.rates.reopened.value())},
          {"spot_check_fail_rate", rate(f.rates.spot_check_failed.value())}};
  j["rates"] = rates_json(f);
  return j;
}

json overview_json(const StatsOverview& o) {
  json j = figures_json(o.current);
  j["from"] = format_date(o.from);
  j["to"] = format_date(o.to);
  j["previous"] = figures_json(o.previous);
  return j;
}

// 单位排名: each unit with its score, rank (null below the minimum volume), volume and rates.
json rankings_json(const Rankings& r) {
  json items = json::array();
  for (const auto& it : r.items) {
    json j = figures_json(it.figures);
    j["org"] = {{"code", it.org.code}, {"name", it.org.name}};
    j["level"] = it.level;
    j["score"] = it.score;
    j["full"] = it.full;
    j["rank"] = it.rank ? json(*it.rank) : json(nullptr);
    j["volume"] = it.figures.counts.collected;
    items.push_back(std::move(j));
  }
  const RankingWeights& w = r.weights;
  return {{"from", format_date(r.from)},
          {"to", format_date(r.to)},
          {"weights", {{"response", w.response}, {"resolution", w.resolution}, {"satisfaction", w.satisfaction}}},
          {"min_volume", w.min_volume},
          {"own_unit", r.own_unit.empty() ? json(nullptr) : json(r.own_unit)},
          {"method", "各率取95%威尔逊置信区间下限加权:综合得分 = 满分 × (响应率下限×" +
                         std::to_string(w.response) + " + 解决率下限×" + std::to_string(w.resolution) +
                         " + 满意率下限×" + std::to_string(w.satisfaction) + ") ÷ " +
                         std::to_string(w.response + w.resolution + w.satisfaction) +
                         ";部门满分100,地区满分150;收集问题少于" + std::to_string(w.min_volume) +
                         "件的单位列出但不排名(样本不足)"},
          {"items", std::move(items)}};
}

json group_rows_json(const std::vector<GroupRow>& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    json j = figures_json(r.figures);
    j["key"] = r.key;
    j["name"] = r.name;
    out.push_back(std::move(j));
  }
  return out;
}

// Each card with the list it opens: `query` is exactly the GET /api/v1/matters query of that list.
json workbench_json(const WorkbenchCounts& w) {
  json cards = json::array();
  json counts = json::object();
  for (const auto& c : w.cards) {
    cards.push_back({{"key", c.key},
                     {"label", c.label},
                     {"hot", c.hot},
                     {"count", c.count},
                     {"query", {{"card", c.key}}}});
    counts[c.key] = c.count;
  }
  return {{"cards", std::move(cards)}, {"counts", std::move(counts)}};
}

json wall_json(const WallPage& p) {
  json items = json::array();
  for (const auto& w : p.items) {
    items.push_back({
        {"code", w.code},
        {"title", w.title},
        {"content", w.content},
        {"category", w.category_code.empty() ? json(nullptr) : json(w.category_code)},
        {"category_label", w.category_name.empty() ? json(nullptr) : json(w.category_name)},
        {"district", w.district_code.empty() ? json(nullptr) : json(w.district_code)},
        {"district_name", w.district_name.empty() ? json(nullptr) : json(w.district_name)},
        {"status", code(w.status)},
        {"status_label", label(w.status)},
        // What the page shows: the public wording, never the internal 被退回 (issue 9).
        {"public_status_label", public_label(w.status)},
        {"created_at", iso_time(w.created_at)},
        {"reply", w.reply.empty() ? json(nullptr) : json(w.reply)},
        {"resolved_at", iso_time_or_null(w.resolved_at)},
        {"unit_name", w.unit_name.empty() ? json(nullptr) : json(w.unit_name)},
    });
  }
  return {{"items", std::move(items)},
          {"next_cursor", p.next_cursor.empty() ? json(nullptr) : json(p.next_cursor)},
          {"totals", {{"collected", p.collected}, {"resolved", p.resolved}}}};
}

}  // namespace huiyin::http
