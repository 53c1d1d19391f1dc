#include "demo/demo_visits.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "demo/demo_seed_data.hpp"
#include "domain/calendar.hpp"
#include "domain/table.hpp"
#include "features/matters/matters.hpp"
#include "features/records/record_kinds.hpp"
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
      RecordMatterInput m;
      m.title = parts[0];
      m.content = parts[1];
      in.matters.push_back(std::move(m));
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

namespace {

Error bad_record(int line, const std::string& what) {
  return invalid("演示数据 records.tsv 第" + std::to_string(line) + "行:" + what, "records.tsv");
}

// "username" or "姓名/职务".
RecordPersonInput person_of(const std::string& cell, const std::map<std::string, Actor>& actors) {
  if (actors.count(cell)) return {cell, "", ""};
  auto parts = split_field(cell, "/");
  return {"", parts.at(0), parts.size() > 1 ? parts[1] : ""};
}

// The first handler or unit leader of `org`, else the admin: who signs and answers its matters.
const Actor* handler_of(const std::string& org, const std::map<std::string, Actor>& actors) {
  const Actor* admin = nullptr;
  for (const auto& [name, a] : actors) {
    if (a.is_admin()) admin = &a;
    for (const auto& r : a.roles)
      if ((r.role == Role::handler || r.role == Role::unit_leader) && r.org.code == org) return &a;
  }
  return admin;
}

}  // namespace

Result<int> seed_demo_records(Services& s, ManualClock& clock, Instant now,
                              const std::map<std::string, Actor>& actors) {
  auto text = resource("demo/records.tsv");
  if (!text) return 0;
  auto dispatcher = actors.find("dispatcher");
  if (dispatcher == actors.end()) return bad_record(0, "缺少市级派单账号 dispatcher");
  // Each later step a minute on, never past the demo's present.
  auto tick = [&] {
    if (clock.now() + 120 < now) clock.set(clock.now() + 60);
  };
  int n = 0;
  for (const TableRow& r : read_tsv(*text, {.header = true, .comments = true})) {
    const int line = r.line();
    auto rec = actors.find(r.cell("recorder"));
    if (rec == actors.end()) return bad_record(line, "记录人账号不存在");
    const Actor& by = rec->second;
    int days = 0;
    try {
      days = std::stoi(r.cell("days_ago"));
    } catch (...) {
      return bad_record(line, "days_ago 无效");
    }
    const Instant at = start_of_local_day(local_date(now - days * kDay)) + 20 * 3600;
    clock.set(std::max(at, clock.now()));
    RecordInput in;
    in.kind = r.cell("kind");
    in.method = r.cell("method");
    in.date = format_date(local_date(now - days * kDay));
    in.place_org = r.cell("place");
    in.address = r.cell("address");
    for (const auto& l : split_field_nonempty(r.cell("leaders"), ","))
      in.leaders.push_back(person_of(l, actors));
    in.topic = r.cell("topic");
    in.summary = r.cell("summary");
    for (const auto& c : split_field_nonempty(r.cell("counts"), ",")) {
      auto kv = split_field(c, "=");
      if (kv.size() != 2) return bad_record(line, "counts 应为 名称=数字");
      in.counts[kv[0]] = std::stoll(kv[1]);
    }
    in.units = split_field_nonempty(r.cell("units"), ",");
    if (!r.cell("fields").empty()) {
      auto f = nlohmann::json::parse(r.cell("fields"), nullptr, false);
      if (!f.is_object()) return bad_record(line, "fields 应为 JSON 对象");
      for (auto it = f.begin(); it != f.end(); ++it) in.fields[it.key()] = it.value();
    }
    std::vector<std::string> outcomes;
    for (const auto& p : split_field_nonempty(r.cell("problems"), "；")) {
      auto parts = split_field(p, "|");
      if (parts.size() != 6) return bad_record(line, "问题应为 标题|内容|主办单位|结果|责任人|集体访");
      RecordMatterInput m;
      m.title = parts[0];
      m.content = parts[1];
      m.lead_org = parts[2];
      if (!parts[4].empty()) m.responsible = person_of(parts[4], actors);
      if (!parts[5].empty()) {
        auto g = split_field(parts[5].substr(parts[5].find('=') + 1), "/");
        m.group = GroupVisitInput{std::stoll(g.at(0)), std::stoll(g.at(1))};
      }
      in.matters.push_back(std::move(m));
      outcomes.push_back(parts[3]);
    }
    std::vector<std::string> statuses;
    for (const auto& d : split_field_nonempty(r.cell("decisions"), "；")) {
      auto parts = split_field(d, "|");
      if (parts.size() != 4) return bad_record(line, "交办事项应为 内容|责任单位|天数|状态");
      in.decisions.push_back(
          {parts[0], parts[1], format_date(local_date(clock.now() + std::stoll(parts[2]) * kDay))});
      statuses.push_back(parts[3]);
    }
    auto receipt = s.records().create(by, in, "demo-record-" + std::to_string(line));
    if (!receipt) return bad_record(line, receipt.error().field + " " + receipt.error().detail);
    // Each matter through the loop as far as its outcome says.
    for (std::size_t i = 0; i < receipt->matters.size(); ++i) {
      const std::string& code = receipt->matters[i];
      const std::string& outcome = outcomes[i];
      if (outcome.empty()) continue;
      const Actor* unit = handler_of(in.matters[i].lead_org, actors);
      // A matter assigned in its intake is at version 2 (submitted, then assigned); each action
      // answers the version it stored.
      std::int64_t version = 2;
      auto step = [&](const Actor& who, ActionRequest req) -> Status {
        tick();
        auto done = s.matters().act(who, code, req, version);
        if (!done) return done.error();
        version = done->summary.matter.version;
        return ok();
      };
      ActionRequest sign;
      sign.action = "sign";
      ActionRequest resolve;
      resolve.action = "resolve";
      const std::chrono::year_month_day today{local_date(clock.now())};
      resolve.reply = "已于" + std::to_string(static_cast<unsigned>(today.month())) + "月" +
                      std::to_string(static_cast<unsigned>(today.day())) + "日按" +
                      std::string(record_kind(in.kind)->label) + "交办要求整改完毕:" +
                      in.matters[i].title + "的问题已解决,并向群众当面反馈。";
      ActionRequest verify;
      verify.action = "verify";
      verify.solved = outcome != "unsolved";
      verify.satisfaction = outcome == "unsolved" ? "dissatisfied" : "satisfied";
      ActionRequest close;
      close.action = "close";
      for (Status st : {step(*unit, sign), step(*unit, resolve)})
        if (!st) return bad_record(line, code + " " + st.error().detail);
      if (outcome == "resolved") continue;
      if (Status st = step(dispatcher->second, verify); !st)
        return bad_record(line, code + " " + st.error().detail);
      if (outcome == "closed")
        if (Status st = step(dispatcher->second, close); !st)
          return bad_record(line, code + " " + st.error().detail);
    }
    if (!statuses.empty()) {
      auto view = s.records().get(by, receipt->code);
      if (!view) return bad_record(line, view.error().detail);
      for (std::size_t i = 0; i < view->measures.size() && i < statuses.size(); ++i) {
        if (statuses[i] == "planned") continue;
        tick();
        const Measure& m = view->measures[i].measure;
        RecordMeasurePatch patch;
        patch.status = statuses[i];
        if (statuses[i] == "in_progress") patch.progress = 60;
        auto u = s.records().update_measure(by, receipt->code, m.id, patch, m.version);
        if (!u) return bad_record(line, u.error().detail);
      }
    }
    ++n;
  }
  return n;
}

}  // namespace huiyin
