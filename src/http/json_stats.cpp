#include "http/json_views.hpp"

namespace huiyin::http {
namespace {

json rate(const std::optional<double>& r) { return r ? json(*r) : json(nullptr); }

}  // namespace

json figures_json(const StatsFigures& f) {
  const StatsCounts& c = f.counts;
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
          {"response_rate", rate(f.rates.response)},
          {"resolution_rate", rate(f.rates.resolution)},
          {"satisfaction_rate", rate(f.rates.satisfaction)}};
}

json overview_json(const StatsOverview& o) {
  json j = figures_json(o.current);
  j["from"] = format_date(o.from);
  j["to"] = format_date(o.to);
  j["previous"] = figures_json(o.previous);
  return j;
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

json workbench_json(const WorkbenchCounts& w) {
  return {{"counts",
           {{"to_accept", w.to_accept},
            {"to_sign", w.to_sign},
            {"in_progress", w.in_progress},
            {"returned", w.returned},
            {"to_verify", w.to_verify},
            {"to_close", w.to_close},
            {"extension_requests", w.extension_requests},
            {"overdue", w.overdue}}}};
}

}  // namespace huiyin::http
