#include "demo/demo_visits.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "demo/demo_seed_data.hpp"
#include "domain/calendar.hpp"
#include "domain/table.hpp"
#include "features/records/records.hpp"
#include "share/resources.hpp"

namespace huiyin {
namespace {

constexpr Instant kDay = 86400;


// An empty cell has no parts.
std::vector<std::string> split_field_nonempty(std::string_view s, std::string_view sep) {
  if (s.empty()) return {};
  return split_field(s, sep);
}

Error bad(int line, const std::string& what) {
  return invalid("演示数据 visits.tsv 第" + std::to_string(line) + "行:" + what, "visits.tsv");
}

}  // namespace

Result<int> seed_demo_visits(Services& s, ManualClock& clock, Instant now,
                             const std::map<std::string, Actor>& actors) {
  auto text = resource("demo/visits.tsv");
  if (!text) return 0;
  int n = 0;
  for (const TableRow& r : read_tsv(*text, {.header = true, .comments = true})) {
    auto leader = actors.find(r.cell("leader"));
    if (leader == actors.end()) return bad(r.line(), "带队领导账号不存在");
    int days = 0;
    try {
      days = std::stoi(r.cell("days_ago"));
    } catch (...) {
      return bad(r.line(), "days_ago 无效");
    }
    // Mid-morning of that day: a visit is recorded when the team is back.
    const Instant at = start_of_local_day(local_date(now - days * kDay)) + 11 * 3600;
    clock.set(std::max(at, clock.now()));
    RecordInput in;
    in.kind = "visit";
    in.method = r.cell("method");
    in.date = format_date(local_date(at));
    in.place_org = r.cell("place");
    in.address = r.cell("address");
    in.leaders = {{leader->first, "", ""}};
    in.topic = r.cell("topic");
    in.summary = r.cell("summary");
    if (!r.cell("attendees").empty()) in.counts["attendees"] = std::stoll(r.cell("attendees"));
    in.units = split_field_nonempty(r.cell("units"), ",");
    for (const auto& p : split_field_nonempty(r.cell("problems"), "；")) {
      auto parts = split_field(p, "|");
      if (parts.size() != 2) return bad(r.line(), "问题应为 标题|内容");
      in.matters.push_back({parts[0], parts[1], "", "", "", "", "", {}});
    }
    auto rec = s.records().create(leader->second, in, "demo-visit-" + std::to_string(r.line()));
    if (!rec) return bad(r.line(), rec.error().detail);
    if (!r.cell("decision").empty()) {
      auto parts = split_field_nonempty(r.cell("decision"), "|");
      if (parts.size() != 3) return bad(r.line(), "决定应为 内容|责任单位|天数");
      const std::string deadline = format_date(local_date(at + std::stoll(parts[2]) * kDay));
      auto m = s.records().add_measure(leader->second, rec->code, {parts[0], parts[1], deadline});
      if (!m) return bad(r.line(), m.error().detail);
    }
    ++n;
  }
  return n;
}

}  // namespace huiyin
